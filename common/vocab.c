/* vocab.c: the vocabulary file (rv-vocab(5)): parse, format, look up, build. */
#include "vocab.h"
#include "io.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define VERSION_LINE "#rv-vocab "
#define PREP_LINE "#prep"
#define QUOTE_MAX 40
#define TOK_BLOCK 65536	/* bytes of token strings per block */

const unsigned char vocab_sep[256] = {
	['\0'] = 1, ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1,
	[' '] = 1,
};

#ifndef __SSE2__
/* Which of the 8 bytes of x (as wkey_load8 gives them) are separators, as
 * 8 bits (vocab_sep_bits where SSE2 is not there). */
static unsigned
sep_bits8(uint64_t x)
{
	const uint64_t lo7 = 0x7F7F7F7F7F7F7F7Fu, hi = 0x8080808080808080u;
	uint64_t y = x ^ 0x2020202020202020u;
	/* exact per byte, no carry between bytes: below 0x21; a space */
	uint64_t lt = ~(((x & lo7) + 0x5F5F5F5F5F5F5F5Fu) | x) & hi;
	uint64_t sp = ~(((y & lo7) + lo7) | y) & hi;
	uint64_t other = lt & ~sp, o;

	for (o = other; o; o &= o - 1) {	/* other control bytes: rare */
		unsigned b = (unsigned)__builtin_ctzll(o) / 8;

		if (!vocab_sep[(x >> (8 * b)) & 0xFF])
			lt &= ~((uint64_t)0x80 << (8 * b));
	}
	return (unsigned)(((lt >> 7) * 0x0102040810204080u) >> 56);
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

/* vocab_sep_bits with AVX-512: one masked load, bytes past n read as NUL */
__attribute__((target("avx512f,avx512bw,bmi2")))
static uint64_t
sep_bits_avx512(const char *s, size_t n, size_t off)
{
	__m512i x;
	size_t len;

	if (off >= n)
		return ~(uint64_t)0;
	len = n - off < 64 ? n - off : 64;
	x = _mm512_maskz_loadu_epi8(_bzhi_u64(~(uint64_t)0, (unsigned)len), s + off);
	return _mm512_cmpeq_epi8_mask(x, _mm512_setzero_si512()) |
	    _mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8(' ')) |
	    _mm512_cmplt_epu8_mask(_mm512_sub_epi8(x, _mm512_set1_epi8(9)), _mm512_set1_epi8(5));
}
#endif

static uint64_t
sep_bits_portable(const char *s, size_t n, size_t off)
{
	char pad[64];
	uint64_t bits = 0;
	int i;

	if (off >= n)
		return ~(uint64_t)0;
	if (n - off < 64) {
		memset(pad, ' ', sizeof(pad));
		memcpy(pad, s + off, n - off);
		s = pad;
		off = 0;
	}
#ifdef __SSE2__
	/* 16 bytes at a time: NUL, space, or 9..13 (tab to CR) */
	{
		const __m128i zero = _mm_setzero_si128(), sp = _mm_set1_epi8(' ');
		const __m128i nine = _mm_set1_epi8(9), four = _mm_set1_epi8(4);

		for (i = 0; i < 4; i++) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + off + 16 * i));
			__m128i t = _mm_sub_epi8(x, nine);
			__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, zero),
			    _mm_cmpeq_epi8(x, sp)), _mm_cmpeq_epi8(_mm_min_epu8(t, four), t));

			bits |= (uint64_t)(unsigned)_mm_movemask_epi8(m) << (16 * i);
		}
	}
#else
	for (i = 0; i < 8; i++)
		bits |= (uint64_t)sep_bits8(wkey_load8(s + off + 8 * i)) << (8 * i);
#endif
	return bits;
}

/* The CPU's best vocab_sep_bits, chosen once before main. */
static uint64_t (*sep_bits)(const char *, size_t, size_t) = sep_bits_portable;

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((constructor))
static void
sep_bits_choose(void)
{
	if (cpu_avx512())
		sep_bits = sep_bits_avx512;
}
#endif

