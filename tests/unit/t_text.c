/* t_text: rv-clean's core: labels, entities, tags, folding, words, bad bytes. */
#include "unit.h"

#include <stdint.h>
#include <string.h>

#include "rng.h"
#include "text.h"

#define D TEXT_DIGITS
#define A TEXT_ALL_SCRIPTS

static const struct tcase {
	int flags;
	const char *in;
	const char *want;
} cases[] = {
	/* labels pass through untouched */
	{ 0, "__label__2 Great Product!", "__label__2 great product" },
	{ 0, "__label__neg_X1 ok", "__label__neg_X1 ok" },
	{ 0, "__label__2", "__label__2" },
	{ 0, "__label__2 ", "__label__2" },
	{ 0, "__label__2\tTab", "__label__2 tab" },
	{ 0, "__label__2 !!! ...", "__label__2" },
	{ 0, "__label__ no name", "label no name" },
	{ 0, " __label__1 not first", "label not first" },
	{ 0, "x __label__1", "x label" },
	/* words, spaces, punctuation */
	{ 0, "", "" },
	{ 0, "   ", "" },
	{ 0, "Hello, World!", "hello world" },
	{ 0, "  many   spaces\there  ", "many spaces here" },
	{ 0, "well-made/sturdy_thing", "well made sturdy thing" },
	{ 0, "end.Next", "end next" },
	/* apostrophes join letters */
	{ 0, "Don't", "dont" },
	{ 0, "don\xe2\x80\x99t won\xe2\x80\x98t can`t isn\xc2\xb4t", "dont wont cant isnt" },
	{ 0, "dogs' toys", "dogs toys" },
	{ 0, "'quoted' words", "quoted words" },
	{ 0, "rock 'n' roll", "rock n roll" },
	{ 0, "a''b", "a b" },
	{ 0, "80's", "s" },
	{ D, "80's", "80s" },
	/* digits */
	{ 0, "mp3 player 2019", "mp player" },
	{ D, "mp3 player 2019", "mp3 player 2019" },
	{ D, "10/10, 4.5", "10 10 4 5" },
	{ D, "\xef\xbc\x95\xef\xbc\x90", "50" },		/* fullwidth digits */
	{ D, "\xd9\xa1\xd9\xa2", "" },			/* Arabic-Indic digits */
	{ D | A, "\xd9\xa1\xd9\xa2", "\xd9\xa1\xd9\xa2" },
	/* HTML entities */
	{ 0, "&quot;Great&quot; &amp; cheap", "great cheap" },
	{ 0, "Didn&#39;t, wouldn&#x27;t, can&#X27;t", "didnt wouldnt cant" },
	{ 0, "it&rsquo;s caf&eacute; &Uuml;ber na&iuml;ve", "its cafe uber naive" },
	{ 0, "a&nbsp;b&#160;c", "a b c" },
	{ 0, "&amp;quot;twice&amp;quot;", "twice" },
	{ 0, "&amp;amp;lt;b&amp;amp;gt;x", "x" },
	{ 0, "don&#146;t", "dont" },			/* Windows-1252 */
	{ 0, "AT&T Q&A &unknown; &amp", "at t q a unknown amp" },
	{ 0, "&QUOT;x&QUOT; &Amp;", "x" },
	{ 0, "a&#0;b&#xD800;c&#99999999999;d&#;e&#x;f", "a b c d e x f" },
	{ 0, "&#233;t&#xE9;", "ete" },
	{ 0, "&#1087;&#1088;", "" },
	{ A, "&#1087;&#1088;", "\xd0\xbf\xd1\x80" },
	{ 0, "&lt;br /&gt;next", "next" },
	{ 0, "&szlig;&AElig;&oslash;", "ssaeo" },
	/* HTML tags */
	{ 0, "one<br />two<br/>three<BR>four", "one two three four" },
	{ 0, "<p>Solid</p> <i>quiet</i>", "solid quiet" },
	{ 0, "a <a href=\"http://x.com/?a=1&b=2\" target='_blank'>link</a>", "a link" },
	{ 0, "<A HREF=http://feeds.example.com/BAaf?m=932>x", "x" },
	{ 0, "<font color=red size = 3>big</font>", "big" },
	{ 0, "<u/>x</u >", "x" },
	{ 0, "before<!-- hidden words -->after", "before after" },
	{ 0, "<!-- never closed", "never closed" },
	{ 0, "I <3 it", "i it" },
	{ 0, "a < b > c", "a b c" },
	{ 0, "<i don't know why>", "i dont know why" },
	{ 0, "<giver> <Update> </sarcasm>", "giver update sarcasm" },
	{ 0, "<b", "b" },
	{ 0, "<a href=\"unclosed>x", "a href unclosed x" },
	{ 0, "<br/ >x", "br x" },
	/* case folding and Latin accents */
	{ 0, "CAF\xc3\x89 cr\xc3\xa8me fa\xc3\xa7" "ade \xc3\x9c" "ber", "cafe creme facade uber" },
	{ 0, "Stra\xc3\x9f" "e \xe1\xba\x9e", "strasse ss" },
	{ 0, "\xc3\x98re \xc3\x86sir \xc5\x92uvre \xc5\x81\xc3\xb3" "d\xc5\xba", "ore aesir oeuvre lodz" },
	{ 0, "\xc4\xb0stanbul", "istanbul" },
	{ 0, "e\xcc\x81t\xc3\xa9" "e\xcc\x81\xcc\x81", "etee" },	/* combining acute */
	{ 0, "\xef\xbc\xa6\xef\xbd\x95\xef\xbd\x8c\xef\xbd\x8c", "full" },	/* fullwidth */
	{ 0, "\xef\xac\x81ne \xef\xac\x83x", "fine ffix" },	/* ligatures */
	{ 0, "\xc7\x85" "emal", "dzemal" },
	{ 0, "\xc9\x9bpsilon", "\xc9\x9bpsilon" },		/* IPA is Latin */
	/* other scripts: separators unless -a */
	{ 0, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 world", "world" },
	{ A, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 world",
	    "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 world" },
	{ A, "\xce\xa3\xce\x9f\xce\xa6\xce\x99\xce\x91\xce\xa3", "\xcf\x83\xce\xbf\xcf\x86\xce\xb9\xce\xb1\xcf\x83" },
	{ A, "\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\x82\xe0\xa4\xa6\xe0\xa5\x80",	/* marks kept */
	    "\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\x82\xe0\xa4\xa6\xe0\xa5\x80" },
	{ 0, "\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\x82 ok", "ok" },
	{ A, "caf\xc3\xa9\xe7\xb4\xa0\xe6\x99\xb4", "cafe\xe7\xb4\xa0\xe6\x99\xb4" },
	{ A, "e\xcc\x81x \xd0\xb8\xcc\x86", "ex \xd0\xb8\xcc\x86" },	/* mark after Cyrillic kept */
	{ 0, "\xcc\x81lone mark", "lone mark" },
	/* spaces, emoji, invisible characters */
	{ 0, "a\xc2\xa0" "b\xe2\x80\x83" "c\xe3\x80\x80" "d\xe2\x80\x8b" "e", "a b c d e" },
	{ 0, "soft\xc2\xadware \xef\xbb\xbfok", "software ok" },
	{ 0, "love\xf0\x9f\x98\x8dit \xe2\x9d\xa4\xef\xb8\x8f", "love it" },
	{ 0, "x\xe2\x80\x94y\xe2\x80\xa6z", "x y z" },
	/* bad bytes are separators */
	{ 0, "a\xff" "b\xfe" "c", "a b c" },
	{ 0, "over\xc0\xaflong", "over long" },
	{ 0, "sur\xed\xa0\x80rogate", "sur rogate" },
	{ 0, "big\xf4\x90\x80\x80" "cp", "big cp" },
	{ 0, "cut\xe2\x82", "cut" },
	{ 0, "cut\xe2\x82x", "cut x" },
	{ 0, "\xc3", "" },
	{ 0, "caf\xc3\xa9\xc3", "cafe" },
	/* CR is stripped */
	{ 0, "crlf line\r", "crlf line" },
	{ 0, "__label__1 a\r", "__label__1 a" },
	{ 0, "mid\rdle", "mid dle" },
};

static void
test_cases(void)
{
	struct text *t[4];
	struct buf out = {0};
	size_t i;
	int f;

	for (f = 0; f < 4; f++)
		t[f] = text_new(f);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct tcase *c = &cases[i];
		size_t n = text_clean(t[c->flags], c->in, strlen(c->in), &out);

		CHECKF(n == out.n && !strcmp(out.p, c->want),
		    "flags %d: \"%s\" gave \"%s\", wanted \"%s\"", c->flags, c->in, out.p, c->want);
	}
	for (f = 0; f < 4; f++)
		text_free(t[f]);
	buf_free(&out);
}

