/* rv-wordcloud: lay out a word cloud of one class from rv-wordfreq output. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "util.h"

struct word {
	char *w;
	uint64_t n;		/* occurrences in the chosen class */
	uint64_t other;		/* occurrences in every other class */
	double weight;
	double fs;		/* font size (em) in pixels */
	double x, y, bw, bh;	/* box centre, width and height */
	int placed;
};

struct cloud {
	struct word *v;
	size_t n, cap;
	uint64_t ntok, nother;	/* column sums: the class, every other class */
	double width, height;	/* canvas in pixels, origin bottom left */
	double fmin, fmax;	/* font sizes in pixels */
	double kwidth;		/* multiplies the character width estimate */
};

struct opts {
	const char *class;
	long count, mincount;
	int ratio;
};

static void
usage(void)
{
	fprintf(stderr, "usage: rv-wordcloud [-r] [-c class] [-F max] [-f min] [-k factor] "
	    "[-m mincount] [-n count] [-s width,height] [file]\n");
	exit(2);
}

/*
 * Advance widths of DejaVu Sans, in ems, for a-z; digits are 0.64 em,
 * capitals about 0.7 em and anything else is taken as 0.65 em.
 */
static const double lower_em[26] = {
	0.61, 0.64, 0.55, 0.64, 0.62, 0.35, 0.64, 0.63, 0.28, 0.28, 0.58, 0.28, 0.97,
	0.63, 0.61, 0.64, 0.64, 0.41, 0.52, 0.39, 0.63, 0.59, 0.82, 0.59, 0.59, 0.53,
};

/* Estimated width of w in ems: one estimate per character (UTF-8 aware). */
static double
word_ems(const char *w)
{
	const unsigned char *p;
	double ems = 0;

	for (p = (const unsigned char *)w; *p; p++) {
		if ((*p & 0xc0) == 0x80)
			continue;	/* continuation byte */
		if (*p >= 'a' && *p <= 'z')
			ems += lower_em[*p - 'a'];
		else if (*p >= '0' && *p <= '9')
			ems += 0.64;
		else if (*p >= 'A' && *p <= 'Z')
			ems += 0.70;
		else if (*p == '\'' || *p == '.' || *p == ',')
			ems += 0.32;
		else
			ems += 0.65;
	}
	return ems;
}

/* Split line at tabs into at most max fields; returns the count. */
static size_t
split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *p = line, *t;

	while (n < max) {
		f[n++] = p;
		if (!(t = strchr(p, '\t')))
			break;
		*t = '\0';
		p = t + 1;
	}
	return n;
}

static int
parse_count(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end || errno)
		return -1;
	*out = v;
	return 0;
}

/*
 * Read rv-wordfreq output (header "word total NAME..."), keeping each
 * word's count in the chosen class and in the others.  0, or 1 after a
 * message.
 */
static int
cloud_read(struct cloud *c, const char *path, const char *class)
{
	struct rd *r;
	char *line, *f[256];
	size_t nf, ncol = 0, col = 0, i;
	ssize_t len;
	int bad = 0;

	if (!(r = rd_open(path)))
		return 1;
	while (!bad && (len = rd_line(r, &line)) >= 0) {
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		if (memchr(line, '\0', len)) {
			rv_warn("%s:%ld: NUL byte", rd_name(r), rd_lineno(r));
			bad = 1;
			break;
		}
		nf = split_tabs(line, f, 256);
		if (rd_lineno(r) == 1) {
			if (nf < 3 || strcmp(f[0], "word") || strcmp(f[1], "total")) {
				rv_warn("%s:1: not rv-wordfreq output (want a header \"word<TAB>total<TAB>class...\")",
				    rd_name(r));
				bad = 1;
				break;
			}
			ncol = nf;
			for (i = 2; i < nf; i++)
				if (!class || !strcmp(f[i], class))
					break;
			if (i == nf) {
				rv_warn("%s:1: no class \"%s\" in the header", rd_name(r), class);
				bad = 1;
				break;
			}
			col = i;
			continue;
		}
		if (nf != ncol) {
			rv_warn("%s:%ld: %zu fields, the header has %zu", rd_name(r), rd_lineno(r), nf, ncol);
			bad = 1;
			break;
		}
		if (c->n == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 256;
			c->v = xrealloc(c->v, c->cap, sizeof *c->v);
		}
		struct word *w = &c->v[c->n];
		memset(w, 0, sizeof *w);
		for (i = 1; i < nf; i++) {
			uint64_t k;

			if (parse_count(f[i], &k) < 0) {
				rv_warn("%s:%ld: field %zu: \"%s\" is not a count", rd_name(r), rd_lineno(r),
				    i + 1, f[i]);
				bad = 1;
				break;
			}
			if (i == col)
				w->n = k;
			else if (i > 1)
				w->other += k;
		}
		if (bad)
			break;
		if (!*f[0])
			continue;	/* an empty word cannot be drawn */
		w->w = xstrdup(f[0]);
		c->ntok += w->n;
		c->nother += w->other;
		c->n++;
	}
	if (!bad && rd_lineno(r) == 0) {
		rv_warn("%s: empty input, want rv-wordfreq output", rd_name(r));
		bad = 1;
	}
	return rd_close(r) | bad;
}

