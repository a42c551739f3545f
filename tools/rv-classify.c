/*
 * rv-classify: label raw review text with a model in one process: rv-clean,
 * rv-stem, rv-tokenize and rv-predict -p in one.
 *
 * It starts fast (rv.cgi runs it once per request): the model stays in the
 * mapped file (model_open), and the network holds only the embedding rows
 * of the batch's words, renumbered; the rest of its parameters are the
 * model's.  The predictions are the same: an embedding is only looked up.
 */
#include "io.h"
#include "model.h"
#include "nn.h"
#include "prep.h"
#include "stem.h"
#include "tensor.h"
#include "text.h"
#include "util.h"
#include "vocab.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define DEFAULT_SEQLEN 100	/* rv-tokenize's, for a model that records none */
#define WORKERS 4		/* -s: connections answered at once, by default */

struct cls {
	const char *mpath;
	struct model *md;
	struct nn *net;		/* NULL until the first batch */
	size_t Vc;		/* embedding rows the network holds: 2 + the batch's words */
	int full;		/* Vc is the model's V: no renumbering */
	uint32_t *slot;		/* (nslot) open addressing: model id + 1, 0 empty */
	uint32_t *slotc;	/* (nslot) its row in the network */
	size_t nslot;
	struct text *text;
	struct stem *stem;
	int B, T, K, words, raw;
	int n;			/* records in the batch */
	uint32_t *ids;		/* (B, T) model ids */
	uint32_t *cids;		/* (B, T) the network's rows */
	uint32_t *len;		/* (B) */
	float *probs;		/* (B, K) */
	struct buf *stems;	/* (B) each record's stemmed words, for -w */
	struct buf *lines;	/* (B) each record's line as read, for -r */
	struct buf clean, out;
	int werr;		/* stdout failed (1) or the model (2) */
};

static void
usage(void)
{
	fprintf(stderr, "usage: rv-classify [-rw] [-b batch] [-t threads] -m model [file ...]\n"
	    "       rv-classify [-rw] [-b batch] [-j workers] [-T seconds] -m model -s socket\n");
	exit(2);
}

/*
 * A network for batches of up to maxB records: its configuration is the
 * model's with V = Vc rows of embedding (the embedding is the first
 * parameter group, (V, E)); every other parameter is copied from the model.
 */
static int
net_open(struct cls *c, int maxB)
{
	const struct model *md = c->md;
	struct nn_config nc = md->c;
	size_t E = (size_t)nc.E, V = (size_t)nc.V, rest, off, n;
	const char *name;

	nc.T = c->T;
	if (nn_nparams(&nc) != md->nparams) {
		rv_warn("%s: inconsistent model: %zu parameters, its configuration needs %zu",
		    c->mpath, md->nparams, nn_nparams(&nc));
		return -1;
	}
	rest = md->nparams - V * E;
	c->Vc = (size_t)maxB * c->T + 2;
	c->full = c->Vc >= V;
	for (;;) {
		if (c->full)
			c->Vc = V;
		nc.V = (int)c->Vc;
		if (c->net)
			nn_free(c->net);
		c->net = nn_new(&nc, maxB);
		nn_set_inference(c->net, 1);
		name = nn_group(c->net, 0, &off, &n, NULL);
		if (c->full || (name && !strcmp(name, "emb") && off == 0 && n == c->Vc * E &&
		    c->net->nparams == rest + c->Vc * E))
			break;
		c->full = 1;	/* not the layout expected: the whole embedding */
	}
	if (c->full) {
		model_read(md, 0, md->nparams, c->net->param);
		return 0;
	}
	model_read(md, V * E, rest, c->net->param + c->Vc * E);
	model_read(md, 0, 2 * E, c->net->param);	/* padding and unknown: rows 0 and 1 */
	free(c->slot);
	free(c->slotc);
	for (c->nslot = 16; c->nslot < 2 * c->Vc; c->nslot *= 2)
		;
	c->slot = xcalloc(c->nslot, sizeof(*c->slot));
	c->slotc = xcalloc(c->nslot, sizeof(*c->slotc));
	return 0;
}

/* The batch's model ids as rows of the network, those rows copied from the model. */
static void
net_rows(struct cls *c)
{
	size_t E = (size_t)c->md->c.E, next = 2, mask = c->nslot - 1, h;
	uint32_t id, j;
	int i;

	memset(c->slot, 0, c->nslot * sizeof(*c->slot));
	for (i = 0; i < c->n; i++)
		for (j = 0; j < c->len[i]; j++) {
			size_t at = (size_t)i * c->T + j;

			id = c->ids[at];
			if (id < 2) {
				c->cids[at] = id;
				continue;
			}
			for (h = (id * 2654435761u) & mask; c->slot[h] && c->slot[h] != id + 1;
			    h = (h + 1) & mask)
				;
			if (!c->slot[h]) {
				c->slot[h] = id + 1;
				c->slotc[h] = (uint32_t)next;
				model_read(c->md, (size_t)id * E, E, c->net->param + next * E);
				next++;
			}
			c->cids[at] = c->slotc[h];
		}
}

