/* rv-tokenize: map prepared text to vocabulary ids as a tensor stream, or dump one. */
#include "io.h"
#include "model.h"
#include "tensor.h"
#include "util.h"
#include "vocab.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_SEQLEN 100

struct tok {
	const struct vocab *v;
	struct tensor_hdr h;
	int tail;		/* -k tail: keep the last T words */
	struct wr *w;
	int stop;		/* a fatal error: stop reading */
};

/* Tokenize one operand onto the stream. */
static int
tokenize_file(struct tok *k, const char *path, struct tensor_rec *rec)
{
	struct rd *r = rd_open(path);
	char *line;
	ssize_t n;
	int rc = 0;

	if (!r)
		return 1;
	while (!k->stop && (n = rd_line(r, &line)) >= 0) {
		size_t pos = 0, wl, start;
		const char *w = vocab_word(line, (size_t)n, &pos, &wl);

		rec->label = -1;
		start = 0;
		if (w && vocab_is_label(w, wl)) {
			const char *name = w + VOCAB_LABEL_PREFIX_LEN;
			long id = vocab_label(k->v, name, wl - VOCAB_LABEL_PREFIX_LEN);

			if (id < 0) {
				rv_warn("%s:%ld: label \"%.*s\" is not in the vocabulary",
				    rd_name(r), rd_lineno(r),
				    (int)(wl - VOCAB_LABEL_PREFIX_LEN), name);
				k->stop = 1;
				rc = 1;
				break;
			}
			rec->label = (int32_t)id;
			start = pos;
		}
		rec->len = (uint32_t)vocab_line_ids(k->v, line + start, (size_t)n - start,
		    rec->ids, k->h.seqlen, k->tail);
		if (tensor_write(k->w, &k->h, rec)) {
			k->stop = 1;
			rc = 1;
		}
	}
	return rd_close(r) | rc;
}

static void
put_num(struct buf *b, unsigned long v)
{
	char s[24];
	int i = sizeof(s);

	do
		s[--i] = (char)('0' + v % 10);
	while (v /= 10);
	buf_add(b, s + i, sizeof(s) - (size_t)i);
}

/* Print one tensor stream as text; with a vocabulary, words instead of ids. */
static int
dump_file(const char *path, const struct vocab *v, const char *vname)
{
	struct tensor_reader *t = tensor_open(path);
	struct tensor_rec rec;
	struct buf b = {0};
	uint32_t i;
	int got, rc = 0;

	if (!t)
		return 1;
	if (v && (v->sum != t->h.vocab_sum || v->n != t->h.vocab_size)) {
		rv_warn("%s: made with another vocabulary than %s "
		    "(checksum %08lx, not %08lx)", t->name, vname,
		    (unsigned long)t->h.vocab_sum, (unsigned long)v->sum);
		tensor_close(t);
		return 1;
	}
	printf("# seqlen %lu vocab %lu sum %08lx%s classes",
	    (unsigned long)t->h.seqlen, (unsigned long)t->h.vocab_size,
	    (unsigned long)t->h.vocab_sum, t->h.keep == TENSOR_KEEP_TAIL ? " keep tail" : "");
	for (i = 0; i < t->h.nclass; i++)
		printf(" %s", t->h.classes[i]);
	putchar('\n');
	rec.ids = xmalloc(t->h.seqlen, sizeof(*rec.ids));
	while ((got = tensor_read(t, &rec)) == 1) {
		b.n = 0;
		if (rec.label < 0)
			buf_adds(&b, "-1");
		else
			put_num(&b, (unsigned long)rec.label);
		buf_addc(&b, '\t');
		put_num(&b, rec.len);
		buf_addc(&b, '\t');
		for (i = 0; i < rec.len; i++) {
			if (i)
				buf_addc(&b, ' ');
			if (v)
				buf_add(&b, v->tok[rec.ids[i]], v->tlen[rec.ids[i]]);
			else
				put_num(&b, rec.ids[i]);
		}
		buf_addc(&b, '\n');
		if (fwrite(b.p, 1, b.n, stdout) != b.n)
			break;
	}
	if (got < 0)
		rc = 1;
	free(rec.ids);
	buf_free(&b);
	return tensor_close(t) | rc;
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: rv-tokenize [-z] [-k head|tail] [-n len] {-m model | -v vocab} [file ...]\n"
	    "       rv-tokenize -d [-m model | -v vocab] [file ...]\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	const char *mpath = NULL, *vpath = NULL;
	struct tensor_rec rec;
	struct vocab *v = NULL;
	struct tok k = {0};
	long seqlen = DEFAULT_SEQLEN;
	int c, i, dump = 0, gz = 0, setlen = 0, setkeep = 0, rc = 0;

	progname = "rv-tokenize";
	while ((c = getopt(argc, argv, "dhk:m:n:v:z")) != -1) {
		switch (c) {
		case 'd':
			dump = 1;
			break;
		case 'k':
			if (!strcmp(optarg, "head"))
				k.tail = 0;
			else if (!strcmp(optarg, "tail"))
				k.tail = 1;
			else
				rv_die(2, "-k: '%s' is not head or tail", optarg);
			setkeep = 1;
			break;
		case 'm':
			mpath = optarg;
			break;
		case 'n':
			seqlen = opt_long("-n", optarg, 1, TENSOR_MAX_SEQLEN);
			setlen = 1;
			break;
		case 'v':
			vpath = optarg;
			break;
		case 'z':
			gz = 1;
			break;
		case 'h':
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (mpath && vpath)
		usage();
	if (dump ? (gz || setlen || setkeep) : !(mpath || vpath))
		usage();
	if (!dump && isatty(STDOUT_FILENO))
		rv_die(1, "<stdout>: will not write a tensor stream to a terminal");

	if (vpath)
		v = vocab_load(vpath);
	else if (mpath) {
		/* the model's vocabulary and, unless -n and -k say otherwise,
		 * its length and which end of a long review it kept */
		struct model *hd = model_load_head(mpath);

		if (hd) {
			if (!setlen && hd->c.T > 0)
				seqlen = hd->c.T;
			if (!setkeep)
				k.tail = hd->c.keep == TENSOR_KEEP_TAIL;
			v = hd->vocab;
			hd->vocab = NULL;
			model_free(hd);
		}
	}
	if ((vpath || mpath) && !v)
		return 1;

	if (dump) {
		if (argc == 0)
			rc |= dump_file("-", v, vpath ? vpath : mpath);
		for (i = 0; i < argc; i++)
			rc |= dump_file(argv[i], v, vpath ? vpath : mpath);
		vocab_free(v);
		return rc | fshut(stdout, "<stdout>");
	}

	k.v = v;
	k.h.seqlen = (uint32_t)seqlen;
	k.h.keep = k.tail ? TENSOR_KEEP_TAIL : TENSOR_KEEP_HEAD;
	k.h.vocab_size = (uint32_t)v->n;
	k.h.vocab_sum = v->sum;
	k.h.nclass = (uint32_t)v->nlabel;
	k.h.classes = v->label;
	rec.ids = xcalloc((size_t)seqlen, sizeof(*rec.ids));
	out_buffer();
	k.w = wr_stdout(gz);
	if (tensor_write_header(k.w, &k.h))
		k.stop = 1;
	if (argc == 0)
		rc |= tokenize_file(&k, "-", &rec);
	for (i = 0; i < argc && !k.stop; i++)
		rc |= tokenize_file(&k, argv[i], &rec);
	rc |= wr_close(k.w);
	free(rec.ids);
	vocab_free(v);
	return rc;
}
