/* prep.c: the preparation profile: defaults, text form, loading from a model, vocabulary or file. */
#include "prep.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"
#include "model.h"
#include "vocab.h"

void
prep_default(struct prep *p)
{
	p->digits = 0;
	p->all_scripts = 0;
	p->stemmer = xstrdup("english");
	p->stopwords = xstrdup("default");
}

void
prep_free(struct prep *p)
{
	free(p->stemmer);
	free(p->stopwords);
	p->stemmer = p->stopwords = NULL;
}

static int
stemmer_known(const char *s)
{
	const char **l;

	if (!strcmp(s, "none"))
		return 1;
	for (l = sb_stemmer_list(); *l; l++)
		if (!strcmp(*l, s))
			return 1;
	return 0;
}

/* A stop-word list "list:w1,w2,...": words without white space, none empty. */
static int
list_ok(const char *s)
{
	s += 5;
	if (!*s)
		return 1;
	for (;;) {
		size_t n = strcspn(s, ",");

		if (n == 0)
			return 0;
		s += n;
		if (!*s)
			return 1;
		s++;
	}
}

/*
 * Set one key; 0, or -1 after a message.  seen is a bitmask of the keys
 * already given.
 */
static int
prep_set(struct prep *p, const char *key, size_t kn, const char *val, const char *name,
    unsigned *seen)
{
	static const char *const keys[] = { "digits", "scripts", "stemmer", "stopwords" };
	unsigned k;

	for (k = 0; k < 4; k++)
		if (strlen(keys[k]) == kn && !memcmp(keys[k], key, kn))
			break;
	if (k == 4) {
		rv_warn("%s: unknown setting '%.*s'", name, (int)kn, key);
		return -1;
	}
	if (*seen & 1u << k) {
		rv_warn("%s: setting '%s' given twice", name, keys[k]);
		return -1;
	}
	*seen |= 1u << k;
	switch (k) {
	case 0:
		if (strcmp(val, "yes") && strcmp(val, "no"))
			goto bad;
		p->digits = !strcmp(val, "yes");
		break;
	case 1:
		if (strcmp(val, "latin") && strcmp(val, "all"))
			goto bad;
		p->all_scripts = !strcmp(val, "all");
		break;
	case 2:
		if (!stemmer_known(val)) {
			rv_warn("%s: unknown stemmer '%s'", name, val);
			return -1;
		}
		free(p->stemmer);
		p->stemmer = xstrdup(val);
		break;
	case 3:
		if (strcmp(val, "default") && strcmp(val, "none") &&
		    (strncmp(val, "list:", 5) || !list_ok(val)))
			goto bad;
		free(p->stopwords);
		p->stopwords = xstrdup(val);
		break;
	}
	return 0;
bad:
	rv_warn("%s: bad value '%s' for %s", name, val, keys[k]);
	return -1;
}

int
prep_parse(struct prep *p, const char *text, const char *name)
{
	struct prep q;
	const char *s = text;
	unsigned seen = 0;

	prep_default(&q);
	for (;;) {
		const char *w, *eq;
		char *val;
		size_t n;
		int rc;

		s += strspn(s, " \t\r\n\v\f");
		if (*s == '#') {
			s += strcspn(s, "\n");
			continue;
		}
		if (!*s)
			break;
		w = s;
		n = strcspn(s, " \t\r\n\v\f");
		s += n;
		eq = memchr(w, '=', n);
		if (!eq || eq == w) {
			rv_warn("%s: '%.*s' is not key=value", name, (int)n, w);
			goto bad;
		}
		val = xmalloc((size_t)(w + n - eq), 1);
		memcpy(val, eq + 1, (size_t)(w + n - eq - 1));
		val[w + n - eq - 1] = '\0';
		rc = prep_set(&q, w, (size_t)(eq - w), val, name, &seen);
		free(val);
		if (rc < 0)
			goto bad;
	}
	*p = q;
	return 0;
bad:
	prep_free(&q);
	memset(p, 0, sizeof(*p));
	return -1;
}

void
prep_format(const struct prep *p, struct buf *out)
{
	buf_printf(out, "digits=%s scripts=%s stemmer=%s stopwords=%s",
	    p->digits ? "yes" : "no", p->all_scripts ? "all" : "latin",
	    p->stemmer, p->stopwords);
}

/* The first line of s[0..n) looks like a vocabulary: a header line or a tab. */
static int
looks_like_vocab(const char *s, size_t n)
{
	const char *nl = memchr(s, '\n', n);
	size_t len = nl ? (size_t)(nl - s) : n;

	return (len >= 5 && !memcmp(s, "#prep", 5) && (len == 5 || s[5] == ' ')) ||
	    (len >= 10 && !memcmp(s, "#rv-vocab ", 10)) || memchr(s, '\t', len);
}

int
prep_load(struct prep *p, const char *path)
{
	struct rd *r;
	struct vocab *v;
	struct buf b = {0};
	char chunk[1 << 14];
	size_t got;
	int rc = -1;

	memset(p, 0, sizeof(*p));
	switch (model_sniff(path)) {
	case -1:
		return -1;
	case 1:
		if (!(v = model_load_vocab(path)))
			return -1;
		rc = prep_parse(p, v->prep, path);
		vocab_free(v);
		return rc;
	}
	if (!(r = rd_open(path)))
		return -1;
	while ((got = rd_read(r, chunk, sizeof(chunk))) > 0)
		buf_add(&b, chunk, got);
	buf_add(&b, NULL, 0);
	if (rd_error(r)) {
		/* already reported */
	} else if (memchr(b.p, '\0', b.n)) {
		rv_warn("%s: not a profile, vocabulary or model", rd_name(r));
	} else if (looks_like_vocab(b.p, b.n)) {
		if ((v = vocab_parse(b.p, b.n, rd_name(r)))) {
			rc = prep_parse(p, v->prep, rd_name(r));
			vocab_free(v);
		}
	} else {
		rc = prep_parse(p, b.p, rd_name(r));
	}
	rd_close(r);
	buf_free(&b);
	return rc;
}