uint64_t
vocab_sep_bits(const char *s, size_t n, size_t off)
{
	return sep_bits(s, n, off);
}

void
vocab_iter_init(struct vocab_iter *it, const char *s, size_t n)
{
	it->s = s;
	it->n = n;
	it->base = 0;
	it->cur = vocab_sep_bits(s, n, 0);
	it->nxt = vocab_sep_bits(s, n, 64);
	it->starts = ~it->cur & (it->cur << 1 | 1);
}

/* The hash of token w[0..len), 64 bits; the slot is its high bits. */
static uint64_t
tok_hash(const char *w, size_t len)
{
	return wkey_hash_any(w, len);
}

/* Append s[0..n) to b as a quoted string a terminal can show: at most
 * QUOTE_MAX bytes, control bytes, quote and backslash escaped. */
static void
quote(struct buf *b, const char *s, size_t n)
{
	size_t i;

	buf_addc(b, '"');
	for (i = 0; i < n && i < QUOTE_MAX; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\x%02x", c);
		else
			buf_addc(b, c);
	}
	buf_addc(b, '"');
	if (n > QUOTE_MAX)
		buf_adds(b, "...");
}

/* The slot a hash (high 32 bits, as in thash) starts probing at. */
static size_t
hash_start(const struct vocab *v, uint32_t h32)
{
	return (size_t)(h32 >> (32 - v->hbits));
}

/* Put id, whose key is k (zero for a token longer than WKEY_MAX), in the
 * empty slot i. */
static void
slot_fill(struct vocab *v, size_t i, uint32_t id, struct wkey k)
{
	struct vocab_slot *sl = &v->hash[i];

	sl->id = id;
	sl->len = v->tlen[id];
	sl->k = k;
}

static void
hash_place(struct vocab *v, uint32_t id)
{
	size_t mask = v->hcap - 1, i = hash_start(v, v->thash[id]);

	while (v->hash[i].id)
		i = (i + 1) & mask;
	slot_fill(v, i, id,
	    v->tlen[id] <= WKEY_MAX ? wkey_make(v->tok[id], v->tlen[id]) : (struct wkey){0, 0});
}

/* A hash table of hcap slots (a power of two) with every id placed. */
static void
hash_resize(struct vocab *v, size_t hcap)
{
	size_t id;

	table_free(v->hash, v->hcap * sizeof(*v->hash));
	v->hcap = hcap;
	for (v->hbits = 0; (size_t)1 << v->hbits < v->hcap; v->hbits++)
		;
	if (v->hbits > 32)
		rv_die(1, "vocabulary too large");
	/* zero already, but written now, so that the probes do not fault
	 * each page in once to read and again to write */
	v->hash = table_new(v->hcap * sizeof(*v->hash));
	memset(v->hash, 0, v->hcap * sizeof(*v->hash));
	for (id = 2; id < v->n; id++)
		hash_place(v, (uint32_t)id);
}

/* The id of the word of key k (len <= WKEY_MAX bytes) probing from slot i,
 * or VOCAB_UNK. */
static uint32_t
probe(const struct vocab *v, size_t i, struct wkey k, size_t len)
{
	size_t mask = v->hcap - 1;
	const struct vocab_slot *sl;

	for (sl = &v->hash[i]; sl->id; sl = &v->hash[i = (i + 1) & mask])
		if (sl->k.a == k.a && sl->k.b == k.b && sl->len == len)
			return sl->id;
	return VOCAB_UNK;
}

/*
 * The slot of w[0..len) (key k when len <= WKEY_MAX, hash h): the one that
 * holds it, *id its id, or the empty one where it would go, *id -1.
 */
