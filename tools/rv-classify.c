/* rv-classify: label raw review text with a model in one process: rv-clean, rv-stem, rv-tokenize and rv-predict -p in one. */
#include "io.h"
#include "model.h"
#include "nn.h"
#include "prep.h"
#include "stem.h"
#include "text.h"
#include "util.h"
#include "vocab.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_SEQLEN 100	/* rv-tokenize's, for a model that records none */

struct cls {
	const char *mpath;
	struct model *md;
	struct nn *net;
	struct text *text;
	struct stem *stem;
	int B, T, K, words;
	int n;			/* records in the batch */
	uint32_t *ids;		/* (B, T) */
	uint32_t *len;		/* (B) */
	float *probs;		/* (B, K) */
	struct buf *stems;	/* (B) each record's stemmed words, for -w */
	struct buf clean, out;
	int werr;		/* stdout failed */
};

static void
usage(void)
{
	fprintf(stderr, "usage: rv-classify [-w] [-b batch] [-t threads] -m model [file ...]\n");
	exit(2);
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
	nn_forward(c->net, c->n, c->ids, c->len, NULL, c->probs, 0, 0);
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
 * rv-stem does, its first T words looked up as rv-tokenize does.  A
 * fastText label at the start is passed over.
 */
static void
add_line(struct cls *c, const char *line, size_t n)
{
	struct buf *st = &c->stems[c->n];
	uint32_t *ids = c->ids + (size_t)c->n * c->T;
	size_t pos = 0, wl, start = 0, seen = 0;
	const char *w;

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
	pos = 0;
	while (seen < (size_t)c->T && (w = vocab_word(st->p, st->n, &pos, &wl)))
		ids[seen++] = vocab_lookup(c->md->vocab, w, wl);
	c->len[c->n] = (uint32_t)seen;
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

	if (!(c->md = model_load(c->mpath)))
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
	if (!(c->net = model_net(c->md, c->mpath, c->B, c->T, 0)))
		return 1;
	nn_set_inference(c->net, 1);
	free(c->md->param);	/* the network has its own copy */
	c->md->param = NULL;
	c->ids = xcalloc((size_t)c->B * c->T, sizeof(*c->ids));
	c->len = xcalloc((size_t)c->B, sizeof(*c->len));
	c->probs = xcalloc((size_t)c->B * c->K, sizeof(*c->probs));
	c->stems = xcalloc((size_t)c->B, sizeof(*c->stems));
	for (i = 0; i < c->B; i++)
		buf_add(&c->stems[i], NULL, 0);
	return 0;
}

static void
cls_close(struct cls *c)
{
	int i;

	if (c->stems)
		for (i = 0; i < c->B; i++)
			buf_free(&c->stems[i]);
	free(c->stems);
	free(c->ids);
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

int
main(int argc, char *argv[])
{
	struct cls c;
	int ch, i, rc = 0, threads = 1;
	uint32_t k;

	progname = "rv-classify";
	memset(&c, 0, sizeof(c));
	c.B = 32;
	while ((ch = getopt(argc, argv, "b:hm:t:w")) != -1) {
		switch (ch) {
		case 'b':
			c.B = (int)opt_long("-b", optarg, 1, 65536);
			break;
		case 'm':
			c.mpath = optarg;
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
	if (!c.mpath)
		usage();
	nn_set_threads(threads);
	if (cls_open(&c)) {
		cls_close(&c);
		return 1;
	}
	if (c.words) {
		const struct vocab *v = c.md->vocab;

		printf("# seqlen %d vocab %lu sum %08lx classes", c.T, (unsigned long)v->n,
		    (unsigned long)v->sum);
		for (k = 0; k < v->nlabel; k++)
			printf(" %s", v->label[k]);
		putchar('\n');
	}
	if (argc == 0)
		rc = classify_file(&c, "-");
	for (i = 0; i < argc && !c.werr; i++)
		rc |= classify_file(&c, argv[i]);
	cls_close(&c);
	if (c.werr) {
		fclose(stdout);
		return 1;
	}
	return rc | fshut(stdout, "<stdout>");
}
