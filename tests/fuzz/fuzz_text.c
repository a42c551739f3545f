/*
 * fuzz_text.c: rv-clean's core (text_clean).  The first byte picks the
 * flags (-d, -a); the rest is one line.  The output must be valid UTF-8
 * words joined by single spaces, cleaning it again changes nothing, and
 * the portable path gives the same as the CPU's fast path.
 */
#include "fuzz.h"
#include "text.h"
#include "vocab.h"

static struct text *text_fuzz_cleaner[4], *text_fuzz_portable[4];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = {0}, again = {0};
	const char *in = (const char *)data + 1;
	size_t n, lab, i;
	int flags;

	if (size < 1)
		return 0;
	flags = data[0] & 3;
	n = size - 1;
	if (!text_fuzz_cleaner[flags]) {
		text_fuzz_cleaner[flags] = text_new(flags);
		text_fuzz_portable[flags] = text_new(flags | TEXT_PORTABLE);
	}
	text_clean(text_fuzz_cleaner[flags], in, n, &out);
	FUZZ_CHECK(out.p && out.p[out.n] == '\0');
	FUZZ_CHECK(strlen(out.p) == out.n);
	lab = text_label(in, n);
	/* the label passes untouched, whatever its bytes */
	FUZZ_CHECK(text_utf8_valid(out.p + lab, out.n - lab));
	FUZZ_CHECK(out.n >= lab && !memcmp(out.p, in, lab));
	/* after the label: words of no separator, '&', '<', apostrophe or
	 * upper-case ASCII, joined by single spaces */
	for (i = lab; i < out.n; i++) {
		unsigned char c = (unsigned char)out.p[i];

		FUZZ_CHECK(c != '&' && c != '<' && c != '\'' && c != '\t' &&
		    !(c >= 'A' && c <= 'Z'));
		if (c == ' ')
			FUZZ_CHECK(i + 1 < out.n && out.p[i + 1] != ' ' &&
			    (i > 0 || lab > 0));
		else
			FUZZ_CHECK(!vocab_sep[c]);
		if (!(flags & TEXT_DIGITS))
			FUZZ_CHECK(!(c >= '0' && c <= '9'));
	}
	if (lab > 0 && out.n > lab)
		FUZZ_CHECK(out.p[lab] == ' ');
	/* a cleaner keeps no state between lines: the same line again, into
	 * a buffer that already holds text, gives the same result */
	buf_adds(&again, "previous line");
	text_clean(text_fuzz_cleaner[flags], in, n, &again);
	FUZZ_CHECK(again.n == out.n && !memcmp(again.p, out.p, out.n));
	text_clean(text_fuzz_portable[flags], in, n, &again);
	FUZZ_CHECK(again.n == out.n && !memcmp(again.p, out.p, out.n));
	/* clean text stays as it is */
	text_clean(text_fuzz_cleaner[flags], out.p, out.n, &again);
	FUZZ_CHECK(again.n == out.n && !memcmp(again.p, out.p, out.n));
	buf_free(&out);
	buf_free(&again);
	return 0;
}
