/* stem.h: rv-stem's core: stop words and Snowball stemming with a cache. */
#ifndef RV_STEM_H
#define RV_STEM_H

#include <stddef.h>

#include "prep.h"
#include "util.h"

#define STEM_MAX_WORD 256	/* longer words are passed through unstemmed */

struct stem;

/*
 * A stemmer for the profile's stemmer ("none": words unchanged) and
 * stopwords ("default": the built-in English list, "none", "list:a,b,...").
 * NULL after a message naming the problem.
 */
struct stem *stem_new(const struct prep *p);
void stem_free(struct stem *s);

/* 1 if w[0..n) is a stop word (matched before stemming). */
int stem_is_stop(const struct stem *s, const char *w, size_t n);

/*
 * The stem of w[0..n), cached; *len gets its length.  Valid until the next
 * call.  Words with invalid UTF-8 or longer than STEM_MAX_WORD bytes come
 * back unchanged.
 */
const char *stem_word(struct stem *s, const char *w, size_t n, size_t *len);

/* How many cached lookups found the word, and how many had to stem it. */
void stem_cache_stats(const struct stem *s, unsigned long *hits, unsigned long *misses);

/*
 * Stem one line of rv-clean output into out (contents replaced, NUL-
 * terminated): a fastText label first on the line passes through, stop
 * words are dropped, the other words are stemmed and joined by single
 * spaces.  Words are split on space, tab, CR, LF, VT, FF and NUL.
 * Returns out->n.
 */
size_t stem_line(struct stem *s, const char *in, size_t n, struct buf *out);

/*
 * Read a stop-word file (words separated by white space, '#' to the end of
 * a line is a comment) into the profile form "list:w1,w2,..." (sorted,
 * without duplicates) in out.  0, or -1 after a message naming file:line.
 */
int stem_read_stopfile(const char *path, struct buf *out);

/* The Snowball algorithm names, NULL-terminated. */
const char **stem_algorithms(void);

#endif
