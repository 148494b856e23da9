/* A unit that does not compile: a declaration without its semicolon. */
int broken(void) {
  int x = 1
  return x;
}
