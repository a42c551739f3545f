/* rv-vocab: count the words and labels of prepared text and write a vocabulary. */
#include "io.h"
#include "prep.h"
#include "util.h"
#include "vocab.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A counting table: open addressing over entries whose bytes live in an arena. */
struct entry {
	const char *w;
	uint32_t len, hash;
	uint64_t count;
};

struct counts {
	struct entry *e;	/* (n) */
	size_t n, cap;
	uint32_t *slot;		/* (hcap) entry index + 1, 0 empty */
	size_t hcap;
	char **chunks;		/* arena blocks holding the words */
	size_t nchunk;
	size_t used, room;	/* bytes used and left in the newest block */
};

#define CHUNK (1 << 20)

static uint32_t
fnv1a(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	while (n--) {
		h ^= (unsigned char)*s++;
		h *= 16777619u;
	}
	return h;
}

static const char *
arena_copy(struct counts *c, const char *w, size_t n)
{
	char *p;

	if (n + 1 > c->room) {
		size_t sz = n + 1 > CHUNK ? n + 1 : CHUNK;

		c->chunks = xrealloc(c->chunks, c->nchunk + 1, sizeof(*c->chunks));
		c->chunks[c->nchunk++] = xmalloc(sz, 1);
		c->used = 0;
		c->room = sz;
	}
	p = c->chunks[c->nchunk - 1] + c->used;
	memcpy(p, w, n);
	p[n] = '\0';
	c->used += n + 1;
	c->room -= n + 1;
	return p;
}

static void
counts_grow(struct counts *c)
{
	size_t i, mask;

	c->hcap = c->hcap ? c->hcap * 2 : 1 << 12;
	mask = c->hcap - 1;
	free(c->slot);
	c->slot = xcalloc(c->hcap, sizeof(*c->slot));
	for (i = 0; i < c->n; i++) {
		size_t j = c->e[i].hash & mask;

		while (c->slot[j])
			j = (j + 1) & mask;
		c->slot[j] = (uint32_t)(i + 1);
	}
}

static void
counts_add(struct counts *c, const char *w, size_t len)
{
	uint32_t h = fnv1a(w, len);
	size_t mask, j;
	struct entry *e;

	if (!c->hcap)
		counts_grow(c);
	mask = c->hcap - 1;
	for (j = h & mask; c->slot[j]; j = (j + 1) & mask) {
		e = &c->e[c->slot[j] - 1];
		if (e->hash == h && e->len == len && !memcmp(e->w, w, len)) {
			e->count++;
			return;
		}
	}
	if (len > UINT32_MAX || c->n >= UINT32_MAX - 1)
		rv_die(1, "too many distinct words");
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 1 << 12;
		c->e = xrealloc(c->e, c->cap, sizeof(*c->e));
	}
	e = &c->e[c->n];
	e->w = arena_copy(c, w, len);
	e->len = (uint32_t)len;
	e->hash = h;
	e->count = 1;
	c->slot[j] = (uint32_t)++c->n;
	if (2 * c->n > c->hcap)
		counts_grow(c);
}

static void
counts_free(struct counts *c)
{
	size_t i;

	for (i = 0; i < c->nchunk; i++)
		free(c->chunks[i]);
	free(c->chunks);
	free(c->e);
	free(c->slot);
}

/* Most frequent first, ties by bytes. */
static int
cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int d;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	d = memcmp(x->w, y->w, n);
	if (d)
		return d;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* Count the words and the label of every line of one operand. */
static int
count_file(const char *path, struct counts *words, struct counts *labels)
{
	struct rd *r = rd_open(path);
	char *line;
	ssize_t n;

	if (!r)
		return 1;
	while ((n = rd_line(r, &line)) >= 0) {
		size_t pos = 0, wl;
		const char *w;
		int first = 1;

		while ((w = vocab_word(line, (size_t)n, &pos, &wl))) {
			if (vocab_is_label(w, wl)) {
				/* only a line's first word is its label; a
				 * label elsewhere is not a word either */
				if (first)
					counts_add(labels, w + VOCAB_LABEL_PREFIX_LEN,
					    wl - VOCAB_LABEL_PREFIX_LEN);
			} else {
				counts_add(words, w, wl);
			}
			first = 0;
		}
	}
	return rd_close(r);
}

static void
usage(void)
{
	fprintf(stderr, "usage: rv-vocab [-m mincount] [-n max] [-p profile] [file ...]\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct counts words = {0}, labels = {0};
	const char *profile = NULL;
	unsigned long long mincount = 1, max = UINT32_MAX - 2;
	struct prep prep;
	struct buf b = {0};
	struct vocab *v;
	size_t i, kept;
	int c, rc = 0;

	progname = "rv-vocab";
	while ((c = getopt(argc, argv, "hm:n:p:")) != -1) {
		switch (c) {
		case 'm':
			mincount = (unsigned long long)opt_long("-m", optarg, 1, LONG_MAX);
			break;
		case 'n':
			max = (unsigned long long)opt_long("-n", optarg, 1, UINT32_MAX - 2);
			break;
		case 'p':
			profile = optarg;
			break;
		case 'h':
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;

	if (profile) {
		if (prep_load(&prep, profile) < 0)
			return 1;
	} else {
		prep_default(&prep);
	}
	prep_format(&prep, &b);
	prep_free(&prep);

	if (argc == 0)
		rc |= count_file("-", &words, &labels);
	for (i = 0; i < (size_t)argc; i++)
		rc |= count_file(argv[i], &words, &labels);

	if (words.n)
		qsort(words.e, words.n, sizeof(*words.e), cmp_entry);
	v = vocab_new();
	vocab_set_prep(v, b.p ? b.p : "");
	for (i = kept = 0; i < words.n && kept < max; i++) {
		if (words.e[i].count < mincount)
			break;
		vocab_add_token(v, words.e[i].w, words.e[i].count);
		kept++;
	}
	for (i = 0; i < labels.n; i++)
		vocab_add_label(v, labels.e[i].w, labels.e[i].count);
	vocab_finish(v);

	b.n = 0;
	vocab_format(v, &b);
	fwrite(b.p, 1, b.n, stdout);
	rc |= fshut(stdout, "<stdout>");
	vocab_free(v);
	buf_free(&b);
	counts_free(&words);
	counts_free(&labels);
	return rc;
}
