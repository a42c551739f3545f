/*
 * rv-page: the web form's answer (rv.cgi(8)) from what rv-classify -r -w
 * made of a request, as an HTML section or JSON; with -s, the request's
 * form body sent to an rv-classify -s server and its answer rendered, all
 * in this one process.
 */
#include "ask.h"
#include "form.h"
#include "page.h"
#include "util.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXIT_NOSERVER 3		/* -s: no connection; standard input is untouched */
#define MAX_ANSWER (256L << 20)

static volatile sig_atomic_t timed_out;

static void
usage(void)
{
	fprintf(stderr, "usage: rv-page [-f html|json] [-l labels] [-t seconds] [-n length -s socket]\n");
	exit(2);
}

static void
on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

/*
 * -s: the form body, exactly length bytes of standard input, decoded as
 * rv-formdecode -l -f format -f review does, to the server at path; its
 * answer in ans.  An exit status for a failure before the answer, else 0.
 */
static int
ask(const char *path, long length, int tmo, int *json, struct buf *ans)
{
	static const char *const field[] = { "format", "review" };
	struct sigaction sa;
	struct buf body = {0}, text = {0};
	const char *what;
	int fd, rc = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: a call waiting gets EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* the server has its own limit of tmo seconds and says so; this one is for a server that does not */
	alarm((unsigned)tmo + 2);
	if ((fd = ask_connect(path)) < 0) {
		if (timed_out)
			goto late;
		rv_warn("%s: %s", path, errno == ENAMETOOLONG ? "the socket's path is too long" : strerror(errno));
		return EXIT_NOSERVER;
	}
	if (form_read(STDIN_FILENO, (size_t)length, &body) < 0) {
		if (timed_out)
			goto late;
		rv_warn("<stdin>: %s", strerror(errno));
		rc = 1;
		goto out;
	}
	if (body.n < (size_t)length) {
		rv_warn("<stdin>: %zu bytes, fewer than the %ld of -n", body.n, length);
		rc = PAGE_SHORT;
		goto out;
	}
	form_fields(body.p, body.n, field, 2, 1, 0, &text);
	if (text.n >= 5 && !memcmp(text.p, "json\n", 5))
		*json = 1;
	else if (text.n >= 5 && !memcmp(text.p, "html\n", 5))
		*json = 0;
	if (ask_exchange(fd, text.p, text.n, -1, -1, ans, &what) < 0) {
		if (timed_out)
			goto late;
		rv_warn("%s: %s", path, strerror(errno));	/* what came is read: it says no status */
	}
	goto out;
late:
	rv_warn("%s: no answer in %d s", path, tmo + 2);
	rc = PAGE_TIME + *json;
out:
	if (fd >= 0)
		close(fd);
	alarm(0);
	buf_free(&body);
	buf_free(&text);
	return rc;
}

int
main(int argc, char *argv[])
{
	static const char *const formats[] = { "html", "json" };
	struct buf in = {0}, out = {0};
	const char *labels = "1=negative 2=positive", *sock = NULL;
	long length = -1;
	int ch, rc, json = 0, tmo = 10;

	progname = "rv-page";
	while ((ch = getopt(argc, argv, "f:hl:n:s:t:")) != -1) {
		switch (ch) {
		case 'f':
			json = opt_choice("-f", optarg, formats, 2);
			break;
		case 'l':
			labels = optarg;
			break;
		case 'n':
			length = opt_long("-n", optarg, 0, 1L << 30);
			break;
		case 's':
			sock = optarg;
			break;
		case 't':
			tmo = (int)opt_long("-t", optarg, 1, 9999);
			break;
		default:
			usage();
		}
	}
	if (optind != argc || !sock != (length < 0))
		usage();
	if (sock) {
		if ((rc = ask(sock, length, tmo, &json, &in)) != 0)
			return rc;
	} else if (form_read(STDIN_FILENO, (size_t)MAX_ANSWER + 1, &in) < 0) {
		rv_warn("<stdin>: %s", strerror(errno));
		return 1;
	} else if (in.n > (size_t)MAX_ANSWER) {
		rv_warn("<stdin>: more than %ld bytes", MAX_ANSWER);
		return PAGE_BAD + json;
	}
	rc = page_render(in.p, in.n, json, labels, tmo, &out);
	if (out.n && fwrite(out.p, 1, out.n, stdout) != out.n)
		rc = 1;
	buf_free(&in);
	buf_free(&out);
	if (fshut(stdout, "<stdout>"))
		rc = 1;
	return rc;
}
