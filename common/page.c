/* page.c: the web form's answer, rendered from rv-classify -r -w's output (page.h). */
#include "page.h"
#include "form.h"

#include <stdlib.h>
#include <string.h>

struct span {
	const char *p;
	size_t n;
};

struct row {
	struct span text;	/* the review as sent */
	int c;			/* its class */
	struct span *prob;	/* (nc) as written by the model */
	struct span *word;	/* (nw) the stems read */
	unsigned char *unk;	/* (nw) not in the vocabulary */
	int nw, more;		/* words read, stems past them */
};

struct pg {
	struct span *cls, *name;	/* (nc) class names, and the page's names for them */
	int *count;			/* (nc) rows per class */
	int nc;
	struct row *row;
	int rows, cap;
	int nrec;			/* records seen, the format field's first */
	int json;
	struct span *f;			/* scratch for splitting */
	size_t nf, capf;
};

static int
span_is(struct span s, const char *lit)
{
	return s.n == strlen(lit) && memcmp(s.p, lit, s.n) == 0;
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Split s on sep (one byte: empty fields kept) or, with sep 0, on runs of
 * blanks (none kept); the pieces in g->f, their count returned. */
static size_t
split(struct pg *g, struct span s, int sep)
{
	size_t i = 0, start;

	g->nf = 0;
	for (;;) {
		if (!sep)
			while (i < s.n && is_blank((unsigned char)s.p[i]))
				i++;
		if (!sep && i >= s.n)
			break;
		start = i;
		while (i < s.n && (sep ? s.p[i] != sep : !is_blank((unsigned char)s.p[i])))
			i++;
		if (g->nf == g->capf) {
			g->capf = g->capf ? 2 * g->capf : 16;
			g->f = xrealloc(g->f, g->capf, sizeof(*g->f));
		}
		g->f[g->nf].p = s.p + start;
		g->f[g->nf++].n = i - start;
		if (sep && i == s.n)
			break;
		i++;
	}
	return g->nf;
}

/* The page's name for class name s: its entry in labels ("NAME=SHOWN ..."), the last one, or s. */
static struct span
shown(const char *labels, struct span s)
{
	struct span r = s;
	const char *p = labels, *w, *eq;
	size_t n;

	while (*p) {
		while (*p && is_blank((unsigned char)*p))
			p++;
		for (w = p; *p && !is_blank((unsigned char)*p); p++)
			;
		n = (size_t)(p - w);
		eq = memchr(w, '=', n);
		if (eq && eq > w && (size_t)(eq - w) == s.n && memcmp(w, s.p, s.n) == 0) {
			r.p = eq + 1;
			r.n = n - (size_t)(eq - w) - 1;
		}
	}
	return r;
}

/* The header line: "# ... classes NAME ...".  0, or -1 with why. */
static int
header(struct pg *g, struct span h, const char *labels, const char **why)
{
	size_t nf = split(g, h, 0), i, j;

	if (nf < 1 || !span_is(g->f[0], "#")) {
		*why = "no header";
		return -1;
	}
	for (i = 0; i < nf; i++)
		if (span_is(g->f[i], "classes"))
			break;
	if (i + 1 >= nf) {
		*why = "no classes in the header";
		return -1;
	}
	g->nc = (int)(nf - i - 1);
	g->cls = xcalloc((size_t)g->nc, sizeof(*g->cls));
	g->name = xcalloc((size_t)g->nc, sizeof(*g->name));
	g->count = xcalloc((size_t)g->nc, sizeof(*g->count));
	for (j = 0; j < (size_t)g->nc; j++) {
		g->cls[j] = g->f[i + 1 + j];
		g->name[j] = shown(labels, g->cls[j]);
	}
	return 0;
}

/* A number as rv-classify writes probabilities: digits, and a fraction. */
static int
is_prob(struct span s)
{
	size_t i = 0, d;

	while (i < s.n && s.p[i] >= '0' && s.p[i] <= '9')
		i++;
	if (i == 0)
		return 0;
	if (i == s.n)
		return 1;
	if (s.p[i++] != '.')
		return 0;
	for (d = i; i < s.n && s.p[i] >= '0' && s.p[i] <= '9'; i++)
		;
	return i > d && i == s.n;
}

/* One record: LABEL TAB P1 ... TAB READ TAB STEMS TAB LINE.  0, or -1 with why. */
static int
record(struct pg *g, struct span r, const char **why)
{
	struct span line, rd, st;
	struct row *w;
	size_t nf, nw, ns, j;
	int c, k;

	nf = split(g, r, '\t');
	if (g->nc < 1 || nf < (size_t)g->nc + 4) {
		*why = "bad output line";
		return -1;
	}
	for (c = 0; c < g->nc && !(g->cls[c].n == g->f[0].n && !memcmp(g->cls[c].p, g->f[0].p, g->f[0].n)); c++)
		;
	if (c == g->nc) {
		*why = "unknown label";
		return -1;
	}
	rd = g->f[g->nc + 1];
	st = g->f[g->nc + 2];
	line.p = g->f[g->nc + 3].p;	/* the rest, tabs and all */
	line.n = (size_t)(r.p + r.n - line.p);
	if (++g->nrec == 1) {	/* the format field */
		if (span_is(line, "json"))
			g->json = 1;
		else if (span_is(line, "html"))
			g->json = 0;
		return 0;
	}
	for (j = 0; j < line.n && is_blank((unsigned char)line.p[j]) && line.p[j] != '\n'; j++)
		;
	if (j == line.n)
		return 0;	/* a blank line */
	if (line.n >= 10 && memcmp(line.p, " __label__", 10) == 0) {
		line.p++;
		line.n--;
	}
	if (g->rows == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 8;
		g->row = xrealloc(g->row, (size_t)g->cap, sizeof(*g->row));
	}
	w = &g->row[g->rows++];
	memset(w, 0, sizeof(*w));
	w->text = line;
	w->c = c;
	g->count[c]++;
	w->prob = xcalloc((size_t)g->nc, sizeof(*w->prob));
	for (k = 0; k < g->nc; k++) {
		if (!is_prob(g->f[k + 1])) {
			*why = "bad probability";
			return -1;
		}
		w->prob[k] = g->f[k + 1];
	}
	ns = split(g, st, 0);
	w->word = xcalloc(ns + 1, sizeof(*w->word));
	memcpy(w->word, g->f, ns * sizeof(*g->f));
	nw = split(g, rd, 0);
	if (ns < nw) {
		*why = "words do not match";
		return -1;
	}
	w->unk = xcalloc(nw + 1, 1);
	for (j = 0; j < nw; j++)
		w->unk[j] = span_is(g->f[j], "<unk>");
	w->nw = (int)nw;
	w->more = (int)(ns - nw);
	return 0;
}

static void
html(struct buf *o, struct span s)
{
	form_escape_html(o, s.p, s.n);
}

static void
js(struct buf *o, struct span s)
{
	buf_addc(o, '"');
	form_escape_json(o, s.p, s.n);
	buf_addc(o, '"');
}

static const char *
kind(const struct pg *g, int c)
{
	return span_is(g->name[c], "positive") ? "pos" : span_is(g->name[c], "negative") ? "neg" : "other";
}

/* 100 p with one decimal and a percent sign, as text. */
static void
pct(struct buf *o, struct span p)
{
	char s[64];
	size_t n = p.n < sizeof(s) ? p.n : sizeof(s) - 1;

	memcpy(s, p.p, n);
	s[n] = '\0';
	buf_printf(o, "%.1f%%", 100 * strtod(s, NULL));
}

static void
words(const struct row *w, struct buf *o)
{
	int j;

	for (j = 0; j < w->nw; j++) {
		buf_printf(o, "%s<span class=\"%s\">", j ? " " : "", w->unk[j] ? "unk" : "w");
		html(o, w->word[j]);
		buf_adds(o, "</span>");
	}
	if (!w->nw)
		buf_adds(o, "<span class=\"note\">(none)</span>");
}

static void
render_json(const struct pg *g, struct buf *o)
{
	const struct row *w;
	int i, j, k, c;

	buf_adds(o, "{\"reviews\":[");
	for (i = 0; i < g->rows; i++) {
		w = &g->row[i];
		c = w->c;
		buf_adds(o, i ? ",{\"review\":" : "{\"review\":");
		js(o, w->text);
		buf_adds(o, ",\"label\":");
		js(o, g->cls[c]);
		buf_adds(o, ",\"verdict\":");
		js(o, g->name[c]);
		buf_adds(o, ",\"probability\":");
		buf_add(o, w->prob[c].p, w->prob[c].n);
		buf_adds(o, ",\"probabilities\":{");
		for (j = 0; j < g->nc; j++) {
			if (j)
				buf_addc(o, ',');
			js(o, g->cls[j]);
			buf_addc(o, ':');
			buf_add(o, w->prob[j].p, w->prob[j].n);
		}
		buf_adds(o, "},\"words\":[");
		for (j = 0; j < w->nw; j++) {
			if (j)
				buf_addc(o, ',');
			js(o, w->word[j]);
		}
		buf_adds(o, "],\"unknown\":[");
		for (j = k = 0; j < w->nw; j++)
			if (w->unk[j]) {
				if (k++)
					buf_addc(o, ',');
				js(o, w->word[j]);
			}
		buf_printf(o, "],\"unread\":%d}", w->more);
	}
	buf_adds(o, "],\"counts\":{");
	for (c = 0; c < g->nc; c++) {
		if (c)
			buf_addc(o, ',');
		js(o, g->cls[c]);
		buf_printf(o, ":%d", g->count[c]);
	}
	buf_adds(o, "},\"names\":{");
	for (c = 0; c < g->nc; c++) {
		if (c)
			buf_addc(o, ',');
		js(o, g->cls[c]);
		buf_addc(o, ':');
		js(o, g->name[c]);
	}
	buf_adds(o, "}}\n");
}

static void
render_one(const struct pg *g, struct buf *o)
{
	const struct row *w = &g->row[0];
	int c = w->c, j;

	buf_adds(o, "<section class=\"card\" id=\"result\">\n");
	buf_printf(o, "<p class=\"verdict %s\" id=\"verdict\">", kind(g, c));
	html(o, g->name[c]);
	buf_adds(o, "</p>\n<p>Probability ");
	pct(o, w->prob[c]);
	buf_adds(o, "</p>\n<div class=\"bar\" title=\"");
	pct(o, w->prob[c]);
	buf_printf(o, "\"><span class=\"%s\" style=\"width:", kind(g, c));
	pct(o, w->prob[c]);
	buf_adds(o, "\"></span></div>\n");
	if (g->nc > 1) {
		buf_adds(o, "<p class=\"note\">");
		for (j = 0; j < g->nc; j++) {
			if (j)
				buf_adds(o, " &middot; ");
			html(o, g->name[j]);
			buf_addc(o, ' ');
			pct(o, w->prob[j]);
		}
		buf_adds(o, "</p>\n");
	}
	buf_adds(o, "<h2>The words the model read</h2>\n<p class=\"words\">");
	words(w, o);
	buf_adds(o, "</p>\n");
	if (w->more)
		buf_printf(o, "<p class=\"note\">The model reads the first %d words; %d more were not read.</p>\n",
		    w->nw, w->more);
	buf_adds(o, "<p class=\"note\">After cleaning and stemming; <span class=\"unk\">crossed out</span>: "
	    "not in the model&#39;s vocabulary, read as unknown.</p>\n");
	buf_adds(o, "<h2>Your review</h2>\n<blockquote id=\"review-echo\">");
	html(o, w->text);
	buf_adds(o, "</blockquote>\n</section>\n");
}

static void
render_table(const struct pg *g, struct buf *o)
{
	const struct row *w;
	int i, c;

	buf_printf(o, "<section class=\"card\" id=\"result\">\n<h2>%d reviews</h2>\n<p id=\"counts\">", g->rows);
	for (c = 0; c < g->nc; c++) {
		buf_printf(o, "%s<span class=\"%s\">", c ? " &middot; " : "", kind(g, c));
		html(o, g->name[c]);
		buf_printf(o, "</span>: %d", g->count[c]);
	}
	buf_adds(o, "</p>\n<div class=\"scroll\"><table>\n<thead><tr><th>#</th><th>Review</th>"
	    "<th>Verdict</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < g->rows; i++) {
		w = &g->row[i];
		c = w->c;
		buf_printf(o, "<tr><td>%d</td><td class=\"text\">", i + 1);
		html(o, w->text);
		buf_adds(o, "<div class=\"words small\">");
		words(w, o);
		buf_printf(o, "</div></td><td class=\"v\"><span class=\"%s\">", kind(g, c));
		html(o, g->name[c]);
		buf_adds(o, "</span> <span class=\"small\">");
		pct(o, w->prob[c]);
		buf_printf(o, "</span><div class=\"bar\"><span class=\"%s\" style=\"width:", kind(g, c));
		pct(o, w->prob[c]);
		buf_adds(o, "\"></span></div></td></tr>\n");
	}
	buf_adds(o, "</tbody></table></div>\n");
	buf_adds(o, "<p class=\"note\">Under each review, the words the model read after cleaning and stemming; "
	    "<span class=\"unk\">crossed out</span>: unknown to the model.</p>\n</section>\n");
}

/* "#status N": 1 and *st, or 0. */
static int
status_line(struct span s, long *st)
{
	size_t i;

	if (s.n < 9 || memcmp(s.p, "#status ", 8) != 0)
		return 0;
	*st = 0;
	for (i = 8; i < s.n; i++) {
		if (s.p[i] < '0' || s.p[i] > '9')
			return 0;
		if (*st < 100000)
			*st = *st * 10 + (s.p[i] - '0');
	}
	return 1;
}

int
page_render(const char *in, size_t n, int json, const char *labels, int tmo, struct buf *out)
{
	struct pg g;
	struct span line, last = { in, 0 };
	const char *why = NULL, *p = in, *end = in + n, *nl;
	long status;
	int i, rc, nlines = 0;

	memset(&g, 0, sizeof(g));
	g.json = json;
	/* every line but the last is the header or a record; the last the status */
	while (p < end && !why) {
		nl = memchr(p, '\n', (size_t)(end - p));
		line.p = p;
		line.n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		p = nl ? nl + 1 : end;
		if (nlines++ > 0) {
			if (nlines == 2 && !(last.n >= 8 && !memcmp(last.p, "#status ", 8)))
				header(&g, last, labels, &why);
			else
				record(&g, last, &why);
		}
		last = line;
	}
	if (!why && !status_line(last, &status))
		why = "no exit status";
	if (why) {
		rv_warn("%s", why);
		rc = PAGE_BAD + g.json;
	} else if (status == 124 || status == 137 || status == 142) {
		rv_warn("the model took more than %d s", tmo);
		rc = PAGE_TIME + g.json;
	} else if (status) {
		rv_warn("the model failed (exit %ld)", status);
		rc = PAGE_FAILED + g.json;
	} else if (nlines < 2) {
		rv_warn("no header");
		rc = PAGE_BAD + g.json;
	} else if (g.nrec == 0) {
		rc = PAGE_SHORT;
	} else if (g.rows == 0) {
		rc = PAGE_EMPTY + g.json;
	} else {
		if (g.json)
			render_json(&g, out);
		else if (g.rows == 1)
			render_one(&g, out);
		else
			render_table(&g, out);
		rc = PAGE_ANSWER + g.json;
	}
	for (i = 0; i < g.rows; i++) {
		free(g.row[i].prob);
		free(g.row[i].word);
		free(g.row[i].unk);
	}
	free(g.row);
	free(g.cls);
	free(g.name);
	free(g.count);
	free(g.f);
	return rc;
}