/* Run the network on the batch and write a line per record. */
static void
flush_batch(struct cls *c)
{
	const struct vocab *v = c->md->vocab;
	int i, k, best;
	uint32_t j;

	if (c->n == 0 || c->werr)
		return;
	if ((!c->net || c->net->maxB < c->n) && net_open(c, c->net ? c->B : c->n) < 0) {
		c->werr = 2;
		return;
	}
	if (c->full) {
		nn_forward(c->net, c->n, c->ids, c->len, NULL, c->probs, 0, 0);
	} else {
		net_rows(c);
		nn_forward(c->net, c->n, c->cids, c->len, NULL, c->probs, 0, 0);
	}
	c->out.n = 0;
	for (i = 0; i < c->n; i++) {
		const float *pr = c->probs + (size_t)i * c->K;
		const uint32_t *ids = c->ids + (size_t)i * c->T;

		best = 0;
		for (k = 1; k < c->K; k++)
			if (pr[k] > pr[best])
				best = k;
		buf_adds(&c->out, v->label[best]);
		for (k = 0; k < c->K; k++)
			buf_printf(&c->out, "\t%.4f", pr[k]);
		if (c->words) {
			buf_addc(&c->out, '\t');
			for (j = 0; j < c->len[i]; j++) {
				if (j)
					buf_addc(&c->out, ' ');
				buf_add(&c->out, v->tok[ids[j]], v->tlen[ids[j]]);
			}
			buf_addc(&c->out, '\t');
			buf_add(&c->out, c->stems[i].p, c->stems[i].n);
		}
		if (c->raw) {
			buf_addc(&c->out, '\t');
			buf_add(&c->out, c->lines[i].p, c->lines[i].n);
		}
		buf_addc(&c->out, '\n');
	}
	c->n = 0;
	if (fwrite(c->out.p, 1, c->out.n, stdout) != c->out.n || fflush(stdout) == EOF) {
		if (errno != EPIPE)
			rv_warn("<stdout>: %s", strerror(errno ? errno : EIO));
		c->werr = 1;
	}
}

/*
 * One line of raw text into the batch: cleaned as rv-clean does, stemmed as
 * rv-stem does, its first T words (its last T when the model's tensors
 * kept the tail) looked up as rv-tokenize does.  A fastText label at the
 * start is passed over.
 */
static void
add_line(struct cls *c, const char *line, size_t n)
{
	struct buf *st = &c->stems[c->n];
	uint32_t *ids = c->ids + (size_t)c->n * c->T;
	size_t pos = 0, wl, start = 0;
	const char *w;

	if (c->raw) {
		c->lines[c->n].n = 0;
		buf_add(&c->lines[c->n], line, n);
	}
	text_clean(c->text, line, n, &c->clean);
	stem_line(c->stem, c->clean.p, c->clean.n, st);
	w = vocab_word(st->p, st->n, &pos, &wl);
	if (w && vocab_is_label(w, wl)) {
		start = pos;
		while (start < st->n && vocab_sep[(unsigned char)st->p[start]])
			start++;
		memmove(st->p, st->p + start, st->n - start);
		st->n -= start;
		st->p[st->n] = '\0';
	}
	c->len[c->n] = (uint32_t)vocab_line_ids(c->md->vocab, st->p, st->n, ids, (size_t)c->T,
	    c->md->c.keep == TENSOR_KEEP_TAIL);
	if (++c->n == c->B)
		flush_batch(c);
}

static int
classify_file(struct cls *c, const char *path)
{
	struct rd *r = rd_open(path);
	char *line;
	ssize_t n;

	if (!r)
		return 1;
	while (!c->werr && (n = rd_line(r, &line)) >= 0)
		add_line(c, line, (size_t)n);
	flush_batch(c);
	return rd_close(r);
}