static size_t
hash_slot(const struct vocab *v, const char *w, size_t len, struct wkey k, uint64_t h, long *id)
{
	size_t mask = v->hcap - 1, i = hash_start(v, (uint32_t)(h >> 32));
	const struct vocab_slot *sl;

	for (; (sl = &v->hash[i])->id; i = (i + 1) & mask)
		if (sl->len == len && (len <= WKEY_MAX ? sl->k.a == k.a && sl->k.b == k.b :
		    !memcmp(v->tok[sl->id], w, len))) {
			*id = sl->id;
			return i;
		}
	*id = -1;
	return i;
}

/* Room for n tokens in all, so that a vocabulary read from a file is
 * placed in its hash table once instead of at every doubling. */
static void
vocab_reserve(struct vocab *v, size_t n)
{
	size_t hcap = 64;

	if (n > v->cap) {
		v->cap = n;
		v->tok = xrealloc(v->tok, v->cap, sizeof(*v->tok));
		v->count = xrealloc(v->count, v->cap, sizeof(*v->count));
		v->thash = xrealloc(v->thash, v->cap, sizeof(*v->thash));
		v->tlen = xrealloc(v->tlen, v->cap, sizeof(*v->tlen));
	}
	while (hcap < 2 * n)
		hcap *= 2;
	if (hcap > v->hcap)
		hash_resize(v, hcap);
}

/* n bytes for a token's string: from a block of TOK_BLOCK bytes shared
 * with the tokens before it (a vocabulary read has tens of thousands). */
static char *
tok_place(struct vocab *v, size_t n)
{
	char *p;

	if (n > v->left) {
		v->left = n > TOK_BLOCK ? n : TOK_BLOCK;
		v->chunk = xrealloc(v->chunk, v->nchunk + 1, sizeof(*v->chunk));
		v->chunk[v->nchunk++] = v->next = xmalloc(v->left, 1);
	}
	p = v->next;
	v->next += n;
	v->left -= n;
	return p;
}

/* Append token w[0..len) with count; -1 if it is already there. */
static int
tok_insert(struct vocab *v, const char *w, size_t len, uint64_t count)
{
	uint64_t h = tok_hash(w, len);
	struct wkey k = len <= WKEY_MAX ? wkey_make(w, len) : (struct wkey){0, 0};
	size_t id = v->n, slot = 0;
	long there;

	/* the two reserved ids come before the table */
	if (v->n >= 2 && (slot = hash_slot(v, w, len, k, h, &there), there >= 0))
		return -1;
	if (len > UINT32_MAX || v->n >= UINT32_MAX)
		rv_die(1, "vocabulary too large");
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 256;
		v->tok = xrealloc(v->tok, v->cap, sizeof(*v->tok));
		v->count = xrealloc(v->count, v->cap, sizeof(*v->count));
		v->thash = xrealloc(v->thash, v->cap, sizeof(*v->thash));
		v->tlen = xrealloc(v->tlen, v->cap, sizeof(*v->tlen));
	}
	v->tok[id] = tok_place(v, len + 1);
	memcpy(v->tok[id], w, len);
	v->tok[id][len] = '\0';
	v->count[id] = count;
	v->thash[id] = (uint32_t)(h >> 32);
	v->tlen[id] = (uint32_t)len;
	v->n++;
	if (id >= 2) {
		if (2 * v->n > v->hcap)
			hash_resize(v, 2 * v->hcap);	/* places every id, this one too */
		else
			slot_fill(v, slot, (uint32_t)id, k);
	}
	return 0;
}

static void
label_append(struct vocab *v, const char *name, size_t len, uint64_t count)
{
	if (v->nlabel == v->lcap) {
		v->lcap = v->lcap ? v->lcap * 2 : 4;
		v->label = xrealloc(v->label, v->lcap, sizeof(*v->label));
		v->lcount = xrealloc(v->lcount, v->lcap, sizeof(*v->lcount));
	}
	v->label[v->nlabel] = xmalloc(len + 1, 1);
	memcpy(v->label[v->nlabel], name, len);
	v->label[v->nlabel][len] = '\0';
	v->lcount[v->nlabel] = count;
	v->nlabel++;
}

