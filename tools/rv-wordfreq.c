/* rv-wordfreq: word frequencies, or review lengths, overall and per label, as TSV. */
#include "io.h"
#include "util.h"
#include "vocab.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One word (or length, or label) and its counts per label. */
struct entry {
	char *key;
	size_t len;
	uint32_t hash;
	uint32_t nc;		/* entries in c */
	uint64_t total;
	uint64_t *c;		/* (nc) count per label id, grown on demand */
};

/* A hash map of byte strings to entries; slot holds index + 1. */
struct table {
	struct entry *e;	/* (n) in insertion order */
	size_t n, cap;
	uint32_t *slot;		/* (scap) */
	size_t scap;
};

struct freq {
	int lengths;		/* -l */
	struct table words;	/* words, or with -l lengths as 8-byte keys */
	struct table labels;	/* label names; "none" for unlabelled lines */
};

static uint32_t
fnv1a(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void
tab_place(struct table *t, size_t id)
{
	size_t i = t->e[id].hash & (t->scap - 1);

	while (t->slot[i])
		i = (i + 1) & (t->scap - 1);
	t->slot[i] = (uint32_t)id + 1;
}

/* Index of key k[0..n) in t, added with zero counts if new. */
static size_t
tab_get(struct table *t, const char *k, size_t n)
{
	uint32_t h = fnv1a(k, n);
	struct entry *e;
	size_t i;

	if ((t->n + 1) * 2 > t->scap) {
		free(t->slot);
		t->scap = t->scap ? t->scap * 2 : 1024;
		t->slot = xcalloc(t->scap, sizeof(*t->slot));
		for (i = 0; i < t->n; i++)
			tab_place(t, i);
	}
	for (i = h & (t->scap - 1); t->slot[i]; i = (i + 1) & (t->scap - 1)) {
		e = &t->e[t->slot[i] - 1];
		if (e->hash == h && e->len == n && !memcmp(e->key, k, n))
			return t->slot[i] - 1;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->e = xrealloc(t->e, t->cap, sizeof(*t->e));
	}
	e = &t->e[t->n];
	memset(e, 0, sizeof(*e));
	e->key = xmalloc(n + 1, 1);
	memcpy(e->key, k, n);
	e->key[n] = '\0';
	e->len = n;
	e->hash = h;
	t->slot[i] = (uint32_t)++t->n;
	return t->n - 1;
}

static void
tab_bump(struct table *t, size_t id, size_t lab)
{
	struct entry *e = &t->e[id];

	if (lab >= e->nc) {
		e->c = xrealloc(e->c, lab + 1, sizeof(*e->c));
		memset(e->c + e->nc, 0, (lab + 1 - e->nc) * sizeof(*e->c));
		e->nc = (uint32_t)lab + 1;
	}
	e->c[lab]++;
	e->total++;
}

static void
tab_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->e[i].key);
		free(t->e[i].c);
	}
	free(t->e);
	free(t->slot);
}

static int
count_file(struct freq *f, const char *path)
{
	struct rd *r = rd_open(path);
	char *line;
	ssize_t n;

	if (!r)
		return 1;
	while ((n = rd_line(r, &line)) >= 0) {
		size_t pos = 0, wl, lab, nw = 0;
		const char *w = vocab_word(line, (size_t)n, &pos, &wl);
		unsigned char key[8];

		if (w && vocab_is_label(w, wl)) {
			lab = tab_get(&f->labels, w + VOCAB_LABEL_PREFIX_LEN,
			    wl - VOCAB_LABEL_PREFIX_LEN);
			w = vocab_word(line, (size_t)n, &pos, &wl);
		} else {
			lab = tab_get(&f->labels, "none", 4);
		}
		tab_bump(&f->labels, lab, 0);
		for (; w; w = vocab_word(line, (size_t)n, &pos, &wl), nw++)
			if (!f->lengths)
				tab_bump(&f->words, tab_get(&f->words, w, wl), lab);
		if (f->lengths) {
			put_u64(key, nw);
			tab_bump(&f->words, tab_get(&f->words, (char *)key, 8), lab);
		}
	}
	return rd_close(r);
}

