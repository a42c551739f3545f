/*
 * fuzz_stem.c: rv-stem's core (stem_line, stem_word, stop words).  The
 * first byte picks the algorithm (or none), the second the stop words
 * (default, none, a list); the rest is one line.  The line's stems must be
 * those stem_word gives word by word, and those of libstemmer itself.
 */
#include <libstemmer.h>

#include "fuzz.h"
#include "stem.h"
#include "text.h"
#include "vocab.h"

#define STEM_FUZZ_MAXALG 64

static struct stem *stem_fuzz_s[STEM_FUZZ_MAXALG + 1][3];
static struct sb_stemmer *stem_fuzz_ref[STEM_FUZZ_MAXALG];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const stops[3] = { "default", "none", "list:a,b,the,x\xff,," };
	const char **algs = stem_algorithms();
	struct buf out = {0}, want = {0};
	struct prep p;
	struct stem *s;
	const char *in = (const char *)data + 2, *w;
	size_t nalg, n, pos = 0, wl;
	unsigned a, sw;
	int first = 1;

	if (size < 2)
		return 0;
	for (nalg = 0; algs[nalg] && nalg < STEM_FUZZ_MAXALG; nalg++)
		;
	a = data[0] % (nalg + 1);	/* nalg: "none" */
	sw = data[1] % 3;
	n = size - 2;
	if (!(s = stem_fuzz_s[a][sw])) {
		prep_default(&p);
		free(p.stemmer);
		free(p.stopwords);
		p.stemmer = xstrdup(a < nalg ? algs[a] : "none");
		p.stopwords = xstrdup(stops[sw]);
		s = stem_fuzz_s[a][sw] = stem_new(&p);
		FUZZ_CHECK(s != NULL);
		prep_free(&p);
		if (a < nalg && !stem_fuzz_ref[a])
			stem_fuzz_ref[a] = sb_stemmer_new(algs[a], NULL);
	}
	/* what the line must become, word by word */
	while ((w = vocab_word(in, n, &pos, &wl))) {
		const char *st = w;
		size_t sl = wl;

		if (!(first && vocab_is_label(w, wl))) {
			if (stem_is_stop(s, w, wl)) {
				first = 0;
				continue;
			}
			st = stem_word(s, w, wl, &sl);
			if (a < nalg && wl <= STEM_MAX_WORD && text_utf8_valid(w, wl)) {
				const sb_symbol *r = sb_stemmer_stem(stem_fuzz_ref[a],
				    (const sb_symbol *)w, (int)wl);

				FUZZ_CHECK(r != NULL);
				FUZZ_CHECK((size_t)sb_stemmer_length(stem_fuzz_ref[a]) == sl &&
				    !memcmp(r, st, sl));
			} else {
				FUZZ_CHECK(sl == wl && !memcmp(st, w, wl));
			}
		}
		if (want.n)
			buf_addc(&want, ' ');
		buf_add(&want, st, sl);
		first = 0;
	}
	buf_add(&want, NULL, 0);
	stem_line(s, in, n, &out);
	FUZZ_CHECK(out.p && out.p[out.n] == '\0');
	FUZZ_CHECK(out.n == want.n && !memcmp(out.p, want.p, out.n));
	buf_free(&out);
	buf_free(&want);
	return 0;
}
