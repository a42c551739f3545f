/* t_vocab: the vocabulary reader, writer, lookup and checksum. */
#include "unit.h"
#include "capture.h"

#include <stdint.h>
#include <string.h>
#include <zlib.h>

#include "vocab.h"

static const char canon[] =
    "#rv-vocab 1\n"
    "#prep digits=no stemmer=english\n"
    "__label__1\t7\n"
    "__label__2\t5\n"
    "the\t10\n"
    "cat\t3\n"
    "mat\t3\n"
    "a\t1\n";

static struct vocab *
parse(const char *s)
{
	return vocab_parse(s, strlen(s), "v.txt");
}

/* Parsing bad text fails with one message that starts with want. */
static void
check_bad(const char *text, const char *want)
{
	struct capture c;
	struct vocab *v;
	const char *msg;

	capture_begin(&c);
	v = parse(text);
	msg = capture_end(&c);
	CHECKF(v == NULL, "accepted: %s", text);
	vocab_free(v);
	CHECKF(strstr(msg, want) != NULL, "message \"%s\" lacks \"%s\"", msg, want);
	CHECKF(capture_lines(msg) == 1, "message has %d lines: %s", capture_lines(msg), msg);
}

static void
test_parse(void)
{
	struct vocab *v = parse(canon);
	struct buf b = {0};

	CHECK(v != NULL);
	if (!v)
		return;
	CHECK(v->n == 6);
	CHECK(!strcmp(v->tok[0], "<pad>") && !strcmp(v->tok[1], "<unk>"));
	CHECK(!strcmp(v->tok[2], "the") && v->count[2] == 10);
	CHECK(!strcmp(v->tok[5], "a") && v->count[5] == 1);
	CHECK(v->nlabel == 2);
	CHECK(!strcmp(v->label[0], "1") && v->lcount[0] == 7);
	CHECK(!strcmp(v->label[1], "2") && v->lcount[1] == 5);
	CHECK(!strcmp(v->prep, "digits=no stemmer=english"));
	CHECK(vocab_lookup(v, "the", 3) == 2);
	CHECK(vocab_lookup(v, "mat", 3) == 4);
	CHECK(vocab_lookup(v, "a", 1) == 5);
	CHECK(vocab_lookup(v, "th", 2) == VOCAB_UNK);
	CHECK(vocab_lookup(v, "thee", 4) == VOCAB_UNK);
	CHECK(vocab_lookup(v, "", 0) == VOCAB_UNK);
	CHECK(vocab_lookup(v, "<pad>", 5) == VOCAB_UNK);
	CHECK(vocab_lookup(v, "theX", 3) == 2);	/* only len bytes count */
	CHECK(vocab_label(v, "1", 1) == 0);
	CHECK(vocab_label(v, "2", 1) == 1);
	CHECK(vocab_label(v, "3", 1) == -1);
	CHECK(vocab_label(v, "12", 2) == -1);
	CHECK(vocab_label(v, "", 0) == -1);

	/* the canonical text round-trips byte for byte; sum is its CRC-32 */
	vocab_format(v, &b);
	CHECK(b.n == strlen(canon) && !memcmp(b.p, canon, b.n));
	CHECK(v->sum == (uint32_t)crc32(0, (const unsigned char *)canon, (uInt)strlen(canon)));
	buf_free(&b);
	vocab_free(v);
}