/* The model, its network, and the cleaner and stemmer of its profile.  0, or 1 after a message. */
static int
cls_open(struct cls *c)
{
	struct prep p;
	int i;

	if (!(c->md = model_open(c->mpath)))
		return 1;
	if (prep_parse(&p, c->md->vocab->prep, c->mpath) < 0)
		return 1;
	c->text = text_new((p.digits ? TEXT_DIGITS : 0) | (p.all_scripts ? TEXT_ALL_SCRIPTS : 0));
	c->stem = stem_new(&p);
	prep_free(&p);
	if (!c->stem)
		return 1;
	c->T = c->md->c.T > 0 ? c->md->c.T : DEFAULT_SEQLEN;
	c->K = c->md->c.K;
	c->ids = xcalloc((size_t)c->B * c->T, sizeof(*c->ids));
	c->cids = xcalloc((size_t)c->B * c->T, sizeof(*c->cids));
	c->len = xcalloc((size_t)c->B, sizeof(*c->len));
	c->probs = xcalloc((size_t)c->B * c->K, sizeof(*c->probs));
	c->stems = xcalloc((size_t)c->B, sizeof(*c->stems));
	c->lines = xcalloc((size_t)c->B, sizeof(*c->lines));
	for (i = 0; i < c->B; i++)
		buf_add(&c->stems[i], NULL, 0);
	return 0;
}

static void
cls_close(struct cls *c)
{
	int i;

	if (c->stems)
		for (i = 0; i < c->B; i++) {
			buf_free(&c->stems[i]);
			buf_free(&c->lines[i]);
		}
	free(c->stems);
	free(c->lines);
	free(c->ids);
	free(c->cids);
	free(c->slot);
	free(c->slotc);
	free(c->len);
	free(c->probs);
	buf_free(&c->clean);
	buf_free(&c->out);
	if (c->net)
		nn_free(c->net);
	if (c->stem)
		stem_free(c->stem);
	if (c->text)
		text_free(c->text);
	if (c->md)
		model_free(c->md);
}

/* The -w header, then every file (standard input for none); 0 or 1. */
static int
run(struct cls *c, int argc, char *argv[])
{
	int i, rc = 0;
	uint32_t k;

	if (c->words) {
		const struct vocab *v = c->md->vocab;

		printf("# seqlen %d vocab %lu sum %08lx%s classes", c->T, (unsigned long)v->n,
		    (unsigned long)v->sum, c->md->c.keep == TENSOR_KEEP_TAIL ? " keep tail" : "");
		for (k = 0; k < v->nlabel; k++)
			printf(" %s", v->label[k]);
		putchar('\n');
	}
	if (argc == 0)
		rc = classify_file(c, "-");
	for (i = 0; i < argc && !c->werr; i++)
		rc |= classify_file(c, argv[i]);
	return rc;
}

