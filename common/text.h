/* text.h: rv-clean's core: one raw review line to lowercase words. */
#ifndef RV_TEXT_H
#define RV_TEXT_H

#include <stddef.h>

#include "util.h"

#define TEXT_DIGITS	1	/* rv-clean -d: digits are word characters */
#define TEXT_ALL_SCRIPTS 2	/* rv-clean -a: letters of every script make words */
#define TEXT_PORTABLE	4	/* not the CPU-specific fast path (the tests compare them) */

#define TEXT_LABEL_PREFIX "__label__"
#define TEXT_LABEL_PREFIX_LEN 9

struct text;

/* A cleaner for the given TEXT_* flags.  Free with text_free. */
struct text *text_new(int flags);
void text_free(struct text *t);

/*
 * Clean the line in[0..n) (any bytes: NUL, invalid UTF-8 and '\r' are
 * separators) into out, replacing its contents; out->p is NUL-terminated.
 * The result is the fastText label of the line, if any, untouched, then the
 * words, each preceded by one space unless it comes first.  A word is a run
 * of letters (Latin only unless TEXT_ALL_SCRIPTS; digits too with
 * TEXT_DIGITS), case-folded, Latin accents removed; an apostrophe between
 * two word characters joins them.  HTML entities are decoded and HTML tags
 * dropped first.  Returns out->n.
 */
size_t text_clean(struct text *t, const char *in, size_t n, struct buf *out);

/*
 * Length of the fastText label "__label__NAME" (NAME not empty) that starts
 * s[0..n), up to the first space, tab, CR, LF, VT, FF or NUL; 0 if the line
 * does not start with one.
 */
size_t text_label(const char *s, size_t n);

/* 1 if s[0..n) is valid UTF-8 (no overlong forms, surrogates or values
 * above U+10FFFF), else 0. */
int text_utf8_valid(const char *s, size_t n);

#endif