static void
test_variants(void)
{
	struct vocab *a = parse(canon), *b;
	struct buf crlf = {0};
	const char *p;

	/* CRLF line ends and a missing final newline give the same vocabulary */
	for (p = canon; *p; p++) {
		if (*p == '\n')
			buf_addc(&crlf, '\r');
		buf_addc(&crlf, *p);
	}
	crlf.p[--crlf.n] = '\0';
	crlf.p[--crlf.n] = '\0';
	b = vocab_parse(crlf.p, crlf.n, "crlf");
	CHECK(b && a && b->sum == a->sum && b->n == a->n);
	vocab_free(b);
	buf_free(&crlf);

	/* no header lines: an empty profile; the checksum covers the profile */
	b = parse("__label__1\t7\n__label__2\t5\nthe\t10\ncat\t3\nmat\t3\na\t1\n");
	CHECK(b && !strcmp(b->prep, ""));
	CHECK(b && a && b->sum != a->sum);
	if (b) {
		struct buf t = {0};

		vocab_format(b, &t);
		CHECK(!strncmp(t.p, "#rv-vocab 1\n#prep\n__label__1\t7\n", 31));
		buf_free(&t);
	}
	vocab_free(b);

	/* another count changes the checksum */
	b = parse("#rv-vocab 1\n#prep digits=no stemmer=english\n__label__1\t7\n"
	    "__label__2\t5\nthe\t10\ncat\t3\nmat\t3\na\t2\n");
	CHECK(b && a && b->sum != a->sum);
	vocab_free(b);

	/* counts in any order are accepted; ids follow the line order */
	b = parse("#prep\nx\t1\ny\t5\n");
	CHECK(b && b->n == 4 && vocab_lookup(b, "x", 1) == 2 && vocab_lookup(b, "y", 1) == 3);
	vocab_free(b);

	/* an empty vocabulary: only the reserved ids */
	b = parse("");
	CHECK(b && b->n == 2 && b->nlabel == 0);
	CHECK(b && vocab_lookup(b, "a", 1) == VOCAB_UNK);
	vocab_free(b);

	/* "__label__" alone is a token; a token may start with '#' */
	b = parse("#rv-vocab 1\n#prep\n__label__\t4\n#tag\t2\n");
	CHECK(b && b->n == 4 && b->nlabel == 0);
	CHECK(b && vocab_lookup(b, "__label__", 9) == 2 && vocab_lookup(b, "#tag", 4) == 3);
	vocab_free(b);

	/* the profile is kept verbatim */
	b = parse("#prep  a=b  # note \nw\t1\n");
	CHECK(b && !strcmp(b->prep, " a=b  # note "));
	vocab_free(b);
	vocab_free(a);
}

static void
test_errors(void)
{
	check_bad("a\t1\nb\t1\na\t1\n", "v.txt:3: duplicate token \"a\"");
	check_bad("#prep\nthe 5\n", "v.txt:2: no tab");
	check_bad("a\t1\nb\t\n", "v.txt:2: bad count");
	check_bad("a\t1x\n", "v.txt:1: bad count \"1x\"");
	check_bad("a\t-1\n", "v.txt:1: bad count");
	check_bad("a\t+1\n", "v.txt:1: bad count");
	check_bad("a\t99999999999999999999999\n", "v.txt:1: bad count");
	check_bad("a\t1\t2\n", "v.txt:1: bad count");
	check_bad("a\t1\n\t4\n", "v.txt:2: empty token");
	check_bad("a b\t1\n", "v.txt:1: white space in token \"a b\"");
	check_bad("a\rb\t1\n", "v.txt:1: white space in token \"a\\x0db\"");
	check_bad("a\t1\n\nb\t1\n", "v.txt:2: empty line");
	check_bad("#rv-vocab 2\na\t1\n", "v.txt:1: version 2 is newer than this program reads (1)");
	check_bad("#rv-vocab x\n", "v.txt:1: bad version line");
	check_bad("#rv-vocab 0\n", "v.txt:1: bad version line");
	check_bad("#prep\n#rv-vocab 1\n", "v.txt:2: bad version line");
	check_bad("#prep a\n#prep b\n", "v.txt:2: second #prep line");
	check_bad("__label__2\t1\n__label__1\t1\n", "v.txt:2: labels not sorted");
	check_bad("__label__1\t1\n__label__1\t1\n", "v.txt:2: duplicate label");
	check_bad("__label__1\t1\nw\t1\n__label__2\t1\n", "v.txt:3: label after the tokens");
	{
		static const char nul[] = "a\t1\nb\0c\t1\n";

		struct capture c;
		struct vocab *v;

		capture_begin(&c);
		v = vocab_parse(nul, sizeof(nul) - 1, "v.txt");
		capture_end(&c);
		CHECK(v == NULL);
		CHECKF(strstr(c.text, "v.txt:2: NUL byte") != NULL, "%s", c.text);
		vocab_free(v);
	}
}

