/* vocab.h: the vocabulary (vocab.txt, rv-vocab(5)): one reader, one writer. */
#ifndef RV_VOCAB_H
#define RV_VOCAB_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"
#include "wkey.h"

#define VOCAB_PAD 0	/* id of padding */
#define VOCAB_UNK 1	/* id of an unknown word */
#define VOCAB_VERSION 1	/* the "#rv-vocab 1" line */
#define VOCAB_LABEL_PREFIX "__label__"
#define VOCAB_LABEL_PREFIX_LEN 9

/* A slot of the vocabulary's hash: tokens of up to WKEY_MAX bytes are
 * compared by key, longer ones through tok. */
struct vocab_slot {
	struct wkey k;		/* {0, 0} for a longer token */
	uint32_t id;		/* 0: empty */
	uint32_t len;
};

struct vocab {
	size_t n;		/* entries including the 2 reserved ids: ids 0..n-1 */
	char **tok;		/* (n) tok[id]; tok[0] "<pad>", tok[1] "<unk>" */
	uint64_t *count;	/* (n) occurrences in the text the vocabulary was made from */
	size_t nlabel;		/* classes, in class-id order (sorted by name) */
	char **label;		/* (nlabel) names without the "__label__" prefix */
	uint64_t *lcount;	/* (nlabel) lines carrying each label */
	char *prep;		/* preparation profile line (see prep.h), never NULL */
	uint32_t sum;		/* CRC-32 of the canonical text (vocab_format) */
	/* private: open-addressing hash of tok -> id (id 0 = empty slot) */
	size_t hcap;		/* power of two, at least twice n */
	unsigned hbits;		/* hcap is 1 << hbits */
	struct vocab_slot *hash;	/* (hcap) */
	uint32_t *thash;	/* (n) high 32 bits of the hash of tok[id] */
	uint32_t *tlen;		/* (n) strlen(tok[id]) */
	size_t cap, lcap;	/* allocated entries of tok and label */
	char **chunk;		/* (nchunk) the blocks the tok strings are in */
	size_t nchunk, left;	/* left: bytes free at next, in the last one */
	char *next;
};

/*
 * Word splitting shared by the text tools: words are runs of bytes that are
 * not separators; the separators are space, \t, \n, \v, \f, \r and NUL.
 */
extern const unsigned char vocab_sep[256];

/* Next word of s[0..n) at or after *pos: returns its start and sets *wlen
 * and *pos (past the word), or NULL when no word is left.  Reads only
 * s[0..n); the end of a word is looked for 8 bytes at a time. */
static inline const char *
vocab_word(const char *s, size_t n, size_t *pos, size_t *wlen)
{
	size_t i = *pos, j;

	while (i < n && vocab_sep[(unsigned char)s[i]])
		i++;
	if (i >= n) {
		*pos = n;
		return NULL;
	}
	for (j = i + 1; j + 8 <= n; ) {
		uint64_t low = wkey_low_bytes(wkey_load8(s + j));

		if (!low) {
			j += 8;
			continue;
		}
		j += (size_t)__builtin_ctzll(low) / 8;
		if (vocab_sep[(unsigned char)s[j]])
			goto end;
		j++;	/* a control byte that is not a separator */
	}
	while (j < n && !vocab_sep[(unsigned char)s[j]])
		j++;
end:
	*pos = j;
	*wlen = j - i;
	return s + i;
}

/*
 * The words of a line one after another, as vocab_word finds them, with
 * their keys.  Separators are found 64 bytes at a time as a bit mask, so
 * finding a word does not wait for the end of the one before it.
 *	struct vocab_iter it;
 *	vocab_iter_init(&it, s, n);
 *	while ((w = vocab_iter_next(&it, &len, &key))) ...
 */
struct vocab_iter {
	const char *s;
	size_t n;
	size_t base;		/* offset of the current 64-byte block */
	uint64_t cur;		/* bit i: s[base + i] is a separator (or past n) */
	uint64_t nxt;		/* the same for the next block */
	uint64_t starts;	/* bits of the words of this block not given yet */
};

/* The separator bits of s[off..off+64); bytes at or past n count as separators. */
uint64_t vocab_sep_bits(const char *s, size_t n, size_t off);

void vocab_iter_init(struct vocab_iter *it, const char *s, size_t n);

/* The next word (NULL at the end of the line); *wlen its length and, when
 * that is at most WKEY_MAX, *k its key. */
