/* t_metrics: accuracy, precision/recall/F1, confusion, log loss and ROC AUC on hand-computed cases. */
#include "unit.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "metrics.h"

#define NEAR(a, b) (fabs((a) - (b)) < 1e-9)

static char *names2[] = { "neg", "pos" };
static char *names3[] = { "a", "b", "c" };

/* Add (truth, pred, p1) records of a binary model. */
static void
add2(struct metrics *m, int truth, int pred, float p1)
{
	float pr[2] = { 1 - p1, p1 };

	metrics_add(m, truth, pred, pr);
}

static void
test_binary(void)
{
	struct metrics m;
	double p, r, f;
	long sup;

	metrics_init(&m, 2, names2);
	add2(&m, 0, 0, .1f);
	add2(&m, 0, 1, .6f);
	add2(&m, 1, 1, .8f);
	add2(&m, 1, 1, .7f);
	add2(&m, 1, 0, .4f);
	CHECK(m.n == 5);
	CHECK(m.conf[0] == 1 && m.conf[1] == 1 && m.conf[2] == 1 && m.conf[3] == 2);
	CHECK(NEAR(metrics_accuracy(&m), 0.6));
	metrics_class(&m, 0, &p, &r, &f, &sup);
	CHECK(NEAR(p, 0.5) && NEAR(r, 0.5) && NEAR(f, 0.5) && sup == 2);
	metrics_class(&m, 1, &p, &r, &f, &sup);
	CHECK(NEAR(p, 2.0 / 3) && NEAR(r, 2.0 / 3) && NEAR(f, 2.0 / 3) && sup == 3);
	CHECK(NEAR(metrics_macro_f1(&m), (0.5 + 2.0 / 3) / 2));
	/* -(ln .9 + ln .4 + ln .8 + ln .7 + ln .4 = 2.5178) / 5, with float inputs */
	CHECKF(fabs(metrics_logloss(&m) - 0.5035523) < 1e-6, "%f", metrics_logloss(&m));
	/* positives .8 .7 .4 against negatives .1 .6: 2 + 2 + 1 of 6 pairs */
	CHECKF(NEAR(metrics_auc(&m), 5.0 / 6), "%f", metrics_auc(&m));
	metrics_free(&m);
}

static void
test_ties(void)
{
	struct metrics m;

	/* positives .5 .7, negatives .5 .3 .7: .5 -> 1 + .5, .7 -> 2 + .5 */
	metrics_init(&m, 2, names2);
	add2(&m, 1, 1, .5f);
	add2(&m, 0, 1, .5f);
	add2(&m, 0, 0, .3f);
	add2(&m, 1, 1, .7f);
	add2(&m, 0, 1, .7f);
	CHECKF(NEAR(metrics_auc(&m), 4.0 / 6), "%f", metrics_auc(&m));
	metrics_free(&m);

	/* all scores equal: chance */
	metrics_init(&m, 2, names2);
	add2(&m, 1, 1, .5f);
	add2(&m, 1, 1, .5f);
	add2(&m, 0, 1, .5f);
	CHECK(NEAR(metrics_auc(&m), 0.5));
	metrics_free(&m);

	/* perfect and reversed rankings */
	metrics_init(&m, 2, names2);
	add2(&m, 1, 1, .9f);
	add2(&m, 0, 0, .2f);
	add2(&m, 0, 0, .1f);
	CHECK(NEAR(metrics_auc(&m), 1));
	metrics_free(&m);
	metrics_init(&m, 2, names2);
	add2(&m, 1, 0, .1f);
	add2(&m, 0, 1, .9f);
	CHECK(NEAR(metrics_auc(&m), 0));
	metrics_free(&m);

	/* one class only: undefined */
	metrics_init(&m, 2, names2);
	add2(&m, 1, 1, .9f);
	CHECK(isnan(metrics_auc(&m)));
	metrics_free(&m);
}

