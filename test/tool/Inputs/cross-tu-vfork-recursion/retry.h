void ping(char *const argv[]);
void pong(char *const argv[]);
