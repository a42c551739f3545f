/* t_wkey: word keys (wkey.h) and the block word iterator (vocab_iter). */
#include "unit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "vocab.h"
#include "wkey.h"

/* The key by definition: bytes in order from the low end, zero-padded. */
static struct wkey
key_ref(const char *w, size_t n)
{
	struct wkey k = {0, 0};
	size_t i;

	for (i = 0; i < n && i < 8; i++)
		k.a |= (uint64_t)(unsigned char)w[i] << (8 * i);
	for (i = 8; i < n; i++)
		k.b |= (uint64_t)(unsigned char)w[i] << (8 * (i - 8));
	return k;
}

/* A copy of w[0..n) in a block of exactly n bytes, so the sanitizers
 * catch a read past the word. */
static char *
exact(const char *w, size_t n)
{
	char *p = xmalloc(n ? n : 1, 1);

	memcpy(p, w, n);
	return p;
}

static void
test_make(void)
{
	char w[WKEY_MAX + 16];
	struct rng r;
	size_t n, i;
	int iter, bad = 0, badmask = 0;

	rng_seed(&r, 1);
	for (iter = 0; iter < 2000; iter++) {
		for (i = 0; i < sizeof(w); i++)
			w[i] = (char)(rng_next(&r) & 0xff);
		for (n = 0; n <= WKEY_MAX; n++) {
			char *p = exact(w, n);
			struct wkey k = wkey_make(p, n), want = key_ref(w, n);

			bad += k.a != want.a || k.b != want.b;
			if (n > 0) {	/* the masked form, from 16 readable bytes */
				k = wkey_mask(wkey_load8(w), wkey_load8(w + 8), n);
				badmask += k.a != want.a || k.b != want.b;
			}
			free(p);
		}
	}
	CHECKF(bad == 0, "%d keys differ from the definition", bad);
	CHECKF(badmask == 0, "%d masked keys differ", badmask);
	/* a key tells words apart that differ in any byte, and lengths only
	 * through the bytes: "a" and "a\0" share a key, callers compare n */
	CHECK(wkey_make("abcdefghijklmnop", 16).b != wkey_make("abcdefghijklmnoq", 16).b);
	CHECK(wkey_make("abc", 3).a != wkey_make("abd", 3).a);
	CHECK(wkey_make("a", 1).a == wkey_make("a\0", 2).a);
	CHECK(wkey_hash(wkey_make("a", 1), 1) != wkey_hash(wkey_make("a\0", 2), 2));
	/* hashes agree whichever way the key was made */
	CHECK(wkey_hash_any("running", 7) == wkey_hash(wkey_make("running", 7), 7));
	CHECK(wkey_hash_any("abcdefghijklmnopq", 17) != wkey_hash_any("abcdefghijklmnopr", 17));
	CHECK(wkey_hash_any("abcdefghijklmnopqrstuvwxyzabcdef", 32) !=
	    wkey_hash_any("abcdefghijklmnopqrstuvwxyzabcdeg", 32));
}

/* The slots of many distinct words spread over the table. */
static void
test_spread(void)
{
	enum { BITS = 12, SLOTS = 1 << BITS, WORDS = 3 * SLOTS };
	static unsigned count[SLOTS];
	char w[16];
	unsigned max = 0;
	size_t i;

	for (i = 0; i < WORDS; i++) {
		int n = snprintf(w, sizeof(w), "w%zu", i);
		size_t s = wkey_slot(wkey_hash(wkey_make(w, (size_t)n), (size_t)n), BITS);

		if (++count[s] > max)
			max = count[s];
	}
	/* 3 per slot on average; a poor hash piles them up */
	CHECKF(max < 16, "a slot got %u of %d words", max, WORDS);
}