static int
by_weight(const void *a, const void *b)
{
	const struct word *x = a, *y = b;

	if (x->weight != y->weight)
		return x->weight < y->weight ? 1 : -1;
	return strcmp(x->w, y->w);
}

/*
 * Weigh every word and keep the count heaviest.  By frequency the weight
 * is the class count.  By over-representation (ratio) it is
 * n * log2(p / q) with p = (n + 1) / (N + V) the smoothed rate in the
 * class and q the same in the other classes: frequent words that are
 * typical of the class weigh most; words not more frequent there are
 * dropped.
 */
static void
cloud_choose(struct cloud *c, const struct opts *o)
{
	size_t i, k = 0;
	double v = (double)c->n;

	for (i = 0; i < c->n; i++) {
		struct word *w = &c->v[i];
		double p, q;

		w->weight = 0;
		if (w->n >= (uint64_t)o->mincount) {
			if (o->ratio) {
				p = (w->n + 1.0) / (c->ntok + v);
				q = (w->other + 1.0) / (c->nother + v);
				w->weight = w->n * log2(p / q);
			} else {
				w->weight = (double)w->n;
			}
		}
		if (w->weight > 0)
			c->v[k++] = *w;
		else
			free(w->w);
	}
	c->n = k;
	qsort(c->v, c->n, sizeof *c->v, by_weight);
	for (i = (size_t)o->count; i < c->n; i++)
		free(c->v[i].w);
	if (c->n > (size_t)o->count)
		c->n = (size_t)o->count;
}

/* Font sizes: square root of the weight mapped linearly onto fmin..fmax. */
static void
cloud_size(struct cloud *c, double scale)
{
	size_t i;
	double lo, hi, t;

	if (!c->n)
		return;
	hi = sqrt(c->v[0].weight);
	lo = sqrt(c->v[c->n - 1].weight);
	for (i = 0; i < c->n; i++) {
		struct word *w = &c->v[i];

		t = hi > lo ? (sqrt(w->weight) - lo) / (hi - lo) : 1;
		w->fs = scale * (c->fmin + t * (c->fmax - c->fmin));
		w->bw = word_ems(w->w) * c->kwidth * w->fs + 0.1 * w->fs + 2;
		w->bh = 1.16 * w->fs + 2;
	}
}

/* Boxes closer than one pixel count as overlapping, so rounding the output cannot make them meet. */
static int
overlaps(const struct word *a, const struct word *b)
{
	return fabs(a->x - b->x) * 2 < a->bw + b->bw + 2 && fabs(a->y - b->y) * 2 < a->bh + b->bh + 2;
}

/*
 * Place the words, heaviest first, at the first point of an Archimedean
 * spiral r = b * theta (stretched to the canvas's aspect) where the box
 * fits inside the canvas and meets no placed box.  Returns how many
 * words found no place; with stop, gives up at the first of them.
 */
