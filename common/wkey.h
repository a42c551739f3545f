/*
 * wkey.h: a word of up to 16 bytes as two 64-bit integers (its bytes in
 * order from the low end, zero-padded), so hash maps of words can store
 * short keys inline and compare them in two instructions.  Used by the stem
 * cache (stem.c) and the vocabulary lookup (vocab.c).
 */
#ifndef RV_WKEY_H
#define RV_WKEY_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define WKEY_MAX 16	/* longest word a key holds */

struct wkey {
	uint64_t a;	/* bytes 0..7 */
	uint64_t b;	/* bytes 8..15 */
};

/* The 8 bytes at p, the first in the low byte whatever the host order. */
static inline uint64_t
wkey_load8(const char *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

static inline uint64_t
wkey_load4(const char *p)
{
	uint32_t x;

	memcpy(&x, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap32(x);
#endif
	return x;
}

/*
 * The key of w[0..n), n <= WKEY_MAX.  Reads only w[0..n): the loads of
 * lengths that are not 4, 8 or 16 overlap instead of reading past the end.
 */
static inline struct wkey
wkey_make(const char *w, size_t n)
{
	struct wkey k = {0, 0};

	if (n >= 8) {
		k.a = wkey_load8(w);
		if (n > 8)	/* bytes n-8..n-1, shifted so byte 8 is lowest */
			k.b = wkey_load8(w + n - 8) >> (8 * (16 - n));
	} else if (n >= 4) {
		k.a = wkey_load4(w) | wkey_load4(w + n - 4) << (8 * (n - 4));
	} else if (n > 0) {
		k.a = (uint64_t)(unsigned char)w[0] |
		    (uint64_t)(unsigned char)w[n / 2] << (8 * (n / 2)) |
		    (uint64_t)(unsigned char)w[n - 1] << (8 * (n - 1));
	}
	return k;
}

/*
 * The key of a word of n bytes (1 <= n <= WKEY_MAX) from the 16 bytes that
 * start it, x0 and x1 as wkey_load8 gives them: the bytes past the word
 * are masked off, without a branch.
 */
static inline struct wkey
wkey_mask(uint64_t x0, uint64_t x1, size_t n)
{
	size_t na = n < 8 ? n : 8, nb = n > 8 ? n - 8 : 0;
	struct wkey k;

	k.a = x0 & (~(uint64_t)0 >> (8 * (8 - na)));
	k.b = x1 & (-(uint64_t)(nb > 0) & (~(uint64_t)0 >> ((8 * (8 - nb)) & 63)));
	return k;
}

/* Flags the bytes of x below 0x21 (NUL, controls, space); the lowest flag
 * is exact, the ones above it may be false. */
static inline uint64_t
wkey_low_bytes(uint64_t x)
{
	return (x - 0x2121212121212121u) & ~x & 0x8080808080808080u;
}

/*
 * A 64-bit hash of a key and its length: two independent multiplies, so it
 * is short to compute.  Its high bits are the well-mixed ones: index a
 * table of 2^bits entries with wkey_slot.
 */
static inline uint64_t
wkey_hash(struct wkey k, size_t n)
{
	return ((k.a + n) * 0x9E3779B97F4A7C15u) ^
	    ((k.b << 32 | k.b >> 32) * 0xC2B2AE3D27D4EB4Fu);
}

/* The slot of hash h in a table of 2^bits entries (1 <= bits <= 63). */
static inline size_t
wkey_slot(uint64_t h, unsigned bits)
{
	return (size_t)(h >> (64 - bits));
}

/* A 64-bit hash of any word (those longer than WKEY_MAX too). */
static inline uint64_t
wkey_hash_any(const char *w, size_t n)
{
	uint64_t h = 0;
	size_t i;

	if (n <= WKEY_MAX)
		return wkey_hash(wkey_make(w, n), n);
	for (i = 0; i + WKEY_MAX <= n; i += WKEY_MAX)
		h = wkey_hash((struct wkey){wkey_load8(w + i) ^ h, wkey_load8(w + i + 8)}, i);
	return wkey_hash((struct wkey){wkey_make(w + i, n - i).a ^ h,
	    wkey_make(w + i, n - i).b}, n);
}

#endif
