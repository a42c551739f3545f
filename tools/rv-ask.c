/* rv-ask: send standard input to an rv-classify -s server and write its answer. */
#include "util.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define EXIT_NOSERVER 3	/* no connection: standard input is untouched */

static void
usage(void)
{
	fprintf(stderr, "usage: rv-ask [-t seconds] socket\n");
	exit(2);
}

/* Write all of p[0..n) to fd; 0 or -1. */
static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	struct sockaddr_un a;
	struct pollfd pf[2];
	char buf[65536];
	const char *path;
	int ch, fd, in_open = 1, tmo = 10;
	ssize_t r;

	progname = "rv-ask";
	while ((ch = getopt(argc, argv, "ht:")) != -1) {
		switch (ch) {
		case 't':
			tmo = (int)opt_long("-t", optarg, 1, 9999);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage();
	path = argv[0];
	memset(&a, 0, sizeof(a));
	a.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(a.sun_path)) {
		rv_warn("%s: the socket's path is too long", path);
		return EXIT_NOSERVER;
	}
	memcpy(a.sun_path, path, strlen(path));
	signal(SIGPIPE, SIG_IGN);
	alarm((unsigned)tmo);	/* past it, SIGALRM ends this program */
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0 ||
	    connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		rv_warn("%s: %s", path, strerror(errno));
		return EXIT_NOSERVER;
	}
	/* both ways at once: the server answers while it still reads */
	for (;;) {
		pf[0].fd = in_open ? STDIN_FILENO : -1;
		pf[0].events = POLLIN;
		pf[1].fd = fd;
		pf[1].events = POLLIN;
		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			rv_warn("poll: %s", strerror(errno));
			return 1;
		}
		if (in_open && (pf[0].revents & (POLLIN | POLLHUP | POLLERR))) {
			if ((r = read(STDIN_FILENO, buf, sizeof(buf))) < 0 && errno != EINTR) {
				rv_warn("<stdin>: %s", strerror(errno));
				return 1;
			}
			if (r == 0) {
				in_open = 0;
				shutdown(fd, SHUT_WR);
			} else if (r > 0 && write_all(fd, buf, (size_t)r) < 0) {
				rv_warn("%s: %s", path, strerror(errno));
				return 1;
			}
		}
		if (pf[1].revents & (POLLIN | POLLHUP | POLLERR)) {
			if ((r = read(fd, buf, sizeof(buf))) < 0) {
				if (errno == EINTR)
					continue;
				rv_warn("%s: %s", path, strerror(errno));
				return 1;
			}
			if (r == 0)
				break;
			if (write_all(STDOUT_FILENO, buf, (size_t)r) < 0) {
				rv_warn("<stdout>: %s", strerror(errno));
				return 1;
			}
		}
	}
	close(fd);
	return 0;
}
