/* vocab.h: the vocabulary (vocab.txt, rv-vocab(5)): one reader, one writer. */
#ifndef RV_VOCAB_H
#define RV_VOCAB_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define VOCAB_PAD 0	/* id of padding */
#define VOCAB_UNK 1	/* id of an unknown word */
#define VOCAB_VERSION 1	/* the "#rv-vocab 1" line */
#define VOCAB_LABEL_PREFIX "__label__"
#define VOCAB_LABEL_PREFIX_LEN 9

struct vocab {
	size_t n;		/* entries including the 2 reserved ids: ids 0..n-1 */
	char **tok;		/* (n) tok[id]; tok[0] "<pad>", tok[1] "<unk>" */
	uint64_t *count;	/* (n) occurrences in the text the vocabulary was made from */
	size_t nlabel;		/* classes, in class-id order (sorted by name) */
	char **label;		/* (nlabel) names without the "__label__" prefix */
	uint64_t *lcount;	/* (nlabel) lines carrying each label */
	char *prep;		/* preparation profile line (see prep.h), never NULL */
	uint32_t sum;		/* CRC-32 of the canonical text (vocab_format) */
	/* private: open-addressing hash of tok -> id (slot 0 = empty) */
	size_t hcap;		/* power of two, at least twice n */
	uint32_t *hash;		/* (hcap) ids */
	uint32_t *thash;	/* (n) FNV-1a hash of tok[id] */
	uint32_t *tlen;		/* (n) strlen(tok[id]) */
	size_t cap, lcap;	/* allocated entries of tok and label */
};

/*
 * Word splitting shared by the text tools: words are runs of bytes that are
 * not separators; the separators are space, \t, \n, \v, \f, \r and NUL.
 */
extern const unsigned char vocab_sep[256];

/* Next word of s[0..n) at or after *pos: returns its start and sets *wlen
 * and *pos (past the word), or NULL when no word is left. */
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
	for (j = i; j < n && !vocab_sep[(unsigned char)s[j]]; j++)
		;
	*pos = j;
	*wlen = j - i;
	return s + i;
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