/* -s: a connection past its time: say so, and go. */
static void
on_alarm(int sig)
{
	static const char msg[] = "#status 124\n";

	(void)sig;
	if (write(STDOUT_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(1);
	_exit(1);
}

/* -s: the model file is another one than the one loaded (st), as after a
 * new rv-train wrote it: load it, or keep the old one.  Updates st. */
static void
reload(struct cls *c, struct stat *st)
{
	struct cls n;
	struct stat now;

	if (stat(c->mpath, &now) < 0 || (now.st_ino == st->st_ino && now.st_dev == st->st_dev &&
	    now.st_size == st->st_size && now.st_mtime == st->st_mtime))
		return;
	*st = now;
	memset(&n, 0, sizeof(n));
	n.mpath = c->mpath;
	n.B = c->B;
	n.words = c->words;
	n.raw = c->raw;
	if (cls_open(&n) || net_open(&n, n.B) < 0) {
		rv_warn("%s: changed but cannot be loaded; still the one loaded before", c->mpath);
		cls_close(&n);
		return;
	}
	cls_close(c);
	*c = n;
}

/*
 * -s, a worker: answer connection after connection to the listening
 * socket lfd, each as a run over what it sends (until it shuts down
 * writing) followed by "#status N" (0 or 1), in tmo seconds: past them the
 * worker says "#status 124" and exits, and the server starts another.
 * Before each one the model is loaded again if its file was replaced.
 */
static void
worker(struct cls *c, int lfd, int tmo, struct stat *model, pid_t server)
{
	int fd, null, rc;

	prctl(PR_SET_PDEATHSIG, SIGTERM);	/* the server gone, so are its workers */
	if (getppid() != server)
		_exit(0);	/* it went before the line above */
	if ((null = open("/dev/null", O_RDWR)) < 0)
		_exit(1);
	signal(SIGALRM, on_alarm);
	for (;;) {
		if ((fd = accept(lfd, NULL, NULL)) < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			rv_warn("accept: %s", strerror(errno));
			_exit(1);
		}
		reload(c, model);
		if (dup2(fd, STDIN_FILENO) < 0 || dup2(fd, STDOUT_FILENO) < 0)
			_exit(1);
		close(fd);
		clearerr(stdin);
		clearerr(stdout);
		c->werr = 0;
		alarm((unsigned)tmo);
		rc = run(c, 0, NULL);
		if (!c->werr)
			printf("#status %d\n", rc);
		fflush(stdout);
		alarm(0);
		if (c->werr == 2)
			_exit(1);	/* the model cannot be run: a new worker loads it again */
		/* the connection closed: both descriptors on it now read /dev/null */
		if (dup2(null, STDIN_FILENO) < 0 || dup2(null, STDOUT_FILENO) < 0)
			_exit(1);
	}
}

static volatile sig_atomic_t stop;

static void
on_stop(int sig)
{
	stop = sig;
}

/*
 * -s: listen on the Unix socket path, with the model and its network
 * loaded once, here, and nworkers processes forked from this one
 * answering the connections (worker); one that exits is replaced.  Runs
 * until SIGTERM, SIGINT or SIGHUP, which it passes on to the workers.
 */
static int
serve(struct cls *c, const char *path, int tmo, int nworkers)
{
	struct sockaddr_un a;
	struct sigaction sa;
	struct stat st, model, sock;
	pid_t *pid, p, server = getpid();
	int lfd, i, alive = 0;
	mode_t mask;

	memset(&a, 0, sizeof(a));
	a.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(a.sun_path)) {
		rv_warn("%s: the socket's path is too long", path);
		return 1;
	}
	memcpy(a.sun_path, path, strlen(path));
	if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode))
		unlink(path);	/* a previous server's */
	if (net_open(c, c->B) < 0)
		return 1;
	if (stat(c->mpath, &model) < 0)
		memset(&model, 0, sizeof(model));
	mask = umask(077);	/* only this user may connect */
	if ((lfd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0 ||
	    bind(lfd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(lfd, 256) < 0) {
		rv_warn("%s: %s", path, strerror(errno));
		if (lfd >= 0)
			close(lfd);
		return 1;
	}
	umask(mask);
	if (lstat(path, &sock) < 0)
		memset(&sock, 0, sizeof(sock));
	signal(SIGPIPE, SIG_IGN);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: wait() returns */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	pid = xcalloc((size_t)nworkers, sizeof(*pid));
	fflush(stdout);
	while (!stop) {
		for (i = 0; i < nworkers && !stop; i++) {
			if (pid[i] > 0)
				continue;
			reload(c, &model);	/* a new worker gets the newest model */
			if ((p = fork()) < 0) {
				rv_warn("fork: %s", strerror(errno));
				break;
			}
			if (p == 0) {
				signal(SIGTERM, SIG_DFL);
				signal(SIGINT, SIG_DFL);
				signal(SIGHUP, SIG_DFL);
				worker(c, lfd, tmo, &model, server);
			}
			pid[i] = p;
			alive++;
		}
		if (alive == 0) {
			sleep(1);	/* fork failed: try again */
			continue;
		}
		if ((p = wait(NULL)) < 0) {
			if (errno == ECHILD)
				alive = 0;
			continue;
		}
		for (i = 0; i < nworkers; i++)
			if (pid[i] == p) {
				pid[i] = 0;
				alive--;
			}
	}
	for (i = 0; i < nworkers; i++)
		if (pid[i] > 0)
			kill(pid[i], SIGTERM);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	close(lfd);
	if (lstat(path, &st) == 0 && st.st_ino == sock.st_ino && st.st_dev == sock.st_dev)
		unlink(path);	/* still this server's */
	free(pid);
	return stop == SIGHUP || stop == SIGINT || stop == SIGTERM ? 0 : 1;
}

int
main(int argc, char *argv[])
{
	struct cls c;
	const char *sock = NULL;
	int ch, rc = 0, threads = 1, tmo = 10, workers = WORKERS;

	progname = "rv-classify";
	memset(&c, 0, sizeof(c));
	c.B = 32;
	while ((ch = getopt(argc, argv, "b:hj:m:rs:T:t:w")) != -1) {
		switch (ch) {
		case 'b':
			c.B = (int)opt_long("-b", optarg, 1, 65536);
			break;
		case 'j':
			workers = (int)opt_long("-j", optarg, 1, 256);
			break;
		case 'm':
			c.mpath = optarg;
			break;
		case 'r':
			c.raw = 1;
			break;
		case 's':
			sock = optarg;
			break;
		case 'T':
			tmo = (int)opt_long("-T", optarg, 1, 9999);
			break;
		case 't':
			threads = (int)opt_long("-t", optarg, 1, 256);
			break;
		case 'w':
			c.words = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (!c.mpath || (sock && argc > 0))
		usage();
	nn_set_threads(threads);
	if (cls_open(&c)) {
		cls_close(&c);
		return 1;
	}
	if (sock) {
		rc = serve(&c, sock, tmo, workers);
		cls_close(&c);
		return rc;
	}
	rc = run(&c, argc, argv);
	cls_close(&c);
	if (c.werr) {
		fclose(stdout);
		return 1;
	}
	return rc | fshut(stdout, "<stdout>");
}
