/* t_stem: stop words, Snowball stemming, the stem cache and stem_line. */
#include "unit.h"
#include "capture.h"

#include <libstemmer.h>
#include <stdio.h>
#include <string.h>

#include "prep.h"
#include "stem.h"
#include "stopwords_en.h"

/* Words that carry sentiment: never in the default stop list. */
static const char *const kept[] = {
	"not", "no", "nor", "never", "none", "nobody", "nothing", "neither", "nowhere",
	"cannot", "without", "dont", "didnt", "doesnt", "isnt", "wasnt", "werent",
	"wont", "cant", "couldnt", "shouldnt", "wouldnt", "aint", "hasnt", "havent",
	"hadnt", "arent", "mustnt", "neednt", "but", "very", "too", "only", "against",
	"good", "bad", "great", "poor", "love", "hate", "well", "ill",
};

static struct stem *
make(const char *stemmer, const char *stopwords)
{
	struct prep p;
	struct stem *s;

	prep_default(&p);
	free(p.stemmer);
	free(p.stopwords);
	p.stemmer = xstrdup(stemmer);
	p.stopwords = xstrdup(stopwords);
	s = stem_new(&p);
	prep_free(&p);
	return s;
}

static void
check_line_n(struct stem *s, const char *in, size_t n, const char *want)
{
	struct buf out = {0};

	stem_line(s, in, n, &out);
	CHECKF(out.p && !strcmp(out.p, want), "\"%s\" gave \"%s\", wanted \"%s\"", in,
	    out.p ? out.p : "(null)", want);
	buf_free(&out);
}

static void
check_line(struct stem *s, const char *in, const char *want)
{
	check_line_n(s, in, strlen(in), want);
}

static void
test_default_list(void)
{
	struct stem *s = make("english", "default");
	size_t i, n;

	CHECK(s != NULL);
	for (n = 0; stopwords_en[n]; n++)
		CHECKF(stem_is_stop(s, stopwords_en[n], strlen(stopwords_en[n])),
		    "%s is not a stop word", stopwords_en[n]);
	CHECKF(n > 100, "only %zu stop words", n);
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		CHECKF(!stem_is_stop(s, kept[i], strlen(kept[i])), "%s is a stop word", kept[i]);
	CHECK(stem_is_stop(s, "the", 3));
	CHECK(!stem_is_stop(s, "the", 2));
	CHECK(!stem_is_stop(s, "thee", 4));
	CHECK(!stem_is_stop(s, "The", 3));	/* rv-clean writes lower case */
	stem_free(s);
}

static void
test_lines(void)
{
	struct stem *s = make("english", "default");
	static const char nul[] = "__label__1 a\0runs\0\0the";

	check_line(s, "__label__2 the movies were not running",
	    "__label__2 movi not run");
	check_line(s, "__label__1 i didnt like it and it is not good",
	    "__label__1 didnt like not good");
	check_line(s, "__label__1 the and of", "__label__1");
	check_line(s, "the and of", "");
	check_line(s, "", "");
	check_line(s, "  \t  ", "");
	check_line(s, "\tgenerously  running\r", "generous run");
	check_line_n(s, nul, sizeof(nul) - 1, "__label__1 run");
	/* a label only counts first on the line; otherwise it is a word */
	check_line(s, "word __label__2", "word __label__2");
	check_line(s, "__label__1 __label__2", "__label__1 __label__2");
	stem_free(s);

	s = make("none", "none");
	check_line(s, "__label__2 the movies were running",
	    "__label__2 the movies were running");
	stem_free(s);

	s = make("porter", "list:movies,zzz");
	check_line(s, "the movies generously running", "the gener run");
	stem_free(s);

	s = make("english", "list:");
	check_line(s, "the cats", "the cat");
	stem_free(s);
}

