// RUN: %check_durability %s durability-vfork-misuse %t -- -std=gnu11

// Writes in the child: globals, fields, array elements, through pointers,
// ++ and compound assignment, writes spelled by a macro, and locals -- even ones declared in the
// child's block, which live in the frame the parent resumes in. The pid
// that receives vfork's result may be written.

#include <sys/types.h>
#include <unistd.h>

struct job {
  pid_t pid;
  int state;
};

int spawned;
int fds[2];

// Positive: a global counter.
void global(char *const argv[]) {
  if (vfork() == 0) {
    spawned++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child writes to 'spawned' before exec or _exit, which is undefined: the memory belongs to the suspended parent [durability-vfork-misuse]
    _exit(1);
  }
}

// Positive: a field through a pointer; the pid field itself is the
// result's home and may be written.
void field(struct job *j, char *const argv[]) {
  j->pid = vfork();
  if (j->pid == 0) {
    j->pid = 0;
    j->state = 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child writes to 'j->state' before exec or _exit
    _exit(1);
  }
}

// Positive: an element of a global array.
void element(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    fds[0] = -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child writes to 'fds[0]' before exec or _exit
    _exit(1);
  }
}

// Positive: a local of the parent, with a compound assignment.
int parent_local(char *const argv[]) {
  int tries = 0;
  pid_t pid = vfork();
  if (pid == 0) {
    tries += 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child writes to 'tries' before exec or _exit
    _exit(1);
  }
  return tries;
}

// Positive: a local declared and initialised in the child's block.
void child_local(const char *cmd) {
  pid_t pid = vfork();
  if (pid == 0) {
    char *args[] = {"sh", "-c", (char *)cmd, 0};
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: vfork child writes to 'args' before exec or _exit
    execv("/bin/sh", args);
    _exit(127);
  }
}

// Negative: the arguments are built before vfork; the child writes only
// its pid, and declares a local it does not initialise.
void prepared(const char *cmd) {
  char *args[] = {"sh", "-c", (char *)cmd, 0};
  pid_t pid = vfork();
  if (pid == 0) {
    int unused;
    pid = -1;
    execv("/bin/sh", args);
    _exit(127);
  }
}

// Positive: a write spelled by a macro names the variable.
int tty_owner;
#define FORGET_TTY() (tty_owner = 0)
void by_macro(void) {
  if (vfork() == 0) {
    FORGET_TTY();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child writes to 'tty_owner' before exec or _exit
    _exit(0);
  }
}