static void
test_build(void)
{
	struct vocab *v = vocab_new(), *w;
	struct buf b = {0};

	vocab_set_prep(v, "digits=yes");
	vocab_add_token(v, "good", 9);
	vocab_add_token(v, "bad", 4);
	vocab_add_label(v, "pos", 3);
	vocab_add_label(v, "neg", 2);
	vocab_add_label(v, "mid", 1);
	vocab_finish(v);
	CHECK(v->nlabel == 3);
	CHECK(!strcmp(v->label[0], "mid") && v->lcount[0] == 1);
	CHECK(!strcmp(v->label[1], "neg") && v->lcount[1] == 2);
	CHECK(!strcmp(v->label[2], "pos") && v->lcount[2] == 3);
	CHECK(vocab_lookup(v, "bad", 3) == 3);
	vocab_format(v, &b);
	CHECK(!strcmp(b.p, "#rv-vocab 1\n#prep digits=yes\n__label__mid\t1\n"
	    "__label__neg\t2\n__label__pos\t3\ngood\t9\nbad\t4\n"));
	w = vocab_parse(b.p, b.n, "built");
	CHECK(w && w->sum == v->sum);
	vocab_free(w);
	buf_free(&b);
	vocab_free(v);
}

/* Many tokens, many collisions in the low bits: every one is found. */
static void
test_many(void)
{
	struct vocab *v = vocab_new();
	char w[32];
	size_t i, bad = 0;
	const size_t N = 200000;

	for (i = 0; i < N; i++) {
		snprintf(w, sizeof(w), "w%zx", i * 2654435761u);
		vocab_add_token(v, w, N - i);
	}
	vocab_finish(v);
	CHECK(v->n == N + 2);
	CHECK(v->hcap >= 2 * v->n);
	for (i = 0; i < N; i++) {
		snprintf(w, sizeof(w), "w%zx", i * 2654435761u);
		bad += vocab_lookup(v, w, strlen(w)) != i + 2;
	}
	CHECK(bad == 0);
	for (i = 0, bad = 0; i < 1000; i++) {
		snprintf(w, sizeof(w), "x%zx", i);
		bad += vocab_lookup(v, w, strlen(w)) != VOCAB_UNK;
	}
	CHECK(bad == 0);
	vocab_free(v);
}

/* Tokens around the 16 bytes kept inline in the hash, and the batched
 * lookup of a line against the word-by-word one. */
static void
test_lookup_words(void)
{
	static const char *const toks[] = {
		"a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno",
		"abcdefghijklmnop", "abcdefghijklmnopq", "abcdefghijklmnopqrstuvwxyz0123456789",
		"abcdefghijklmnopqrstuvwxyz0123456788", "caf\xc3\xa9", "\xff\x01", "x\x7f",
	};
	static const char *const others[] = {
		"b", "abcdefgi", "abcdefghijklmnoq", "abcdefghijklmnopr", "abcdefghijklmnopqr",
		"abcdefghijklmnopqrstuvwxyz0123456787", "caf", "\xff", "",
	};
	size_t nt = sizeof(toks) / sizeof(toks[0]), no = sizeof(others) / sizeof(others[0]);
	struct vocab *v = vocab_new();
	struct buf line = {0};
	struct vocab_iter it;
	uint32_t want[300], got[300];
	size_t i, n, max;
	int bad = 0;

	for (i = 0; i < nt; i++)
		vocab_add_token(v, toks[i], nt - i);
	vocab_finish(v);
	for (i = 0; i < nt; i++)
		CHECKF(vocab_lookup(v, toks[i], strlen(toks[i])) == i + 2, "%s", toks[i]);
	for (i = 0; i < no; i++)
		CHECKF(vocab_lookup(v, others[i], strlen(others[i])) == VOCAB_UNK, "%s", others[i]);
	/* a word with a NUL in it is not the word before the NUL */
	CHECK(vocab_lookup(v, "a\0", 2) == VOCAB_UNK);
	CHECK(vocab_lookup(v, "ab\0", 3) == VOCAB_UNK);
	/* a line of 250 words, known and not, looked up in pieces of every size */
	for (i = 0; i < 250; i++) {
		const char *w = i % 4 ? toks[i * 7 % nt] : others[i * 3 % no];

		if (!*w)
			w = "zz";
		buf_adds(&line, i % 5 ? " " : " \t ");
		buf_adds(&line, w);
		want[i] = vocab_lookup(v, w, strlen(w));
	}
	for (max = 1; max <= 260; max += max < 40 ? 1 : 37) {
		size_t total = 0;

		vocab_iter_init(&it, line.p, line.n);
		while ((n = vocab_lookup_words(v, &it, got + total, max)) > 0) {
			bad += n > max;
			total += n;
			if (n < max)
				break;
		}
		bad += total != 250 || memcmp(got, want, sizeof(*want) * 250) != 0;
	}
	CHECKF(bad == 0, "%d batched lookups differ", bad);
	/* the first or the last max words of the line */
	for (max = 1; max <= 260; max += max < 40 ? 1 : 37) {
		size_t keep = max < 250 ? max : 250;

		n = vocab_line_ids(v, line.p, line.n, got, max, 0);
		bad += n != keep || memcmp(got, want, sizeof(*want) * keep) != 0;
		n = vocab_line_ids(v, line.p, line.n, got, max, 1);
		bad += n != keep || memcmp(got, want + 250 - keep, sizeof(*want) * keep) != 0;
	}
	CHECKF(bad == 0, "%d heads or tails differ", bad);
	CHECK(vocab_line_ids(v, " \t ", 3, got, 5, 1) == 0);
	buf_free(&line);
	vocab_free(v);
}