/* vocab_iter gives the words and keys vocab_word does, on any bytes. */
static void
check_iter(const char *s, size_t n)
{
	char *p = exact(s, n);
	struct vocab_iter it;
	size_t pos = 0, wl, il;
	const char *w, *iw;
	struct wkey k;
	int bad = 0;

	vocab_iter_init(&it, p, n);
	while ((w = vocab_word(p, n, &pos, &wl))) {
		iw = vocab_iter_next(&it, &il, &k);
		if (iw != w || il != wl) {
			bad = 1;
			break;
		}
		if (wl <= WKEY_MAX) {
			struct wkey want = key_ref(w, wl);

			bad |= k.a != want.a || k.b != want.b;
		}
	}
	if (!bad)
		bad = vocab_iter_next(&it, &il, &k) != NULL;
	CHECKF(!bad, "iterator differs on a line of %zu bytes", n);
	free(p);
}

static void
test_iter(void)
{
	static const char *const pieces[] = {
		"a", "bc", "def", "word", "running", "abcdefghijklmno", "abcdefghijklmnop",
		"abcdefghijklmnopq", " ", "  ", "\t", "\r", "\n", "\v", "\f", "\0", "\x01",
		"\x1f", "\x7f", "\x80", "\xff", "!", "__label__1",
	};
	size_t np = sizeof(pieces) / sizeof(pieces[0]), len, i;
	struct buf b = {0};
	struct rng r;
	int iter;

	check_iter("", 0);
	check_iter(" ", 1);
	check_iter("x", 1);
	rng_seed(&r, 2);
	for (iter = 0; iter < 20000; iter++) {
		size_t nw = rng_next(&r) % 80;

		b.n = 0;
		for (i = 0; i < nw; i++) {
			const char *p = pieces[rng_next(&r) % np];

			buf_add(&b, p, *p ? strlen(p) : 1);
		}
		check_iter(b.p ? b.p : "", b.n);
	}
	/* words across one, two and many 64-byte blocks, at every offset */
	for (len = 60; len <= 200; len += 7) {
		for (i = 0; i < 70; i++) {
			b.n = 0;
			buf_add(&b, "  x y ", 6 - i % 6);
			while (b.n < i)
				buf_addc(&b, ' ');
			while (b.n < i + len)
				buf_addc(&b, 'a' + (int)(b.n % 26));
			buf_add(&b, " tail\x01word z", 12 - (i % 3) * 5);
			check_iter(b.p, b.n);
		}
	}
	/* the separator bits themselves */
	CHECK(vocab_sep_bits("a b\tc\0d\x01", 8, 0) == (~(uint64_t)0 << 8 | 0x2a));
	CHECK(vocab_sep_bits("abc", 3, 64) == ~(uint64_t)0);
	buf_free(&b);
}

/* vocab_sep_bits against vocab_sep, byte by byte: every byte value, every
 * offset and every length up to and past a block (whichever way this CPU
 * takes; tests/sh runs this program again with RV_PORTABLE set). */
static void
test_sep_bits(void)
{
	char *p;
	size_t n, off, i;
	struct rng r;
	int bad = 0;

	rng_seed(&r, 3);
	for (n = 0; n <= 140; n++) {
		char s[140];

		for (i = 0; i < n; i++)	/* half separators, half any byte */
			s[i] = rng_next(&r) % 2 ? "\0\t\n\v\f\r \x08\x0e\x1f!\xa0"[rng_next(&r) % 12] :
			    (char)(rng_next(&r) & 0xff);
		p = exact(s, n);
		for (off = 0; off <= n + 1; off++) {
			uint64_t want = 0, got = vocab_sep_bits(p, n, off);

			for (i = 0; i < 64; i++)
				if (off + i >= n || vocab_sep[(unsigned char)p[off + i]])
					want |= (uint64_t)1 << i;
			bad += got != want;
		}
		free(p);
	}
	CHECKF(bad == 0, "%d blocks of separator bits are wrong", bad);
}

int
main(void)
{
	test_make();
	test_spread();
	test_iter();
	test_sep_bits();
	return UNIT_DONE();
}