/* 1 if w[0..len) can be written as a token or label name. */
static int
writable(const char *w, size_t len)
{
	size_t i;

	if (len == 0)
		return 0;
	for (i = 0; i < len; i++)
		if (vocab_sep[(unsigned char)w[i]])
			return 0;
	return 1;
}

struct vocab *
vocab_new(void)
{
	struct vocab *v = xcalloc(1, sizeof(*v));

	tok_insert(v, "<pad>", 5, 0);
	tok_insert(v, "<unk>", 5, 0);
	hash_resize(v, 64);
	v->prep = xstrdup("");
	return v;
}

void
vocab_add_token(struct vocab *v, const char *w, uint64_t count)
{
	struct buf q = {0};
	size_t len = strlen(w);

	if (!writable(w, len) || vocab_is_label(w, len)) {
		quote(&q, w, len);
		rv_die(1, "cannot store token %s in a vocabulary", q.p);
	}
	if (tok_insert(v, w, len, count) < 0) {
		quote(&q, w, len);
		rv_die(1, "duplicate token %s", q.p);
	}
}

void
vocab_add_label(struct vocab *v, const char *name, uint64_t count)
{
	struct buf q = {0};
	size_t len = strlen(name);

	if (!writable(name, len)) {
		quote(&q, name, len);
		rv_die(1, "cannot store label %s in a vocabulary", q.p);
	}
	label_append(v, name, len, count);
}

void
vocab_set_prep(struct vocab *v, const char *prep)
{
	char *p;

	free(v->prep);
	v->prep = xstrdup(prep);
	/* the profile is one line of the file */
	for (p = v->prep; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
}

void
vocab_format(const struct vocab *v, struct buf *out)
{
	size_t i;

	buf_printf(out, "%s%d\n", VERSION_LINE, VOCAB_VERSION);
	buf_adds(out, PREP_LINE);
	if (*v->prep) {
		buf_addc(out, ' ');
		buf_adds(out, v->prep);
	}
	buf_addc(out, '\n');
	for (i = 0; i < v->nlabel; i++)
		buf_printf(out, "%s%s\t%llu\n", VOCAB_LABEL_PREFIX, v->label[i],
		    (unsigned long long)v->lcount[i]);
	for (i = 2; i < v->n; i++) {
		char num[24];
		int k = snprintf(num, sizeof(num), "\t%llu\n",
		    (unsigned long long)v->count[i]);

		buf_add(out, v->tok[i], v->tlen[i]);
		buf_add(out, num, (size_t)k);
	}
}

void
vocab_finish(struct vocab *v)
{
	struct buf b = {0};
	size_t i, j;

	/* insertion sort: a vocabulary has a handful of labels */
	for (i = 1; i < v->nlabel; i++) {
		char *name = v->label[i];
		uint64_t c = v->lcount[i];

		for (j = i; j > 0 && strcmp(v->label[j - 1], name) > 0; j--) {
			v->label[j] = v->label[j - 1];
			v->lcount[j] = v->lcount[j - 1];
		}
		v->label[j] = name;
		v->lcount[j] = c;
	}
	for (i = 1; i < v->nlabel; i++)
		if (!strcmp(v->label[i - 1], v->label[i])) {
			struct buf q = {0};

			quote(&q, v->label[i], strlen(v->label[i]));
			rv_die(1, "duplicate label %s", q.p);
		}
	vocab_format(v, &b);
	v->sum = (uint32_t)crc32_z(0, (const unsigned char *)b.p, b.n);
	buf_free(&b);
}

void
vocab_free(struct vocab *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < v->nchunk; i++)
		free(v->chunk[i]);
	free(v->chunk);
	for (i = 0; i < v->nlabel; i++)
		free(v->label[i]);
	free(v->tok);
	free(v->count);
	free(v->thash);
	free(v->tlen);
	table_free(v->hash, v->hcap * sizeof(*v->hash));
	free(v->label);
	free(v->lcount);
	free(v->prep);
	free(v);
}

