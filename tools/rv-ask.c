/* rv-ask: send standard input to an rv-classify -s server and write its answer. */
#include "ask.h"
#include "util.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXIT_NOSERVER 3	/* no connection: standard input is untouched */

static void
usage(void)
{
	fprintf(stderr, "usage: rv-ask [-t seconds] socket\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	const char *path, *what;
	int ch, fd, tmo = 10;

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
	signal(SIGPIPE, SIG_IGN);
	alarm((unsigned)tmo);	/* past it, SIGALRM ends this program */
	if ((fd = ask_connect(path)) < 0) {
		rv_warn("%s: %s", path, errno == ENAMETOOLONG ? "the socket's path is too long" : strerror(errno));
		return EXIT_NOSERVER;
	}
	if (ask_exchange(fd, NULL, 0, STDIN_FILENO, STDOUT_FILENO, NULL, &what) < 0) {
		rv_warn("%s: %s", what ? what : path, strerror(errno));
		return 1;
	}
	close(fd);
	return 0;
}