/* NUL bytes inside a line are separators; the length, not a NUL, ends the line. */
static void
test_nul(void)
{
	struct text *t = text_new(0);
	struct buf out = {0};
	static const char in[] = "__label__1 a\0b\0\0c d\0";

	text_clean(t, in, sizeof(in) - 1, &out);
	CHECKF(!strcmp(out.p, "__label__1 a b c d"), "got \"%s\"", out.p);
	text_clean(t, "\0\0\0", 3, &out);
	CHECK(out.n == 0 && out.p[0] == '\0');
	/* a NUL ends the label too */
	text_clean(t, "__label__x\0y", 12, &out);
	CHECKF(!strcmp(out.p, "__label__x y"), "got \"%s\"", out.p);
	text_free(t);
	buf_free(&out);
}

static void
test_label(void)
{
	CHECK(text_label("__label__1 x", 12) == 10);
	CHECK(text_label("__label__1", 10) == 10);
	CHECK(text_label("__label__", 9) == 0);
	CHECK(text_label("__label__ x", 11) == 0);
	CHECK(text_label("__label_1 x", 11) == 0);
	CHECK(text_label("__label__ab\rx", 13) == 11);
	CHECK(text_label("", 0) == 0);
}

static void
test_utf8_valid(void)
{
	CHECK(text_utf8_valid("", 0));
	CHECK(text_utf8_valid("abc", 3));
	CHECK(text_utf8_valid("caf\xc3\xa9", 5));
	CHECK(text_utf8_valid("\xf0\x9f\x98\x8d", 4));
	CHECK(text_utf8_valid("\xef\xbf\xbd", 3));
	CHECK(!text_utf8_valid("\xc3", 1));
	CHECK(!text_utf8_valid("\xc0\xaf", 2));
	CHECK(!text_utf8_valid("\xed\xa0\x80", 3));
	CHECK(!text_utf8_valid("\xf4\x90\x80\x80", 4));
	CHECK(!text_utf8_valid("\x80", 1));
	CHECK(!text_utf8_valid("ab\xff", 3));
}

