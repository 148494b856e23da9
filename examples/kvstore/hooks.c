/* hooks.c - run user-configured commands without copying our address space. */
#include "kvstore.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int wait_child(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return -1;
}

/* Run cmd through the shell with KV_EVENT describing what just happened. */
int hook_run(const char *cmd, const char *event)
{
	pid_t pid = vfork();

	if (pid == 0) {
		setenv("KV_EVENT", event, 1);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		exit(127);
	}
	if (pid < 0) {
		perror("vfork");
		return -1;
	}
	return wait_child(pid);
}

int spawn_plain(const char *path, char *const argv[])
{
	pid_t pid = vfork();

	if (pid == 0) {
		execv(path, argv);
		_exit(127);
	}
	if (pid < 0) {
		perror("vfork");
		return -1;
	}
	return wait_child(pid);
}
