/* t_form: form body decoding, safe text and escaping (common/form.c). */
#include "form.h"
#include "text.h"
#include "unit.h"

#include <string.h>

/* decode s and compare with want (both NUL-terminated) */
static int
dec_is(const char *s, const char *want)
{
	struct buf b = {0};
	int ok;

	form_decode(&b, s, strlen(s));
	ok = b.n == strlen(want) && memcmp(b.p, want, b.n) == 0;
	if (!ok)
		fprintf(stderr, "decode \"%s\": got \"%.*s\"\n", s, (int)b.n, b.p ? b.p : "");
	buf_free(&b);
	return ok;
}

static int
san_is(const char *s, size_t n, const char *want)
{
	struct buf b = {0};
	int ok;

	form_sanitize(&b, s, n);
	ok = b.n == strlen(want) && memcmp(b.p, want, b.n) == 0;
	if (!ok)
		fprintf(stderr, "sanitize: got \"%.*s\"\n", (int)b.n, b.p ? b.p : "");
	buf_free(&b);
	return ok;
}

static int
get_is(const char *body, const char *name, int found, const char *want)
{
	struct buf b = {0};
	int ok, f;

	f = form_get(body, strlen(body), name, &b);
	ok = f == found && b.n == strlen(want) && (b.n == 0 || memcmp(b.p, want, b.n) == 0);
	if (!ok)
		fprintf(stderr, "get %s in \"%s\": %d \"%.*s\"\n", name, body, f, (int)b.n, b.p ? b.p : "");
	buf_free(&b);
	return ok;
}

static int
esc_is(int json, const char *s, const char *want)
{
	struct buf b = {0};
	int ok;

	if (json)
		form_escape_json(&b, s, strlen(s));
	else
		form_escape_html(&b, s, strlen(s));
	ok = b.n == strlen(want) && memcmp(b.p, want, b.n) == 0;
	if (!ok)
		fprintf(stderr, "escape \"%s\": got \"%.*s\"\n", s, (int)b.n, b.p ? b.p : "");
	buf_free(&b);
	return ok;
}

/* Valid UTF-8 without NUL, CR or controls other than tab and LF. */
static int
safe_text(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0 || c == '\r' || (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
			return 0;
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] < 0xa0)
			return 0;	/* C1 control */
	}
	return text_utf8_valid(s, n);
}

int
main(void)
{
	struct form_field f;
	size_t pos = 0;
	const char *body = "a=1&&b&=x&c=%3D=";
	unsigned seed = 12345;
	int i, j;

	/* fields */
	CHECK(form_next(body, strlen(body), &pos, &f) && f.nname == 1 && f.name[0] == 'a' &&
	    f.nvalue == 1 && f.value[0] == '1');
	CHECK(form_next(body, strlen(body), &pos, &f) && f.nname == 1 && f.name[0] == 'b' && f.nvalue == 0);
	CHECK(form_next(body, strlen(body), &pos, &f) && f.nname == 0 && f.nvalue == 1);
	CHECK(form_next(body, strlen(body), &pos, &f) && f.nname == 1 && f.nvalue == 4);
	CHECK(!form_next(body, strlen(body), &pos, &f));
	CHECK(get_is(body, "c", 1, "==") && get_is(body, "b", 1, "") && get_is(body, "z", 0, ""));
	CHECK(get_is("review=one&review=two", "review", 1, "one"));
	CHECK(get_is("r%65view=x+y", "review", 1, "x y"));

	/* percent and plus */
	CHECK(dec_is("a+b%20c", "a b c"));
	CHECK(dec_is("%3c%3E%2b%26", "<>+&"));
	CHECK(dec_is("100%", "100%") && dec_is("%4", "%4") && dec_is("%zz%4g", "%zz%4g"));
	CHECK(dec_is("a%00b", "ab"));				/* NUL dropped */
	CHECK(dec_is("x%0D%0Ay%0Dz", "x\ny\nz"));		/* CR LF, CR */
	CHECK(dec_is("%C3%A9t%C3%A9", "\xc3\xa9t\xc3\xa9"));	/* été kept */
	CHECK(dec_is("%FF", "\xef\xbf\xbd"));
	CHECK(dec_is("%C3", "\xef\xbf\xbd"));			/* cut short */
	CHECK(dec_is("%C0%AF", "\xef\xbf\xbd\xef\xbf\xbd"));	/* overlong '/' */
	CHECK(dec_is("%ED%A0%80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"));	/* surrogate */
	CHECK(dec_is("%F4%90%80%80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"));
	CHECK(dec_is("%F0%9F%98%80", "\xf0\x9f\x98\x80"));	/* U+1F600 kept */
	CHECK(dec_is("%01%1B%7F%C2%85", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"));
	CHECK(dec_is("a%09b", "a\tb"));

	/* sanitizing raw bytes */
	CHECK(san_is("a\0b\r\n", 5, "ab\n"));
	CHECK(san_is("\xe2\x82", 2, "\xef\xbf\xbd\xef\xbf\xbd"));

	/* escaping */
	CHECK(esc_is(0, "<script>alert('x')&\"</script>",
	    "&lt;script&gt;alert(&#39;x&#39;)&amp;&quot;&lt;/script&gt;"));
	CHECK(esc_is(0, "plain \xc3\xa9", "plain \xc3\xa9"));
	CHECK(esc_is(1, "a\"b\\c\nd\te</x>&", "a\\\"b\\\\c\\nd\\te\\u003c/x\\u003e\\u0026"));
	CHECK(esc_is(1, "\x01\x1f\x7f", "\\u0001\\u001f\\u007f"));

	/* random bytes always come out as safe text, and never grow more than 3x */
	for (i = 0; i < 2000; i++) {
		char in[64];
		struct buf b = {0};
		size_t n = (size_t)(i % 64);

		for (j = 0; j < (int)n; j++) {
			seed = seed * 1103515245u + 12345u;
			in[j] = (char)(seed >> 16);
		}
		form_decode(&b, in, n);
		CHECK(safe_text(b.p, b.n) && b.n <= 3 * n);
		buf_free(&b);
	}
	return UNIT_DONE();
}