/* Output may be longer than the input (-a case folding expands); the buffer grows. */
static void
test_growth(void)
{
	struct text *t = text_new(A);
	struct buf in = {0}, out = {0};
	int i;

	for (i = 0; i < 10000; i++)
		buf_add(&in, "\xce\x90", 2);	/* U+0390 folds to three code points */
	text_clean(t, in.p, in.n, &out);
	CHECKF(out.n == 60000, "length %zu", out.n);
	CHECK(text_utf8_valid(out.p, out.n));
	CHECK(!memcmp(out.p, "\xce\xb9\xcc\x88\xcc\x81", 6));
	in.n = 0;
	for (i = 0; i < 5000; i++)
		buf_add(&in, "\xe1\xbe\x80 ", 4);	/* U+1F80 (above the table) folds to 2 */
	text_clean(t, in.p, in.n, &out);
	CHECKF(out.n == 5000 * 6 - 1, "length %zu", out.n);
	CHECK(!memcmp(out.p, "\xe1\xbc\x80\xce\xb9 ", 6));
	text_free(t);
	buf_free(&in);
	buf_free(&out);
}

/* The output of a line is well formed: valid UTF-8 after the label, single
 * spaces, no space at either end, no '<', '&' or upper-case ASCII; and
 * cleaning it again changes nothing. */
static void
check_output(struct text *t, const char *in, size_t n, struct buf *out, struct buf *again)
{
	size_t lab = text_label(in, n), i;
	int ok = 1;

	text_clean(t, in, n, out);
	if (out->n && (out->p[0] == ' ' || out->p[out->n - 1] == ' '))
		ok = 0;
	for (i = lab; i < out->n; i++) {
		char c = out->p[i];

		if ((c == ' ' && out->p[i + 1] == ' ') || c == '<' || c == '&' ||
		    (c >= 'A' && c <= 'Z') || c == '\0' || c == '\r' || c == '\'')
			ok = 0;
	}
	if (!text_utf8_valid(out->p + lab, out->n - lab))
		ok = 0;
	CHECKF(ok, "bad output \"%s\"", out->p);
	text_clean(t, out->p, out->n, again);
	CHECKF(again->n == out->n && !memcmp(again->p, out->p, out->n),
	    "not idempotent: \"%s\" then \"%s\"", out->p, again->p);
}

