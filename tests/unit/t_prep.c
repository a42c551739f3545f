/* t_prep: the preparation profile: text form, errors, loading from files. */
#include "unit.h"
#include "capture.h"

#include <stdio.h>
#include <string.h>

#include "prep.h"

static char *
formatted(const struct prep *p)
{
	static char s[512];
	struct buf b = {0};

	prep_format(p, &b);
	snprintf(s, sizeof(s), "%s", b.p ? b.p : "");
	buf_free(&b);
	return s;
}

static void
test_parse(void)
{
	struct prep p;

	prep_default(&p);
	CHECKF(!strcmp(formatted(&p), "digits=no scripts=latin stemmer=english stopwords=default"),
	    "%s", formatted(&p));
	prep_free(&p);

	CHECK(prep_parse(&p, "", "x") == 0);
	CHECKF(!strcmp(formatted(&p), "digits=no scripts=latin stemmer=english stopwords=default"),
	    "%s", formatted(&p));
	prep_free(&p);

	CHECK(prep_parse(&p, "# a comment\n  stemmer=porter\tdigits=yes # more\n"
	    "scripts=all stopwords=list:a,b,the\n", "x") == 0);
	CHECK(p.digits == 1 && p.all_scripts == 1);
	CHECKF(!strcmp(formatted(&p), "digits=yes scripts=all stemmer=porter stopwords=list:a,b,the"),
	    "%s", formatted(&p));
	prep_free(&p);

	CHECK(prep_parse(&p, "stemmer=none stopwords=none", "x") == 0);
	CHECK(!strcmp(p.stemmer, "none") && !strcmp(p.stopwords, "none"));
	prep_free(&p);

	/* the canonical form reads back to itself */
	CHECK(prep_parse(&p, "stopwords=list: digits=yes", "x") == 0);
	{
		struct prep q;
		char once[512];

		snprintf(once, sizeof(once), "%s", formatted(&p));
		CHECK(prep_parse(&q, once, "x") == 0);
		CHECK(!strcmp(formatted(&q), once));
		prep_free(&q);
	}
	prep_free(&p);
}

static void
check_bad(const char *text, const char *want)
{
	struct capture c;
	struct prep p;
	const char *msg;
	int rc;

	capture_begin(&c);
	rc = prep_parse(&p, text, "prof.txt");
	msg = capture_end(&c);
	CHECKF(rc == -1, "accepted \"%s\"", text);
	CHECKF(strstr(msg, "prof.txt: ") && strstr(msg, want) && capture_lines(msg) == 1,
	    "\"%s\": message \"%s\" lacks \"%s\"", text, msg, want);
	CHECK(p.stemmer == NULL && p.stopwords == NULL);
	prep_free(&p);
}

static void
test_errors(void)
{
	check_bad("digits=maybe", "digits");
	check_bad("scripts=greek", "scripts");
	check_bad("stemmer=klingon", "klingon");
	check_bad("stopwords=some", "stopwords");
	check_bad("stopwords=list:a,,b", "stopwords");
	check_bad("colour=red", "unknown setting 'colour'");
	check_bad("digits=yes digits=no", "twice");
	check_bad("digits", "not key=value");
	check_bad("=yes", "not key=value");
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	fputs(text, fp);
	fclose(fp);
}

static void
test_load(void)
{
	char dir[] = "/tmp/t_prep.XXXXXX", path[64];
	struct capture c;
	struct prep p;
	const char *msg;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/f", dir);

	write_file(path, "digits=yes\nstemmer=porter\n");
	CHECK(prep_load(&p, path) == 0);
	CHECK(p.digits == 1 && !strcmp(p.stemmer, "porter"));
	prep_free(&p);

	/* a vocabulary: its #prep line */
	write_file(path, "#rv-vocab 1\n#prep scripts=all stopwords=none\n__label__1\t3\nthe\t5\n");
	CHECK(prep_load(&p, path) == 0);
	CHECK(p.all_scripts == 1 && !strcmp(p.stopwords, "none") && !strcmp(p.stemmer, "english"));
	prep_free(&p);

	/* a vocabulary without one: the defaults */
	write_file(path, "__label__1\t3\nthe\t5\n");
	CHECK(prep_load(&p, path) == 0);
	CHECK(p.digits == 0 && !strcmp(p.stopwords, "default"));
	prep_free(&p);

	/* a bare #prep line */
	write_file(path, "#prep digits=yes\n");
	CHECK(prep_load(&p, path) == 0);
	CHECK(p.digits == 1);
	prep_free(&p);

	write_file(path, "#prep digits=often\n");
	capture_begin(&c);
	CHECK(prep_load(&p, path) == -1);
	msg = capture_end(&c);
	CHECKF(strstr(msg, "digits") && capture_lines(msg) == 1, "%s", msg);
	prep_free(&p);

	write_file(path, "bin\001ary\n");
	capture_begin(&c);
	CHECK(prep_load(&p, path) == -1);
	msg = capture_end(&c);
	CHECKF(strstr(msg, path) && capture_lines(msg) == 1, "%s", msg);

	unlink(path);
	capture_begin(&c);
	CHECK(prep_load(&p, path) == -1);
	msg = capture_end(&c);
	CHECKF(strstr(msg, "No such file") && capture_lines(msg) == 1, "%s", msg);
	prep_free(&p);
	rmdir(dir);
}

int
main(void)
{
	test_parse();
	test_errors();
	test_load();
	return UNIT_DONE();
}
