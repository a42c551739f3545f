/*
 * stem.c: stop words and Snowball stemming.  Stems are kept in a cache
 * (word -> stem, or "stop word") so a word is stemmed once: a fixed
 * set-associative table, CACHE_WAYS entries of 32 bytes per bucket, words
 * and stems stored inline.  The first two places share a cache line and
 * are checked together, without a branch between them; a word found
 * further back moves one place up, and a new word takes an empty place or
 * the last one, so the words that come back often stay in the first line
 * and one-off words cannot push them out.  (Keys need no length beside
 * them there: a word holds no NUL, so keys of two lengths differ.)  Memory
 * is bounded whatever the input.  Words longer than WKEY_MAX bytes (rare
 * in text) and stems longer than CACHE_STEM are not cached.
 */
#include "stem.h"

#include <libstemmer.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"
#include "stopwords_en.h"
#include "text.h"
#include "vocab.h"
#include "wkey.h"

#define CACHE_BITS 15
#define CACHE_BUCKETS (1u << CACHE_BITS)
#define CACHE_WAYS 4			/* 32768 * 4 * 32 bytes = 4 MiB */
#define CACHE_STEM 14			/* longest stem stored */
#define CACHE_SIZE (CACHE_BUCKETS * CACHE_WAYS * sizeof(struct centry))
#define STOP_MARK 0xFF			/* slen of a cached stop word */
#define BATCH 64			/* words looked up together */

struct centry {
	struct wkey key;	/* the word */
	char stem[CACHE_STEM];
	uint8_t wlen;		/* 0: empty */
	uint8_t slen;		/* STOP_MARK: a stop word */
};

/* stem_line copies a stem with the two bytes after it, 16 in all */
_Static_assert(offsetof(struct centry, stem) + CACHE_STEM + 2 <= sizeof(struct centry),
    "the stem is not followed by wlen and slen");