/* Stems agree with libstemmer called directly, through the cache and after it empties. */
static void
test_cache(void)
{
	struct stem *s = make("porter", "none");
	struct sb_stemmer *sb = sb_stemmer_new("porter", NULL);
	static const char *const words[] = {
		"caresses", "ponies", "ties", "cats", "feed", "agreed", "plastered",
		"motoring", "sing", "conflated", "troubling", "sized", "hopping",
		"happy", "relational", "conditional", "generalization", "electrical",
		"hopeful", "goodness", "adjustment", "dependent", "effective", "a", "",
	};
	char w[32];
	size_t i, len, bad = 0;
	int round;

	for (round = 0; round < 3; round++) {
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
			size_t n = strlen(words[i]);
			const char *got = stem_word(s, words[i], n, &len);
			const sb_symbol *want = sb_stemmer_stem(sb, (const sb_symbol *)words[i], (int)n);
			size_t wn = (size_t)sb_stemmer_length(sb);

			CHECKF(len == wn && !memcmp(got, want, wn), "%s: %.*s, wanted %.*s",
			    words[i], (int)len, got, (int)wn, (const char *)want);
		}
	}
	/* more distinct words than the cache holds: it empties and goes on */
	for (i = 0; i < 200000; i++) {
		const char *got;
		const sb_symbol *want;
		size_t n = (size_t)snprintf(w, sizeof(w), "w%zuing", i * 7919 % 200003);

		for (len = 1; len < n; len++)
			if (w[len] >= '0' && w[len] <= '9')
				w[len] = (char)('a' + w[len] - '0');
		got = stem_word(s, w, n, &len);
		want = sb_stemmer_stem(sb, (const sb_symbol *)w, (int)n);
		if (len != (size_t)sb_stemmer_length(sb) || memcmp(got, want, len))
			bad++;
		if (i % 1000 == 0)	/* a word seen before, from the cache */
			bad += strncmp(stem_word(s, "running", 7, &len), "run", 3) || len != 3;
	}
	CHECKF(bad == 0, "%zu stems differ", bad);
	sb_stemmer_delete(sb);
	stem_free(s);
}

/* The stem cache: a word seen again is found, a word used often stays
 * however many others come by, and what is not kept is still right. */
static void
test_cache_policy(void)
{
	struct stem *s = make("porter", "default");
	struct sb_stemmer *sb = sb_stemmer_new("porter", NULL);
	unsigned long hits, misses, h0, m0;
	char w[32];
	size_t i, len, n, bad = 0, lost = 0;
	const char *got;

	stem_cache_stats(s, &hits, &misses);
	CHECK(hits == 0 && misses == 0);
	got = stem_word(s, "running", 7, &len);
	CHECK(len == 3 && !memcmp(got, "run", 3));
	stem_cache_stats(s, &hits, &misses);
	CHECK(hits == 0 && misses == 1);
	got = stem_word(s, "running", 7, &len);
	CHECK(len == 3 && !memcmp(got, "run", 3));
	stem_cache_stats(s, &hits, &misses);
	CHECK(hits == 1 && misses == 1);
	/* a flood of distinct words, many more than the cache holds: each
	 * is a miss, stemmed right; "running", asked for between them, is
	 * never pushed out */
	for (i = 0; i < 400000; i++) {
		const sb_symbol *want;

		n = (size_t)snprintf(w, sizeof(w), "q%zuly", i);
		for (len = 1; len < n; len++)
			if (w[len] >= '0' && w[len] <= '9')
				w[len] = (char)('a' + w[len] - '0');
		stem_cache_stats(s, &h0, &m0);
		got = stem_word(s, w, n, &len);
		want = sb_stemmer_stem(sb, (const sb_symbol *)w, (int)n);
		bad += len != (size_t)sb_stemmer_length(sb) || memcmp(got, want, len);
		stem_cache_stats(s, &hits, &misses);
		bad += misses != m0 + 1;
		if (i % 37 == 0) {
			got = stem_word(s, "running", 7, &len);
			bad += len != 3 || memcmp(got, "run", 3);
			stem_cache_stats(s, &h0, &m0);
			lost += h0 != hits + 1;
		}
	}
	CHECKF(bad == 0, "%zu wrong stems or counts", bad);
	CHECKF(lost == 0, "\"running\" was pushed out %zu times", lost);
	/* words longer than a key, and a 16-byte word whose stem is too long
	 * to keep: right every time, through the cache or not */
	for (i = 0; i < 9; i++) {
		static const char *const odd[] = {
			"internationalizations", "abcdefghijklmnop", "abcdefghijklmnopping",
		};
		const char *o = odd[i % 3];
		const sb_symbol *want;

		got = stem_word(s, o, strlen(o), &len);
		want = sb_stemmer_stem(sb, (const sb_symbol *)o, (int)strlen(o));
		CHECKF(len == (size_t)sb_stemmer_length(sb) && !memcmp(got, want, len),
		    "%s: %.*s", o, (int)len, got);
	}
	check_line(s, "abcdefghijklmnop the internationalizations abcdefghijklmnop",
	    "abcdefghijklmnop internation abcdefghijklmnop");
	stem_free(s);
	/* without a stemmer, 15- and 16-byte words come back whole; the stop
	 * list still applies */
	s = make("none", "list:abcdefghijklmnop,the");
	check_line(s, "abcdefghijklmnop abcdefghijklmno the abcdefghijklmnop abcdefghijklmno",
	    "abcdefghijklmno abcdefghijklmno");
	stem_free(s);
	sb_stemmer_delete(sb);
}

/* Lines with more words than are looked up at once, and words at every
 * place across the 64-byte blocks the words are found in. */