uint32_t
vocab_lookup(const struct vocab *v, const char *w, size_t len)
{
	struct wkey k;
	long id;

	if (len > WKEY_MAX) {
		hash_slot(v, w, len, (struct wkey){0, 0}, tok_hash(w, len), &id);
		return id < 0 ? VOCAB_UNK : (uint32_t)id;
	}
	k = wkey_make(w, len);
	return probe(v, wkey_slot(wkey_hash(k, len), v->hbits), k, len);
}

#define LOOKAHEAD 64	/* words whose slots are fetched together */

size_t
vocab_lookup_words(const struct vocab *v, struct vocab_iter *it, uint32_t *ids, size_t max)
{
	struct {
		const char *w;
		size_t len, slot;
		struct wkey k;
	} q[LOOKAHEAD];
	size_t got = 0, nq, i;

	while (got < max) {
		/* find the next words and ask for their slots, then probe:
		 * the memory loads overlap */
		for (nq = 0; nq < LOOKAHEAD && got + nq < max; nq++) {
			if (!(q[nq].w = vocab_iter_next(it, &q[nq].len, &q[nq].k)))
				break;
			if (q[nq].len <= WKEY_MAX) {
				q[nq].slot = wkey_slot(wkey_hash(q[nq].k, q[nq].len), v->hbits);
				__builtin_prefetch(&v->hash[q[nq].slot]);
			}
		}
		for (i = 0; i < nq; i++)
			ids[got++] = q[i].len > WKEY_MAX ? vocab_lookup(v, q[i].w, q[i].len) :
			    probe(v, q[i].slot, q[i].k, q[i].len);
		if (nq < LOOKAHEAD)
			break;
	}
	return got;
}

