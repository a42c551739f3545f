/* page.h: the web form's answer (rv.cgi(8)), rendered from what rv-classify -r -w made of a request. */
#ifndef RV_PAGE_H
#define RV_PAGE_H

#include <stddef.h>

#include "util.h"

/*
 * What came of a request; page_render returns one of these, plus 1 when
 * the answer is JSON (PAGE_SHORT excepted).
 */
enum {
	PAGE_ANSWER = 10,	/* out holds the result: an HTML section, or JSON */
	PAGE_EMPTY = 20,	/* no review but blank lines */
	PAGE_SHORT = 30,	/* nothing was classified: the body was cut short */
	PAGE_TIME = 40,		/* the model ran out of time */
	PAGE_FAILED = 50,	/* the model failed */
	PAGE_BAD = 60		/* its answer cannot be read */
};

/*
 * Render in[0..n): rv-classify -r -w's output for the lines of
 * rv-formdecode -l -f format -f review (a header line, then per line its
 * label, a probability per class, the words read with <unk> for unknown
 * ones, the stemmed words and the line), then a last line "#status N",
 * N the model's exit status (124, 137 or 142: the time limit).  The first
 * line read is the form's format field: "json" or "html" overrides json.
 * labels maps class names to what the page calls them ("1=negative
 * 2=positive"); tmo, the time limit in seconds, is for the message.  Only
 * with PAGE_ANSWER does out get anything; the other outcomes are said on
 * standard error, except PAGE_EMPTY and PAGE_SHORT, which are the client's.
 */
int page_render(const char *in, size_t n, int json, const char *labels, int tmo, struct buf *out);

#endif