static inline const char *
vocab_iter_next(struct vocab_iter *it, size_t *wlen, struct wkey *k)
{
	size_t p, len, off;
	uint64_t rest, prev;
	const char *w;

	while (!it->starts) {
		if (it->base + 64 >= it->n)
			return NULL;
		prev = it->cur >> 63;
		it->base += 64;
		it->cur = it->nxt;
		it->nxt = vocab_sep_bits(it->s, it->n, it->base + 64);
		it->starts = ~it->cur & (it->cur << 1 | prev);
	}
	p = (size_t)__builtin_ctzll(it->starts);
	it->starts &= it->starts - 1;
	if ((rest = it->cur >> p) != 0) {
		len = (size_t)__builtin_ctzll(rest);
	} else if (it->nxt) {
		len = 64 - p + (size_t)__builtin_ctzll(it->nxt);
	} else {	/* longer than the next block: byte by byte */
		for (len = 128 - p; it->base + p + len < it->n &&
		    !vocab_sep[(unsigned char)it->s[it->base + p + len]]; len++)
			;
	}
	off = it->base + p;
	w = it->s + off;
	if (len <= WKEY_MAX)
		*k = off + 16 <= it->n ? wkey_mask(wkey_load8(w), wkey_load8(w + 8), len) :
		    wkey_make(w, len);
	*wlen = len;
	return w;
}

/* 1 if the word w[0..len) is a fastText label "__label__NAME" (NAME not
 * empty); the name starts at w + VOCAB_LABEL_PREFIX_LEN. */
static inline int
vocab_is_label(const char *w, size_t len)
{
	return len > VOCAB_LABEL_PREFIX_LEN &&
	    w[0] == '_' && w[1] == '_' && w[2] == 'l' && w[3] == 'a' &&
	    w[4] == 'b' && w[5] == 'e' && w[6] == 'l' && w[7] == '_' && w[8] == '_';
}

/* Parse vocabulary text; name is used in "name:line: problem" messages.
 * Returns NULL after a message on any error. */
struct vocab *vocab_parse(const char *text, size_t len, const char *name);
/* Read and parse a vocabulary file ("-" for stdin). */
struct vocab *vocab_load(const char *path);
/* The canonical text of v (what vocab_parse reads back). */
void vocab_format(const struct vocab *v, struct buf *out);
void vocab_free(struct vocab *v);

/* Id of word w[0..len), or VOCAB_UNK. */
uint32_t vocab_lookup(const struct vocab *v, const char *w, size_t len);
/*
 * Ids of the next words of it (vocab_iter_next), at most max, into ids;
 * returns how many.  The same as vocab_lookup word by word, only faster.
 */
size_t vocab_lookup_words(const struct vocab *v, struct vocab_iter *it, uint32_t *ids,
    size_t max);
/*
 * Ids of the words of s[0..n) into ids: the first max, or with tail the
 * last max (rv-tokenize -k); returns how many.
 */
static inline size_t
vocab_line_ids(const struct vocab *v, const char *s, size_t n, uint32_t *ids,
    size_t max, int tail)
{
	struct vocab_iter it;
	struct wkey k;
	size_t got, nw, wl;

	vocab_iter_init(&it, s, n);
	got = vocab_lookup_words(v, &it, ids, max);
	if (!tail || got < max)
		return got;
	/* a tail of a line that may be longer: count its words, then pass
	 * over all but the last max (most lines are not, and end here) */
	for (nw = got; vocab_iter_next(&it, &wl, &k); nw++)
		;
	if (nw == max)
		return got;
	vocab_iter_init(&it, s, n);
	for (; nw > max; nw--)
		vocab_iter_next(&it, &wl, &k);
	return vocab_lookup_words(v, &it, ids, max);
}

/* Class id of label name[0..len) (without "__label__"), or -1. */
long vocab_label(const struct vocab *v, const char *name, size_t len);

/* Building a vocabulary (rv-vocab): add tokens/labels with counts, then finish. */
struct vocab *vocab_new(void);
void vocab_add_token(struct vocab *v, const char *w, uint64_t count);
void vocab_add_label(struct vocab *v, const char *name, uint64_t count);
void vocab_set_prep(struct vocab *v, const char *prep);
/* Sort labels by name, build the hash and checksum.  vocab_add_token and
 * vocab_add_label exit(1) on a duplicate or on a name that cannot be
 * written (empty, or containing a separator). */
void vocab_finish(struct vocab *v);

#endif