long
vocab_label(const struct vocab *v, const char *name, size_t len)
{
	size_t lo = 0, hi = v->nlabel;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, ml = strlen(v->label[mid]);
		int c = memcmp(name, v->label[mid], len < ml ? len : ml);

		if (c == 0)
			c = len < ml ? -1 : len > ml;
		if (c == 0)
			return (long)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* Parse a decimal count s[0..n) (digits only); 0 or -1. */
static int
parse_count(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned d = (unsigned char)s[i] - '0';

		if (d > 9 || v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

static void
parse_error(const char *name, long lineno, const char *what, const char *s, size_t n)
{
	struct buf q = {0};

	if (s)
		quote(&q, s, n);
	rv_warn("%s:%ld: %s%s%s", name, lineno, what, s ? " " : "", s ? q.p : "");
	buf_free(&q);
}

/* Compare name[0..len) with the C string s, as strcmp would. */
static int
namecmp(const char *name, size_t len, const char *s)
{
	size_t sl = strlen(s);
	int c = memcmp(name, s, len < sl ? len : sl);

	return c ? c : len < sl ? -1 : len > sl;
}

struct vocab *
vocab_parse(const char *text, size_t len, const char *name)
{
	struct vocab *v = vocab_new();
	const char *p = text, *end = text + len, *q;
	long lineno = 0;
	int body = 0, seen_version = 0, seen_prep = 0, seen_token = 0;
	size_t lines = 1;

	for (q = text; (q = memchr(q, '\n', (size_t)(end - q))); q++)
		lines++;
	vocab_reserve(v, lines + 2);	/* and <pad>, <unk> */

	while (p < end) {
		const char *line = p, *nl = memchr(p, '\n', (size_t)(end - p));
		const char *tab, *w;
		size_t n = (size_t)((nl ? nl : end) - p), wl, i;
		uint64_t count;

		p = nl ? nl + 1 : end;
		lineno++;
		if (n > 0 && line[n - 1] == '\r')
			n--;
		if (memchr(line, '\0', n)) {
			parse_error(name, lineno, "NUL byte in line", NULL, 0);
			goto bad;
		}
		if (!body && n >= sizeof(VERSION_LINE) - 1 &&
		    !memcmp(line, VERSION_LINE, sizeof(VERSION_LINE) - 1)) {
			const char *s = line + sizeof(VERSION_LINE) - 1;
			size_t sn = n - (sizeof(VERSION_LINE) - 1);
			uint64_t ver;

			if (seen_version || seen_prep ||
			    parse_count(s, sn, &ver) < 0 || ver == 0) {
				parse_error(name, lineno, "bad version line", line, n);
				goto bad;
			}
			if (ver > VOCAB_VERSION) {
				rv_warn("%s:%ld: version %llu is newer than this program reads (%d)",
				    name, lineno, (unsigned long long)ver, VOCAB_VERSION);
				goto bad;
			}
			seen_version = 1;
			continue;
		}
		if (!body && n >= sizeof(PREP_LINE) - 1 &&
		    !memcmp(line, PREP_LINE, sizeof(PREP_LINE) - 1) &&
		    (n == sizeof(PREP_LINE) - 1 || line[sizeof(PREP_LINE) - 1] == ' ')) {
			size_t skip = n == sizeof(PREP_LINE) - 1 ? n : sizeof(PREP_LINE);
			char *prep;

			if (seen_prep) {
				parse_error(name, lineno, "second #prep line", NULL, 0);
				goto bad;
			}
			prep = xmalloc(n - skip + 1, 1);
			memcpy(prep, line + skip, n - skip);
			prep[n - skip] = '\0';
			/* as vocab_set_prep: a CR left inside would not read back */
			vocab_set_prep(v, prep);
			free(prep);
			seen_prep = 1;
			continue;
		}
		body = 1;
		tab = memchr(line, '\t', n);
		if (n == 0) {
			parse_error(name, lineno, "empty line", NULL, 0);
			goto bad;
		}
		if (!tab) {
			parse_error(name, lineno, "no tab between token and count in", line, n);
			goto bad;
		}
		w = line;
		wl = (size_t)(tab - line);
		if (parse_count(tab + 1, n - wl - 1, &count) < 0) {
			parse_error(name, lineno, "bad count", tab + 1, n - wl - 1);
			goto bad;
		}
		if (wl == 0) {
			parse_error(name, lineno, "empty token", NULL, 0);
			goto bad;
		}
		for (i = 0; i < wl; i++)
			if (vocab_sep[(unsigned char)w[i]]) {
				parse_error(name, lineno, "white space in token", w, wl);
				goto bad;
			}
		if (vocab_is_label(w, wl)) {
			const char *lab = w + VOCAB_LABEL_PREFIX_LEN;
			size_t ll = wl - VOCAB_LABEL_PREFIX_LEN;
			int c = v->nlabel ? namecmp(lab, ll, v->label[v->nlabel - 1]) : 1;

			if (seen_token) {
				parse_error(name, lineno, "label after the tokens:", w, wl);
				goto bad;
			}
			if (c == 0) {
				parse_error(name, lineno, "duplicate label", w, wl);
				goto bad;
			}
			if (c < 0) {
				parse_error(name, lineno,
				    "labels not sorted by name at", w, wl);
				goto bad;
			}
			label_append(v, lab, ll, count);
			continue;
		}
		seen_token = 1;
		if (tok_insert(v, w, wl, count) < 0) {
			parse_error(name, lineno, "duplicate token", w, wl);
			goto bad;
		}
	}
	vocab_finish(v);
	return v;
bad:
	vocab_free(v);
	return NULL;
}

struct vocab *
vocab_load(const char *path)
{
	struct rd *r = rd_open(path);
	struct buf b = {0};
	struct vocab *v = NULL;
	char chunk[1 << 16];
	size_t got;

	if (!r)
		return NULL;
	while ((got = rd_read(r, chunk, sizeof(chunk))) > 0)
		buf_add(&b, chunk, got);
	buf_add(&b, NULL, 0);
	if (!rd_error(r))
		v = vocab_parse(b.p, b.n, rd_name(r));
	rd_close(r);
	buf_free(&b);
	return v;
}
