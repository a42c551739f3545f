/* prep.h: how training text was prepared (the preparation profile). */
#ifndef RV_PREP_H
#define RV_PREP_H

#include "util.h"

/*
 * The settings of rv-clean and rv-stem that change what the model sees.
 * Text form: whitespace-separated key=value pairs, '#' starts a comment:
 *   digits=no scripts=latin stemmer=english stopwords=default
 * stopwords is "default" (the built-in English list), "none" (rv-stem -S),
 * or "list:w1,w2,..." (a list given with -s, embedded so a model carries it).
 */
struct prep {
	int digits;		/* rv-clean -d: keep digits */
	int all_scripts;	/* rv-clean -a: keep letters of every script */
	char *stemmer;		/* Snowball algorithm name, or "none" */
	char *stopwords;	/* "default", "none" or "list:..." */
};

void prep_default(struct prep *p);
/* Parse the text form; name for messages.  0, or -1 after a message.
 * p is filled, not freed first; keys left out take the defaults.  On
 * failure p holds nothing to free (prep_free is still safe). */
int prep_parse(struct prep *p, const char *text, const char *name);
/* Canonical one-line text form (no newline). */
void prep_format(const struct prep *p, struct buf *out);
/*
 * Load the profile from a file: a model (.rvm), a vocabulary (its "#prep"
 * line), or a profile file.  0, or -1 after a message.
 */
int prep_load(struct prep *p, const char *path);	/* p as in prep_parse */
void prep_free(struct prep *p);

#endif