static void
test_long_lines(void)
{
	struct stem *s = make("porter", "default");
	struct buf in = {0}, want = {0};
	size_t i;

	buf_adds(&in, "__label__2");
	for (i = 0; i < 1000; i++) {
		buf_adds(&in, i % 3 ? " running" : " the  \t cats");
		if (i % 3)
			buf_adds(&want, want.n ? " run" : "run");
		else
			buf_adds(&want, want.n ? " cat" : "cat");
	}
	buf_addc(&in, '\0');
	buf_addc(&want, '\0');
	{
		struct buf w2 = {0};

		buf_adds(&w2, "__label__2 ");
		buf_adds(&w2, want.p);
		check_line(s, in.p, w2.p);
		buf_free(&w2);
	}
	buf_free(&in);
	buf_free(&want);
	stem_free(s);
}

static void
test_odd_words(void)
{
	struct stem *s = make("english", "default");
	char big[STEM_MAX_WORD + 2];
	size_t len;
	const char *got;

	/* invalid UTF-8 and over-long words come back as they are */
	got = stem_word(s, "runs\xff", 5, &len);
	CHECK(len == 5 && !memcmp(got, "runs\xff", 5));
	memset(big, 'a', sizeof(big));
	memcpy(big + sizeof(big) - 3, "ing", 3);
	got = stem_word(s, big, sizeof(big), &len);
	CHECK(len == sizeof(big) && !memcmp(got, big, len));
	got = stem_word(s, big, STEM_MAX_WORD, &len);
	CHECK(len == STEM_MAX_WORD);	/* no "ing" at the end of this one */
	/* UTF-8 words are stemmed */
	got = stem_word(s, "caf\xc3\xa9s", 6, &len);
	CHECKF(len == 5 && !memcmp(got, "caf\xc3\xa9", 5), "%.*s", (int)len, got);
	/* a stop word still has a stem when asked */
	got = stem_word(s, "having", 6, &len);
	CHECKF(len == 4 && !memcmp(got, "have", 4), "%.*s", (int)len, got);
	stem_free(s);
}

static void
test_new_errors(void)
{
	struct capture c;
	struct stem *s;
	const char *msg;

	capture_begin(&c);
	s = make("klingon", "default");
	msg = capture_end(&c);
	CHECK(s == NULL);
	CHECKF(strstr(msg, "klingon") && capture_lines(msg) == 1, "%s", msg);
	capture_begin(&c);
	s = make("english", "sometimes");
	msg = capture_end(&c);
	CHECK(s == NULL);
	CHECKF(strstr(msg, "sometimes") && capture_lines(msg) == 1, "%s", msg);
}

static void
test_stopfile(void)
{
	char path[] = "/tmp/t_stem.XXXXXX";
	struct buf b = {0};
	struct capture c;
	const char *msg;
	FILE *fp;
	int fd;

	fd = mkstemp(path);
	CHECK(fd >= 0);
	fp = fdopen(fd, "w");
	fputs("# my list\nthe\r\nzebra   apple # fruit\n\nthe\n\tmango", fp);
	fclose(fp);
	CHECK(stem_read_stopfile(path, &b) == 0);
	CHECKF(b.p && !strcmp(b.p, "list:apple,mango,the,zebra"), "%s", b.p);

	fp = fopen(path, "w");
	fputs("# nothing\n", fp);
	fclose(fp);
	CHECK(stem_read_stopfile(path, &b) == 0);
	CHECKF(b.p && !strcmp(b.p, "list:"), "%s", b.p);

	fp = fopen(path, "w");
	fputs("ok\nbad,word\n", fp);
	fclose(fp);
	capture_begin(&c);
	CHECK(stem_read_stopfile(path, &b) == -1);
	msg = capture_end(&c);
	CHECKF(strstr(msg, ":2: 'bad,word'") && capture_lines(msg) == 1, "%s", msg);
	unlink(path);

	capture_begin(&c);
	CHECK(stem_read_stopfile(path, &b) == -1);
	msg = capture_end(&c);
	CHECKF(strstr(msg, "No such file") && capture_lines(msg) == 1, "%s", msg);
	buf_free(&b);
}

static void
test_algorithms(void)
{
	const char **l = stem_algorithms();
	int english = 0, porter = 0;

	for (; *l; l++) {
		english |= !strcmp(*l, "english");
		porter |= !strcmp(*l, "porter");
	}
	CHECK(english && porter);
}

int
main(void)
{
	test_default_list();
	test_lines();
	test_cache();
	test_cache_policy();
	test_long_lines();
	test_odd_words();
	test_new_errors();
	test_stopfile();
	test_algorithms();
	return UNIT_DONE();
}