static size_t
cloud_place(struct cloud *c, int stop)
{
	const double step = 2.0;	/* pixels along the spiral per trial */
	const double b = 4.0 / (2 * M_PI);	/* 4 pixels between turns */
	double ax = c->width / c->height, rmax, theta, r;
	size_t i, j, last, missed = 0;

	rmax = 0.5 * hypot(c->width / ax, c->height) + 1;
	for (i = 0; i < c->n; i++) {
		struct word *w = &c->v[i];

		w->placed = 0;
		last = 0;
		/* a box bigger than the canvas skips the walk */
		r = w->bw > c->width - 2 || w->bh > c->height - 2 ? rmax + 1 : 0;
		for (theta = 0; r <= rmax; theta += step / (r > step ? r : step), r = b * theta) {
			w->x = c->width / 2 + ax * r * cos(theta);
			w->y = c->height / 2 + r * sin(theta);
			if (w->x - w->bw / 2 < 1 || w->x + w->bw / 2 > c->width - 1 ||
			    w->y - w->bh / 2 < 1 || w->y + w->bh / 2 > c->height - 1)
				continue;
			/* the box hit last time is the likeliest to be hit again */
			if (last < i && c->v[last].placed && overlaps(w, &c->v[last]))
				continue;
			for (j = 0; j < i; j++)
				if (c->v[j].placed && overlaps(w, &c->v[j]))
					break;
			if (j == i) {
				w->placed = 1;
				break;
			}
			last = j;
		}
		missed += !w->placed;
		if (missed && stop)
			break;
	}
	for (i++; i < c->n; i++)
		c->v[i].placed = 0;
	return missed;
}

static void
cloud_free(struct cloud *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->v[i].w);
	free(c->v);
}

int
main(int argc, char *argv[])
{
	struct cloud c = { 0 };
	struct opts o = { 0 };
	double scale = 1;
	size_t i, missed;
	int ch, tries, rc;
	char *end;

	progname = "rv-wordcloud";
	c.width = 1000;
	c.height = 620;
	c.fmin = c.fmax = 0;	/* 0: from the canvas height */
	c.kwidth = 1;
	o.count = 100;
	o.mincount = 1;
	while ((ch = getopt(argc, argv, "c:F:f:hk:m:n:rs:")) != -1) {
		switch (ch) {
		case 'c':
			o.class = optarg;
			if (!strncmp(o.class, "__label__", 9))
				o.class += 9;
			break;
		case 'F':
			c.fmax = opt_double("-F", optarg, 1, 10000);
			break;
		case 'f':
			c.fmin = opt_double("-f", optarg, 1, 10000);
			break;
		case 'k':
			c.kwidth = opt_double("-k", optarg, 0.1, 10);
			break;
		case 'm':
			o.mincount = opt_long("-m", optarg, 1, 1000000000L);
			break;
		case 'n':
			o.count = opt_long("-n", optarg, 1, 100000);
			break;
		case 'r':
			o.ratio = 1;
			break;
		case 's':
			c.width = strtod(optarg, &end);
			if (end == optarg || *end != ',' || !(c.width >= 16 && c.width <= 100000))
				rv_die(2, "-s: '%s' is not width,height in pixels (16..100000 each)", optarg);
			c.height = opt_double("-s", end + 1, 16, 100000);
			break;
		case 'h':
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		usage();
	if (!c.fmax)
		c.fmax = c.height / 5;
	if (!c.fmin)
		c.fmin = c.fmax < c.height / 36 ? c.fmax : c.height / 36;
	if (c.fmin > c.fmax)
		rv_die(2, "-f: the smallest size %g is above the largest (-F %g)", c.fmin, c.fmax);

	if (cloud_read(&c, argc ? argv[0] : NULL, o.class)) {
		cloud_free(&c);
		return 1;
	}
	cloud_choose(&c, &o);

	/* Shrink every size until all words fit; give up on the last few after that. */
	for (tries = 0;; tries++) {
		cloud_size(&c, scale);
		missed = cloud_place(&c, tries < 20);
		if (!missed || tries == 20)
			break;
		scale *= 0.9;
	}
	if (missed)
		rv_warn("%s: %zu words do not fit the canvas; left out", fname(argc ? argv[0] : NULL),
		    missed);

	printf("word\tx\ty\tfontsize\twidth\theight\n");
	for (i = 0; i < c.n; i++) {
		struct word *w = &c.v[i];

		if (w->placed)
			printf("%s\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\n", w->w, w->x, w->y, w->fs, w->bw, w->bh);
	}
	cloud_free(&c);
	rc = fshut(stdout, "<stdout>");
	return rc;
}
