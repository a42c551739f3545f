/*
 * fuzz_form.c: the CGI form decoder (form_next, form_decode, form_get) and
 * the escapes.  Decoded text must be safe (valid UTF-8, no NUL, no CR, no
 * controls but tab and LF), and escaped text must hold no character that
 * HTML or JSON would read as markup.
 */
#include "form.h"
#include "fuzz.h"
#include "text.h"

static void
form_fuzz_safe(const struct buf *b)
{
	size_t i;

	FUZZ_CHECK(b->p && b->p[b->n] == '\0');
	FUZZ_CHECK(text_utf8_valid(b->p, b->n));
	for (i = 0; i < b->n; i++) {
		unsigned char c = (unsigned char)b->p[i];

		FUZZ_CHECK(c >= 0x20 || c == '\t' || c == '\n');
		FUZZ_CHECK(c != 0x7f);
		/* C1 controls U+0080..U+009F */
		FUZZ_CHECK(!(c == 0xc2 && i + 1 < b->n &&
		    (unsigned char)b->p[i + 1] < 0xa0));
	}
}

static void
form_fuzz_escapes(const struct buf *safe)
{
	struct buf h = {0}, j = {0};
	size_t i;

	form_escape_html(&h, safe->p, safe->n);
	FUZZ_CHECK(h.p && h.n >= safe->n);
	for (i = 0; i < h.n; i++)
		FUZZ_CHECK(!strchr("<>\"'", h.p[i]) || !h.p[i]);
	form_escape_json(&j, safe->p, safe->n);
	FUZZ_CHECK(j.p && j.n >= safe->n);
	FUZZ_CHECK(text_utf8_valid(j.p, j.n));
	for (i = 0; i < j.n; i++) {
		unsigned char c = (unsigned char)j.p[i];

		FUZZ_CHECK(c >= 0x20 && c != 0x7f && c != '<' && c != '>' && c != '&');
		if (c == '\\') {
			FUZZ_CHECK(i + 1 < j.n && strchr("\"\\nrtbfu", j.p[i + 1]));
			i++;	/* the escaped character */
		} else {
			FUZZ_CHECK(c != '"');
		}
	}
	buf_free(&h);
	buf_free(&j);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *body = (const char *)data;
	struct form_field f;
	struct buf name = {0}, value = {0}, got = {0};
	size_t pos = 0, last = 0;
	int found = 0;

	while (form_next(body, size, &pos, &f)) {
		FUZZ_CHECK(pos > last && pos <= size);
		FUZZ_CHECK(f.name >= body && f.name + f.nname <= body + size);
		FUZZ_CHECK(f.value >= body && f.value + f.nvalue <= body + size);
		FUZZ_CHECK(!memchr(f.name, '&', f.nname) && !memchr(f.name, '=', f.nname));
		FUZZ_CHECK(!memchr(f.value, '&', f.nvalue));
		last = pos;
		name.n = value.n = 0;
		form_decode(&name, f.name, f.nname);
		form_decode(&value, f.value, f.nvalue);
		form_fuzz_safe(&name);
		form_fuzz_safe(&value);
		FUZZ_CHECK(value.n <= 3 * f.nvalue);
		form_fuzz_escapes(&value);
		/* the first field named "text" is what form_get finds */
		if (!found && name.n == 4 && !memcmp(name.p, "text", 4)) {
			FUZZ_CHECK(form_get(body, size, "text", &got) == 1);
			FUZZ_CHECK(got.n == value.n && !memcmp(got.p, value.p, got.n));
			found = 1;
		}
	}
	FUZZ_CHECK(pos == size);
	if (!found) {
		FUZZ_CHECK(form_get(body, size, "text", &got) == 0);
		FUZZ_CHECK(got.n == 0);
	}
	buf_free(&name);
	buf_free(&value);
	buf_free(&got);
	return 0;
}