/* Labels by name (qsort_r comparators over indices into the table t). */
static int
cmp_name(const void *a, const void *b, void *t)
{
	const struct entry *x = &((struct table *)t)->e[*(const size_t *)a];
	const struct entry *y = &((struct table *)t)->e[*(const size_t *)b];
	int c = memcmp(x->key, y->key, x->len < y->len ? x->len : y->len);

	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Words by count, most frequent first, then by bytes. */
static int
cmp_count(const void *a, const void *b, void *t)
{
	const struct entry *x = &((struct table *)t)->e[*(const size_t *)a];
	const struct entry *y = &((struct table *)t)->e[*(const size_t *)b];

	if (x->total != y->total)
		return x->total < y->total ? 1 : -1;
	return cmp_name(a, b, t);
}

/* Lengths in increasing order. */
static int
cmp_length(const void *a, const void *b, void *t)
{
	uint64_t x = get_u64((const unsigned char *)((struct table *)t)->e[*(const size_t *)a].key);
	uint64_t y = get_u64((const unsigned char *)((struct table *)t)->e[*(const size_t *)b].key);

	return (x > y) - (x < y);
}

static size_t *
sorted(const struct table *t, int (*cmp)(const void *, const void *, void *))
{
	size_t *ix = xmalloc(t->n ? t->n : 1, sizeof(*ix)), i;

	for (i = 0; i < t->n; i++)
		ix[i] = i;
	qsort_r(ix, t->n, sizeof(*ix), cmp, (void *)t);
	return ix;
}

/* Write the table; returns 0, or the errno of the first failed write. */
static int
report(const struct freq *f, long top)
{
	size_t *lab = sorted(&f->labels, cmp_name);
	size_t *row = sorted(&f->words, f->lengths ? cmp_length : cmp_count);
	size_t i, j, nrow = f->words.n;

	if (top > 0 && (size_t)top < nrow)
		nrow = (size_t)top;
	fputs(f->lengths ? "length" : "word\ttotal", stdout);
	for (j = 0; j < f->labels.n; j++) {
		putchar('\t');
		fwrite(f->labels.e[lab[j]].key, 1, f->labels.e[lab[j]].len, stdout);
	}
	putchar('\n');
	for (i = 0; i < nrow && !ferror(stdout); i++) {
		errno = 0;
		const struct entry *e = &f->words.e[row[i]];

		if (f->lengths)
			printf("%llu", (unsigned long long)get_u64((const unsigned char *)e->key));
		else
			printf("%s\t%llu", e->key, (unsigned long long)e->total);
		for (j = 0; j < f->labels.n; j++)
			printf("\t%llu", (unsigned long long)(lab[j] < e->nc ? e->c[lab[j]] : 0));
		putchar('\n');
	}
	free(lab);
	free(row);
	return ferror(stdout) ? (errno ? errno : EIO) : 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: rv-wordfreq [-l] [-n top] [file ...]\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct freq f;
	long top = 0;
	int c, rc = 0, i, werr;

	progname = "rv-wordfreq";
	memset(&f, 0, sizeof(f));
	while ((c = getopt(argc, argv, "hln:")) != -1) {
		switch (c) {
		case 'l':
			f.lengths = 1;
			break;
		case 'n':
			top = opt_long("-n", optarg, 1, 1000000000L);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (f.lengths && top) {
		rv_warn("-n applies to words, not to -l");
		usage();
	}
	out_buffer();
	if (argc == 0)
		rc = count_file(&f, "-");
	for (i = 0; i < argc; i++)
		rc |= count_file(&f, argv[i]);
	werr = report(&f, top);
	tab_free(&f.words);
	tab_free(&f.labels);
	return rc | fshut_err(stdout, "<stdout>", werr);
}
