void try_exec(char *const argv[]);