static void
test_multiclass(void)
{
	struct metrics m;
	float pr[3] = { 0, 0, 1 };
	double p, r, f;
	long sup;

	metrics_init(&m, 3, names3);
	metrics_add(&m, 0, 2, pr);	/* p(true) = 0: clamped to 1e-15 */
	metrics_add(&m, 2, 2, pr);
	metrics_add(&m, 2, 2, pr);
	CHECK(m.conf[0 * 3 + 2] == 1 && m.conf[2 * 3 + 2] == 2);
	CHECK(NEAR(metrics_accuracy(&m), 2.0 / 3));
	/* class b never occurs nor is predicted: all 0 */
	metrics_class(&m, 1, &p, &r, &f, &sup);
	CHECK(p == 0 && r == 0 && f == 0 && sup == 0);
	/* class a never predicted: precision 0, recall 0 */
	metrics_class(&m, 0, &p, &r, &f, &sup);
	CHECK(p == 0 && r == 0 && f == 0 && sup == 1);
	metrics_class(&m, 2, &p, &r, &f, &sup);
	CHECK(NEAR(p, 2.0 / 3) && NEAR(r, 1) && NEAR(f, 0.8) && sup == 2);
	CHECK(NEAR(metrics_macro_f1(&m), 0.8 / 3));
	CHECK(NEAR(metrics_logloss(&m), -log(1e-15) / 3));
	CHECK(isnan(metrics_auc(&m)));
	metrics_free(&m);
}

static void
read_back(FILE *fp, char *s, size_t n)
{
	size_t got;

	rewind(fp);
	got = fread(s, 1, n - 1, fp);
	s[got] = '\0';
	fclose(fp);
}

static void
test_reports(void)
{
	struct metrics m;
	char s[4096];
	FILE *fp;

	metrics_init(&m, 2, names2);
	add2(&m, 0, 0, .1f);
	add2(&m, 0, 1, .6f);
	add2(&m, 1, 1, .8f);
	add2(&m, 1, 1, .7f);
	add2(&m, 1, 0, .4f);
	fp = tmpfile();
	metrics_report_text(&m, fp);
	read_back(fp, s, sizeof(s));
	CHECKF(strstr(s, "records    5\n") != NULL, "%s", s);
	CHECKF(strstr(s, "accuracy   0.6000\n") != NULL, "%s", s);
	CHECKF(strstr(s, "macro F1   0.5833\n") != NULL, "%s", s);
	CHECKF(strstr(s, "ROC AUC    0.8333\n") != NULL, "%s", s);
	CHECKF(strstr(s, "neg        0.5000     0.5000  0.5000  2\n") != NULL, "%s", s);
	CHECKF(strstr(s, "neg          1    1\npos          1    2\n") != NULL, "%s", s);

	fp = tmpfile();
	metrics_report_json(&m, fp);
	read_back(fp, s, sizeof(s));
	CHECKF(!strcmp(s, "{\"records\":5,\"accuracy\":0.600000,\"macro_f1\":0.583333,"
	    "\"log_loss\":0.503552,\"roc_auc\":0.833333,\"classes\":["
	    "{\"name\":\"neg\",\"precision\":0.500000,\"recall\":0.500000,\"f1\":0.500000,"
	    "\"support\":2},{\"name\":\"pos\",\"precision\":0.666667,\"recall\":0.666667,"
	    "\"f1\":0.666667,\"support\":3}],\"confusion\":[[1,1],[1,2]]}\n"), "%s", s);
	metrics_free(&m);

	/* a multi-class report has no AUC: null in JSON, no line in text */
	metrics_init(&m, 3, names3);
	{
		float pr[3] = { .2f, .3f, .5f };

		metrics_add(&m, 2, 2, pr);
	}
	fp = tmpfile();
	metrics_report_json(&m, fp);
	read_back(fp, s, sizeof(s));
	CHECKF(strstr(s, "\"roc_auc\":null") != NULL, "%s", s);
	fp = tmpfile();
	metrics_report_text(&m, fp);
	read_back(fp, s, sizeof(s));
	CHECKF(strstr(s, "ROC AUC") == NULL, "%s", s);
	metrics_free(&m);
}

int
main(void)
{
	test_binary();
	test_ties();
	test_multiclass();
	test_reports();
	return UNIT_DONE();
}
