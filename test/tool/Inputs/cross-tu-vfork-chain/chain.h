void run_wrapped(char *const argv[]);
void run_logged(char *const argv[]);
void exec_or_die(char *const argv[]);
void exec_logged(char *const argv[]);
