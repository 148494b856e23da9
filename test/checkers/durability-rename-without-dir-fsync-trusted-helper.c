// RUN: %check_durability -check-suffix=DEFAULT %s durability-rename-without-dir-fsync %t -- -std=gnu11
// RUN: %check_durability -check-suffix=LISTED -check-option 'DirSyncFunctions=archive_commit;project_commit_dir' %s durability-rename-without-dir-fsync %t -- -std=gnu11
// RUN: %check_durability -check-suffix=PATTERN -check-option DirSyncFunctionPattern=^[Ss]tore_?[Cc]ommit %s durability-rename-without-dir-fsync %t -- -std=gnu11

// Directory-sync helpers defined in another file: only their names are
// seen. Names such as fsync_parent_dir or fsyncDirectory match the default
// DirSyncFunctionPattern; other names are trusted when listed in
// DirSyncFunctions (a semicolon-separated list) or matched by a project's
// own DirSyncFunctionPattern (which replaces the default one). Patterns are
// case-sensitive; the default one follows snake, camel and upper case, so
// that "dir" must be a whole word: flush_dirty_pages is no directory sync.

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int fsync_parent_dir(const char *path);
int fsyncDirectory(const char *path);
int project_commit_dir(const char *path);
int StoreCommitEntry(const char *path);
int flush_dirty_pages(const char *path);

static int write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  return close(fd);
}

// Silent by the default pattern (DEFAULT, LISTED); the custom pattern of
// the PATTERN run replaces the default and does not match it.
int save_state(const char *text) {
  if (write_file("state.tmp", text) != 0)
    return -1;
  if (rename("state.tmp", "state") != 0)
    return -1;
  // CHECK-MESSAGES-PATTERN: :[[@LINE-2]]:7: warning: rename to "state" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES-PATTERN:      {{^}}  if (rename("state.tmp", "state") != 0){{$}}
  // CHECK-FIXES-PATTERN-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-PATTERN-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-PATTERN-NEXT: {{^}}    int durcheck_dfd = open(".", O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-MESSAGES-PATTERN: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return fsync_parent_dir("state");
}

// Silent by the default pattern, which knows camel case; warns in the
// PATTERN run.
int save_journal(const char *text) {
  if (write_file("journal.tmp", text) != 0)
    return -1;
  if (rename("journal.tmp", "journal") == -1)
    return -1;
  // CHECK-MESSAGES-PATTERN: :[[@LINE-2]]:7: warning: rename to "journal" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES-PATTERN:      {{^}}  if (rename("journal.tmp", "journal") == -1){{$}}
  // CHECK-FIXES-PATTERN-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-PATTERN-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-PATTERN-NEXT: {{^}}    int durcheck_dfd = open(".", O_RDONLY | O_DIRECTORY);{{$}}
  fsyncDirectory("journal");
  // CHECK-MESSAGES-PATTERN: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}

// Warns by default; silent when DirSyncFunctions lists the helper.
int save_index(const char *text) {
  if (write_file("index.tmp", text) != 0)
    return -1;
  if (rename("index.tmp", "index") != 0)
    return -1;
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-2]]:7: warning: rename to "index" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES-PATTERN: :[[@LINE-3]]:7: warning: rename to "index" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES-DEFAULT:      {{^}}  if (rename("index.tmp", "index") != 0){{$}}
  // CHECK-FIXES-DEFAULT-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-DEFAULT-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-DEFAULT-NEXT: {{^}}    int durcheck_dfd = open(".", O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-PATTERN:      {{^}}  if (rename("index.tmp", "index") != 0){{$}}
  // CHECK-FIXES-PATTERN-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-PATTERN-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-PATTERN-NEXT: {{^}}    int durcheck_dfd = open(".", O_RDONLY | O_DIRECTORY);{{$}}
  if (project_commit_dir("index") != 0)
    return -1;
  // CHECK-MESSAGES-DEFAULT: :[[@LINE+2]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES-PATTERN: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}

// Warns unless the custom pattern covers it.
int save_catalog(const char *text) {
  if (write_file("catalog.tmp", text) != 0)
    return -1;
  if (rename("catalog.tmp", "catalog") != 0)
    return -1;
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-2]]:7: warning: rename to "catalog" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES-LISTED: :[[@LINE-3]]:7: warning: rename to "catalog" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES-DEFAULT:      {{^}}  if (rename("catalog.tmp", "catalog") != 0){{$}}
  // CHECK-FIXES-DEFAULT-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-DEFAULT-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-DEFAULT-NEXT: {{^}}    int durcheck_dfd = open(".", O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-LISTED:      {{^}}  if (rename("catalog.tmp", "catalog") != 0){{$}}
  // CHECK-FIXES-LISTED-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-LISTED-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-LISTED-NEXT: {{^}}    int durcheck_dfd = open(".", O_RDONLY | O_DIRECTORY);{{$}}
  StoreCommitEntry("catalog");
  // CHECK-MESSAGES-DEFAULT: :[[@LINE+2]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES-LISTED: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}

// "dirty" is not "dir": the default pattern trusts no such helper.
int save_pages(const char *text) {
  if (write_file("pages.tmp", text) != 0)
    return -1;
  if (rename("pages.tmp", "pages") != 0)
    return -1;
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-2]]:7: warning: rename to "pages" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES-LISTED: :[[@LINE-3]]:7: warning: rename to "pages" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES-PATTERN: :[[@LINE-4]]:7: warning: rename to "pages" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES-DEFAULT:      {{^}}  if (rename("pages.tmp", "pages") != 0){{$}}
  // CHECK-FIXES-DEFAULT-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-DEFAULT-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-LISTED:      {{^}}  if (rename("pages.tmp", "pages") != 0){{$}}
  // CHECK-FIXES-LISTED-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-LISTED-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-PATTERN:      {{^}}  if (rename("pages.tmp", "pages") != 0){{$}}
  // CHECK-FIXES-PATTERN-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-PATTERN-NEXT: {{^}}  {{{$}}
  flush_dirty_pages("pages");
  // CHECK-MESSAGES-DEFAULT: :[[@LINE+3]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES-LISTED: :[[@LINE+2]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES-PATTERN: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}
