/* ask.c: the client side of rv-classify -s (ask.h). */
#include "ask.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int
ask_connect(const char *path)
{
	struct sockaddr_un a;
	int fd, e;

	memset(&a, 0, sizeof(a));
	a.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(a.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(a.sun_path, path, strlen(path));
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* Write all of p[0..n) to fd; 0 or -1. */
static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, p, n)) < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
ask_exchange(int fd, const char *in, size_t nin, int in_fd, int out_fd, struct buf *out,
    const char **what)
{
	struct pollfd pf[2];
	char ibuf[65536], obuf[65536];
	int sending = 1;
	ssize_t r;

	*what = NULL;
	for (;;) {
		/* what is to be sent: in[0..nin), refilled from in_fd */
		if (sending && nin == 0 && in_fd < 0) {
			sending = 0;
			shutdown(fd, SHUT_WR);
		}
		pf[0].fd = sending && nin == 0 ? in_fd : -1;
		pf[0].events = POLLIN;
		pf[1].fd = fd;
		pf[1].events = POLLIN | (sending && nin > 0 ? POLLOUT : 0);
		if (poll(pf, 2, -1) < 0)
			return -1;
		if (pf[0].fd >= 0 && (pf[0].revents & (POLLIN | POLLHUP | POLLERR))) {
			if ((r = read(in_fd, ibuf, sizeof(ibuf))) < 0) {
				*what = "<stdin>";
				return -1;
			}
			in = ibuf;
			nin = (size_t)r;
			if (r == 0)
				in_fd = -1;
		}
		if (sending && nin > 0 && (pf[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
			if ((r = send(fd, in, nin, MSG_DONTWAIT | MSG_NOSIGNAL)) >= 0) {
				in += r;
				nin -= (size_t)r;
			} else if (errno == EPIPE || errno == ECONNRESET) {
				sending = 0;	/* the server stopped reading: its answer says why */
				nin = 0;
			} else if (errno != EAGAIN && errno != EWOULDBLOCK) {
				return -1;
			}
		}
		if (pf[1].revents & (POLLIN | POLLHUP | POLLERR)) {
			if ((r = read(fd, obuf, sizeof(obuf))) < 0) {
				if (errno == ECONNRESET)
					return 0;
				return -1;
			}
			if (r == 0)
				return 0;
			if (out_fd < 0)
				buf_add(out, obuf, (size_t)r);
			else if (write_all(out_fd, obuf, (size_t)r) < 0) {
				*what = "<stdout>";
				return -1;
			}
		}
	}
}
