/*
 * stem.c: stop words and Snowball stemming.  Stems are kept in a hash map
 * (word -> stem) so a word is stemmed once; the map is emptied when it holds
 * CACHE_MAX words, which bounds memory however much text goes through.
 */
#include "stem.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"
#include "stopwords_en.h"
#include "text.h"
#include "vocab.h"

#define CACHE_SLOTS (1u << 17)		/* power of two */
#define CACHE_MAX (CACHE_SLOTS / 2)	/* entries before the cache is emptied */

struct centry {
	uint32_t hash;
	uint32_t off;		/* word, then its stem, in arena */
	uint16_t wlen;		/* 0: empty slot */
	uint16_t slen;
};

struct stem {
	struct sb_stemmer *sb;	/* NULL: no stemming */
	/* stop words: open addressing, slot holds index + 1 */
	size_t nstop, stopcap;
	char **stop;		/* (nstop) */
	size_t *stoplen;	/* (nstop) */
	uint32_t *stopslot;	/* (stopcap) */
	/* stem cache */
	struct centry *cache;	/* (CACHE_SLOTS) */
	size_t ncache;
	struct buf arena;
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
	s->cache = xcalloc(CACHE_SLOTS, sizeof(*s->cache));
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
	free(s->cache);
	buf_free(&s->arena);
	free(s);
}

#define STOP_MARK UINT16_MAX	/* slen of a cached stop word */

/*
 * The cached entry of w[0..n) (1 <= n <= STEM_MAX_WORD), made on a miss:
 * its stem, or STOP_MARK as slen for a stop word.
 */
/* memcmp(a, b, n) == 0 for the short words of text, without a call */
static inline int
same(const char *a, const char *b, size_t n)
{
	while (n >= 8) {
		uint64_t x, y;

		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return 0;
		a += 8;
		b += 8;
		n -= 8;
	}
	while (n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

static const struct centry *
lookup(struct stem *s, const char *w, size_t n)
{
	const sb_symbol *st = (const sb_symbol *)w;
	struct centry *e;
	uint32_t h = fnv1a(w, n);
	size_t i, sl = n;
	int stop;

	for (i = h & (CACHE_SLOTS - 1); s->cache[i].wlen; i = (i + 1) & (CACHE_SLOTS - 1)) {
		e = &s->cache[i];
		if (e->hash == h && e->wlen == n && same(s->arena.p + e->off, w, n))
			return e;
	}
	stop = stem_is_stop(s, w, n);
	if (!stop && s->sb && text_utf8_valid(w, n)) {
		if (!(st = sb_stemmer_stem(s->sb, (const sb_symbol *)w, (int)n)))
			rv_die(1, "out of memory while stemming");
		sl = (size_t)sb_stemmer_length(s->sb);
		if (sl > STEM_MAX_WORD * 4) {	/* no stemmer does this; stay safe */
			st = (const sb_symbol *)w;
			sl = n;
		}
	}
	if (s->ncache >= CACHE_MAX) {
		memset(s->cache, 0, CACHE_SLOTS * sizeof(*s->cache));
		s->ncache = 0;
		s->arena.n = 0;
		for (i = h & (CACHE_SLOTS - 1); s->cache[i].wlen; i = (i + 1) & (CACHE_SLOTS - 1))
			;
	}
	e = &s->cache[i];
	e->hash = h;
	e->off = (uint32_t)s->arena.n;
	e->wlen = (uint16_t)n;
	e->slen = stop ? STOP_MARK : (uint16_t)sl;
	buf_add(&s->arena, w, n);
	if (!stop)
		buf_add(&s->arena, st, sl);
	s->ncache++;
	return e;
}

const char *
stem_word(struct stem *s, const char *w, size_t n, size_t *len)
{
	const struct centry *e;
	const sb_symbol *st;

	*len = n;
	if (!s->sb || n == 0 || n > STEM_MAX_WORD)
		return w;
	e = lookup(s, w, n);
	if (e->slen != STOP_MARK) {
		*len = e->slen;
		return s->arena.p + e->off + n;
	}
	/* a stop word is cached without its stem */
	if (!text_utf8_valid(w, n))
		return w;
	if (!(st = sb_stemmer_stem(s->sb, (const sb_symbol *)w, (int)n)))
		rv_die(1, "out of memory while stemming");
	*len = (size_t)sb_stemmer_length(s->sb);
	return (const char *)st;
}

/* Make room for need more bytes after out->n. */
static void
out_room(struct buf *b, size_t need)
{
	if (b->cap - b->n < need) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap - b->n < need)
			cap *= 2;
		b->p = xrealloc(b->p, cap, 1);
		b->cap = cap;
	}
}

size_t
stem_line(struct stem *s, const char *in, size_t n, struct buf *out)
{
	size_t pos = 0, wl, sl;
	const char *w, *st;
	int first = 1;

	out->n = 0;
	out_room(out, n + 1);
	while ((w = vocab_word(in, n, &pos, &wl))) {
		if (first && vocab_is_label(w, wl)) {
			st = w;
			sl = wl;
		} else if (wl <= STEM_MAX_WORD) {
			const struct centry *e = lookup(s, w, wl);

			if (e->slen == STOP_MARK) {
				first = 0;
				continue;
			}
			st = s->arena.p + e->off + wl;
			sl = e->slen;
		} else if (stem_is_stop(s, w, wl)) {
			first = 0;
			continue;
		} else {
			st = w;
			sl = wl;
		}
		out_room(out, sl + 2);
		if (out->n)
			out->p[out->n++] = ' ';
		memcpy(out->p + out->n, st, sl);
		out->n += sl;
		first = 0;
	}
	out->p[out->n] = '\0';
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
