/* A rename added after the baseline was written. */
int store_copy(int fd, const char *tmp, const char *final)
{
	if (fsync(fd) != 0)
		return -1;
	if (rename(tmp, final) != 0)
		return -1;
	return 0;
}