struct stem {
	struct sb_stemmer *sb;	/* NULL: no stemming */
	/* stop words: open addressing, slot holds index + 1 */
	size_t nstop, stopcap;
	char **stop;		/* (nstop) */
	size_t *stoplen;	/* (nstop) */
	uint32_t *stopslot;	/* (stopcap) */
	struct centry *cache;	/* (CACHE_BUCKETS * CACHE_WAYS) */
	unsigned long hits, misses;	/* of the cache, for the tests */
	struct pending {	/* words of a line whose buckets are being fetched */
		const char *w;
		size_t n;
		struct wkey k;
		struct centry *bucket;	/* NULL: not cached */
	} batch[BATCH];
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
stop_insert(struct stem *s, const char *w, size_t n)
{
	size_t i;

	if (n == 0 || stem_is_stop(s, w, n))
		return;
	if ((s->nstop + 1) * 2 > s->stopcap) {
		size_t cap = s->stopcap ? s->stopcap * 2 : 64, k;

		free(s->stopslot);
		s->stopslot = xcalloc(cap, sizeof(*s->stopslot));
		s->stopcap = cap;
		for (k = 0; k < s->nstop; k++) {
			i = fnv1a(s->stop[k], s->stoplen[k]) & (cap - 1);
			while (s->stopslot[i])
				i = (i + 1) & (cap - 1);
			s->stopslot[i] = (uint32_t)k + 1;
		}
	}
	s->stop = xrealloc(s->stop, s->nstop + 1, sizeof(*s->stop));
	s->stoplen = xrealloc(s->stoplen, s->nstop + 1, sizeof(*s->stoplen));
	s->stop[s->nstop] = xmalloc(n + 1, 1);
	memcpy(s->stop[s->nstop], w, n);
	s->stop[s->nstop][n] = '\0';
	s->stoplen[s->nstop] = n;
	i = fnv1a(w, n) & (s->stopcap - 1);
	while (s->stopslot[i])
		i = (i + 1) & (s->stopcap - 1);
	s->stopslot[i] = (uint32_t)++s->nstop;
}

int
stem_is_stop(const struct stem *s, const char *w, size_t n)
{
	size_t i;

	if (!s->nstop)
		return 0;
	for (i = fnv1a(w, n) & (s->stopcap - 1); s->stopslot[i]; i = (i + 1) & (s->stopcap - 1)) {
		size_t k = s->stopslot[i] - 1;

		if (s->stoplen[k] == n && !memcmp(s->stop[k], w, n))
			return 1;
	}
	return 0;
}

struct stem *
stem_new(const struct prep *p)
{
	struct stem *s;
	const char *l;
	size_t i;

	s = xcalloc(1, sizeof(*s));
	if (strcmp(p->stemmer, "none") && !(s->sb = sb_stemmer_new(p->stemmer, NULL))) {
		rv_warn("%s: unknown stemmer (see -l list)", p->stemmer);
		free(s);
		return NULL;
	}
	if (!strcmp(p->stopwords, "default")) {
		for (i = 0; stopwords_en[i]; i++)
			stop_insert(s, stopwords_en[i], strlen(stopwords_en[i]));
	} else if (!strncmp(p->stopwords, "list:", 5)) {
		for (l = p->stopwords + 5; *l; ) {
			size_t n = strcspn(l, ",");

			stop_insert(s, l, n);
			l += n;
			if (*l)
				l++;
		}
	} else if (strcmp(p->stopwords, "none")) {
		rv_warn("stopwords=%s: not default, none or list:...", p->stopwords);
		stem_free(s);
		return NULL;
	}
	s->cache = table_new(CACHE_SIZE);
	return s;
}

void
stem_free(struct stem *s)
{
	size_t i;

	if (!s)
		return;
	sb_stemmer_delete(s->sb);
	for (i = 0; i < s->nstop; i++)
		free(s->stop[i]);
	free(s->stop);
	free(s->stoplen);
	free(s->stopslot);
	table_free(s->cache, CACHE_SIZE);
	free(s);
}

/*
 * The Snowball stem of w[0..n) (1 <= n <= STEM_MAX_WORD), valid until the
 * next call; w itself without a stemmer or when w is not valid UTF-8.
 */
static const char *
stem_raw(struct stem *s, const char *w, size_t n, size_t *len)
{
	const sb_symbol *st;

	*len = n;
	if (!s->sb || !text_utf8_valid(w, n))
		return w;
	if (!(st = sb_stemmer_stem(s->sb, (const sb_symbol *)w, (int)n)))
		rv_die(1, "out of memory while stemming");
	if ((size_t)sb_stemmer_length(s->sb) > STEM_MAX_WORD * 4)
		return w;	/* no stemmer does this; stay safe */
	*len = (size_t)sb_stemmer_length(s->sb);
	return (const char *)st;
}

/* The bucket of the word of key k and length n. */
static struct centry *
cache_bucket(struct stem *s, struct wkey k, size_t n)
{
	return s->cache + wkey_slot(wkey_hash(k, n), CACHE_BITS) * CACHE_WAYS;
}

/*
 * The entry of w[0..n) (1 <= n <= WKEY_MAX, key k) in bucket e, made on a
 * miss: its stem, or STOP_MARK as slen for a stop word.  NULL for a word
 * whose stem is too long to keep (the caller stems it itself).
 */
static const struct centry *
cache_find(struct stem *s, struct centry *e, struct wkey k, const char *w, size_t n)
{
	const char *st = NULL;
	size_t sl = 0;
	int i;

	for (i = 0; i < CACHE_WAYS; i++)
		if (e[i].key.a == k.a && e[i].key.b == k.b && e[i].wlen == n) {
			s->hits++;
			if (i > 1) {	/* one place up, into the first line */
				struct centry t = e[i];

				e[i] = e[i - 1];
				e[i - 1] = t;
				i--;
			}
			return &e[i];
		}
	s->misses++;
	if (!stem_is_stop(s, w, n) && (st = stem_raw(s, w, n, &sl), sl > CACHE_STEM))
		return NULL;
	for (i = 0; i < CACHE_WAYS - 1 && e[i].wlen; i++)
		;
	e += i;
	e->key = k;
	e->wlen = (uint8_t)n;
	e->slen = st ? (uint8_t)sl : STOP_MARK;
	memset(e->stem, 0, sizeof(e->stem));
	if (st)
		memcpy(e->stem, st, sl);
	return e;
}

static const struct centry *
cache_get(struct stem *s, const char *w, size_t n)
{
	struct wkey k = wkey_make(w, n);

	return cache_find(s, cache_bucket(s, k, n), k, w, n);
}

const char *
stem_word(struct stem *s, const char *w, size_t n, size_t *len)
{
	const struct centry *e;

	*len = n;
	if (!s->sb || n == 0 || n > STEM_MAX_WORD)
		return w;
	if (n <= WKEY_MAX && (e = cache_get(s, w, n)) && e->slen != STOP_MARK) {
		*len = e->slen;
		return e->stem;
	}
	/* a long stem, a long word, or a stop word (cached without its stem) */
	return stem_raw(s, w, n, len);
}

void
stem_cache_stats(const struct stem *s, unsigned long *hits, unsigned long *misses)
{
	*hits = s->hits;
	*misses = s->misses;
}

size_t
stem_line(struct stem *s, const char *in, size_t n, struct buf *out)
{
	size_t wl, sl, nb, i;
	const char *w = in, *st;
	struct vocab_iter it;
	struct wkey k;
	char *o;
	int first = 1;

	if (!out->p)
		buf_room(out, out->p, 256);
	o = out->p;
	vocab_iter_init(&it, in, n);
	while (w) {
		/* find up to BATCH words and ask for their buckets, then
		 * look them up: the memory loads overlap */
		for (nb = 0; nb < BATCH && (w = vocab_iter_next(&it, &wl, &k)); ) {
			struct pending *p;

			if (first) {
				first = 0;
				if (vocab_is_label(w, wl)) {
					o = buf_room(out, o, wl + 1);
					memcpy(o, w, wl);
					o += wl;
					continue;
				}
			}
			p = &s->batch[nb++];
			p->w = w;
			p->n = wl;
			p->bucket = NULL;
			if (wl <= WKEY_MAX) {
				p->k = k;
				p->bucket = cache_bucket(s, k, wl);
				__builtin_prefetch(p->bucket);
			}
		}
		o = buf_room(out, o, nb * (sizeof(s->cache->stem) + 3));
		for (i = 0; i < nb; i++) {
			const struct pending *p = &s->batch[i];
			const struct centry *e = p->bucket;

			if (e) {
				/* the first two ways share a cache line: either */
				int m0 = e[0].key.a == p->k.a && e[0].key.b == p->k.b;
				int m1 = e[1].key.a == p->k.a && e[1].key.b == p->k.b;

				if (m0 | m1) {
					e += m1 & !m0;
					s->hits++;
				} else {
					e = cache_find(s, p->bucket, p->k, p->w, p->n);
				}
			}
			if (e) {
				/* a space unless first, the stem with its
				 * padding and the two bytes after it: fixed-
				 * size copies, of which only the space and
				 * slen bytes count, none for a stop word (no
				 * branch on it: stop words come at random) */
				size_t sp = o != out->p, keep = e->slen != STOP_MARK;

				*o = ' ';
				memcpy(o + sp, e->stem, sizeof(e->stem) + 2);
				o += (sp + e->slen) & -keep;
				continue;
			}
			if (stem_is_stop(s, p->w, p->n))
				continue;
			if (p->n <= STEM_MAX_WORD) {
				st = stem_raw(s, p->w, p->n, &sl);
			} else {
				st = p->w;
				sl = p->n;
			}
			o = buf_room(out, o, sl + 2 + (nb - i) * (sizeof(s->cache->stem) + 3));
			if (o != out->p)
				*o++ = ' ';
			memcpy(o, st, sl);
			o += sl;
		}
	}
	out->n = (size_t)(o - out->p);
	*o = '\0';
	return out->n;
}

static int
cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
stem_read_stopfile(const char *path, struct buf *out)
{
	struct rd *r;
	char *line, **w = NULL;
	size_t nw = 0, i;
	ssize_t n;
	int rc = 0;

	if (!(r = rd_open(path)))
		return -1;
	while (rc == 0 && (n = rd_line(r, &line)) >= 0) {
		size_t pos = 0, wl;
		const char *s, *hash = memchr(line, '#', (size_t)n);

		if (hash)
			n = hash - line;
		while ((s = vocab_word(line, (size_t)n, &pos, &wl))) {
			if (memchr(s, ',', wl)) {
				rv_warn("%s:%ld: '%.*s': a stop word cannot hold a comma",
				    rd_name(r), rd_lineno(r), (int)wl, s);
				rc = -1;
				break;
			}
			w = xrealloc(w, nw + 1, sizeof(*w));
			w[nw] = xmalloc(wl + 1, 1);
			memcpy(w[nw], s, wl);
			w[nw++][wl] = '\0';
		}
	}
	if (rd_close(r))
		rc = -1;
	if (rc == 0) {
		if (nw)
			qsort(w, nw, sizeof(*w), cmp_strp);
		out->n = 0;
		buf_adds(out, "list:");
		for (i = 0; i < nw; i++) {
			if (i > 0 && !strcmp(w[i], w[i - 1]))
				continue;
			if (i > 0)
				buf_addc(out, ',');
			buf_adds(out, w[i]);
		}
	}
	for (i = 0; i < nw; i++)
		free(w[i]);
	free(w);
	return rc;
}

const char **
stem_algorithms(void)
{
	return sb_stemmer_list();
}
