/*
 * kwork.c - a short program whose system calls make the kernel allocate:
 * a pipe, a file, an eventfd and a socket, opened and closed again.
 * Its kmem events were captured with tests/import/src/capture.sh.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

int
main(void)
{
	int p[2], fd, e, s;
	char buf[64] = "x";

	if (pipe(p) != 0)
		return 1;
	write(p[1], buf, sizeof buf);
	read(p[0], buf, sizeof buf);
	fd = open("/tmp/kwork.tmp", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	write(fd, buf, sizeof buf);
	e = eventfd(0, 0);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	close(s);
	close(e);
	close(fd);
	close(p[0]);
	close(p[1]);
	unlink("/tmp/kwork.tmp");
	return 0;
}