static void
test_random(void)
{
	static const char *const pieces[] = {
		"a", "B", "z", " ", "'", "\xe2\x80\x99", "&", ";", "#", "x", "<", ">", "/",
		"=", "\"", "amp;", "&#39;", "&quot", "br", "p", "1", "9", "\r", "\t",
		"\xc3\xa9", "\xc3", "\xa9", "\xff", "\xcc\x81", "\xd0\x96", "\xe4\xb8\xad",
		"\xf0\x9f\x98\x8d", "\xce\x90", "__label__", "<!--", "-->", "\0", "&#x",
		"\xc2\xa0", "\xe1\xbe\x80", "\xef\xbc\xa1", "\xe0\xa4\xbf",
	};
	size_t np = sizeof(pieces) / sizeof(pieces[0]);
	struct text *t[4], *port[4];
	struct buf in = {0}, out = {0}, again = {0}, want = {0};
	struct rng r;
	int f, iter, k, bad = 0;

	rng_seed(&r, 42);
	for (f = 0; f < 4; f++) {
		t[f] = text_new(f);
		port[f] = text_new(f | TEXT_PORTABLE);
	}
	for (iter = 0; iter < 20000; iter++) {
		int len = (int)(rng_next(&r) % 40);

		in.n = 0;
		for (k = 0; k < len; k++) {
			const char *p = pieces[rng_next(&r) % np];

			buf_add(&in, p, *p ? strlen(p) : 1);
		}
		if (rng_next(&r) % 4 == 0) {	/* raw random bytes */
			in.n = 0;
			for (k = 0; k < len; k++)
				buf_addc(&in, (int)(rng_next(&r) & 0xff));
		}
		check_output(t[iter & 3], in.p ? in.p : "", in.n, &out, &again);
		/* the CPU's fast path and the portable one agree */
		text_clean(port[iter & 3], in.p ? in.p : "", in.n, &want);
		bad += out.n != want.n || memcmp(out.p, want.p, want.n);
	}
	CHECKF(bad == 0, "%d lines differ from the portable path", bad);
	for (f = 0; f < 4; f++) {
		text_free(t[f]);
		text_free(port[f]);
	}
	buf_free(&in);
	buf_free(&out);
	buf_free(&again);
	buf_free(&want);
}

/*
 * ASCII text without entities or tags, cleaned the plain way: a word is a
 * run of letters (and digits with TEXT_DIGITS), an apostrophe inside a
 * word and not after another joins it, the words are joined by single
 * spaces after the label.
 */
static void
clean_ascii(int flags, const char *in, size_t n, struct buf *out)
{
	size_t i = text_label(in, n);
	int inword = 0, apos = 0;

	out->n = 0;
	buf_add(out, in, i);
	for (; i < n; i++) {
		int c = (unsigned char)in[i];

		if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
		    ((flags & TEXT_DIGITS) && c >= '0' && c <= '9')) {
			if (!inword && out->n)
				buf_addc(out, ' ');
			buf_addc(out, c >= 'A' && c <= 'Z' ? c + 32 : c);
			inword = 1;
			apos = 0;
		} else if ((c == '\'' || c == '`') && inword && !apos) {
			apos = 1;
		} else {
			inword = apos = 0;
		}
	}
	buf_addc(out, '\0');
	out->n--;
}

/* The fast paths for ASCII (the CPU's and the portable one) agree with
 * the plain way, on lines of every length and mix: lines up to 200 bytes
 * put every byte at every place of a 64-byte block. */
static void
test_ascii(void)
{
	/* the second is mostly letters and single spaces, as most text is */
	static const char a0[] = "aZm09 '` \t\r\0.,-!_x<";
	static const char a1[] = "abcdefghijklmnopqrstuvwxyzABCXYZ0123 abcdefghijk lmnop qrst uvwxyz .'<";
	static const char *const alpha[] = {a0, a1};
	static const size_t alen[] = {sizeof(a0) - 1, sizeof(a1) - 1};
	static const int flags[] = {0, TEXT_DIGITS, TEXT_PORTABLE, TEXT_PORTABLE | TEXT_DIGITS};
	struct text *t[4];
	struct buf in = {0}, out = {0}, want = {0};
	struct rng r;
	int iter, k, bad = 0;

	for (k = 0; k < 4; k++)
		t[k] = text_new(flags[k]);
	rng_seed(&r, 7);
	for (iter = 0; iter < 100000; iter++) {
		int len = (int)(rng_next(&r) % 200), f = iter & 3;

		in.n = 0;
		if (rng_next(&r) % 3 == 0)
			buf_adds(&in, rng_next(&r) % 2 ? "__label__1 " : "__label__x");
		for (k = 0; k < len; k++)
			buf_addc(&in, alpha[iter % 3 == 0][rng_next(&r) % alen[iter % 3 == 0]]);
		text_clean(t[f], in.p ? in.p : "", in.n, &out);
		clean_ascii(flags[f] & TEXT_DIGITS, in.p ? in.p : "", in.n, &want);
		if (out.n != want.n || memcmp(out.p, want.p, want.n)) {
			if (!bad)
				fprintf(stderr, "\"%.*s\": \"%s\", wanted \"%s\"\n",
				    (int)in.n, in.p, out.p, want.p);
			bad++;
		}
	}
	CHECKF(bad == 0, "%d lines differ from the plain way", bad);
	for (k = 0; k < 4; k++)
		text_free(t[k]);
	buf_free(&in);
	buf_free(&out);
	buf_free(&want);
}

int
main(void)
{
	test_cases();
	test_nul();
	test_label();
	test_utf8_valid();
	test_growth();
	test_random();
	test_ascii();
	return UNIT_DONE();
}