static void
test_words(void)
{
	static const char s[] = "  __label__1\tfoo\r\n bar\0baz \v\fq";
	const char *want[] = {"__label__1", "foo", "bar", "baz", "q"};
	size_t pos = 0, wl, k = 0;
	const char *w;

	while ((w = vocab_word(s, sizeof(s) - 1, &pos, &wl))) {
		CHECK(k < 5 && wl == strlen(want[k]) && !memcmp(w, want[k], wl));
		k++;
	}
	CHECK(k == 5);
	CHECK(pos == sizeof(s) - 1);
	pos = 0;
	CHECK(vocab_word("  \t", 3, &pos, &wl) == NULL);
	CHECK(vocab_is_label("__label__x", 10));
	CHECK(!vocab_is_label("__label__", 9));
	CHECK(!vocab_is_label("__labelx_y", 10));
	CHECK(!vocab_is_label("label", 5));
}

static void
test_load(void)
{
	char plain[] = "/tmp/t_vocab.XXXXXX", gzp[] = "/tmp/t_vocab_gz.XXXXXX";
	struct vocab *a, *b;
	struct capture c;
	gzFile gz;
	FILE *fp;
	int fd;

	fd = mkstemp(plain);
	fp = fdopen(fd, "w");
	fputs(canon, fp);
	fclose(fp);
	fd = mkstemp(gzp);
	gz = gzdopen(fd, "wb");
	gzwrite(gz, canon, (unsigned)strlen(canon));
	gzclose(gz);
	a = vocab_load(plain);
	b = vocab_load(gzp);
	CHECK(a && b && a->sum == b->sum && a->n == 6 && b->n == 6);
	vocab_free(a);
	vocab_free(b);

	/* file:line names the file */
	fp = fopen(plain, "w");
	fputs("a\t1\nb\n", fp);
	fclose(fp);
	capture_begin(&c);
	a = vocab_load(plain);
	capture_end(&c);
	CHECK(a == NULL);
	CHECKF(!strncmp(c.text, "rv: /tmp/t_vocab.", 17) && strstr(c.text, ":2: no tab"),
	    "%s", c.text);
	unlink(plain);
	unlink(gzp);

	capture_begin(&c);
	a = vocab_load("/nonexistent/vocab.txt");
	capture_end(&c);
	CHECK(a == NULL && strstr(c.text, "/nonexistent/vocab.txt: No such file"));
}

int
main(void)
{
	test_parse();
	test_variants();
	test_errors();
	test_build();
	test_many();
	test_lookup_words();
	test_words();
	test_load();
	return UNIT_DONE();
}
