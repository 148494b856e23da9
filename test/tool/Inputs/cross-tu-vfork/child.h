void run_child(char *const argv[]);
void log_msg(const char *msg);
