/* metrics.c: classification scores and their text and JSON reports. */
#include "metrics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
metrics_init(struct metrics *m, int K, char *const *names)
{
	memset(m, 0, sizeof(*m));
	m->K = K;
	m->names = names;
	m->conf = xcalloc((size_t)K * (size_t)K, sizeof(long));
}

void
metrics_free(struct metrics *m)
{
	free(m->conf);
	free(m->score[0]);
	free(m->score[1]);
	memset(m, 0, sizeof(*m));
}

void
metrics_add(struct metrics *m, int truth, int pred, const float *probs)
{
	double p = probs[truth];

	m->conf[(size_t)truth * m->K + pred]++;
	m->n++;
	m->logloss -= log(p > 1e-15 ? p : 1e-15);
	if (m->K == 2) {
		if (m->nscore[truth] == m->capscore[truth]) {
			m->capscore[truth] = m->capscore[truth] ? 2 * m->capscore[truth] : 1024;
			m->score[truth] = xrealloc(m->score[truth], m->capscore[truth],
			    sizeof(float));
		}
		m->score[truth][m->nscore[truth]++] = probs[1];
	}
}

double
metrics_accuracy(const struct metrics *m)
{
	long right = 0;
	int k;

	if (m->n == 0)
		return 0;
	for (k = 0; k < m->K; k++)
		right += m->conf[(size_t)k * m->K + k];
	return (double)right / m->n;
}

void
metrics_class(const struct metrics *m, int k, double *prec, double *rec,
    double *f1, long *support)
{
	long tp = m->conf[(size_t)k * m->K + k], predicted = 0, actual = 0;
	int j;

	for (j = 0; j < m->K; j++) {
		predicted += m->conf[(size_t)j * m->K + k];
		actual += m->conf[(size_t)k * m->K + j];
	}
	*prec = predicted ? (double)tp / predicted : 0;
	*rec = actual ? (double)tp / actual : 0;
	*f1 = *prec + *rec > 0 ? 2 * *prec * *rec / (*prec + *rec) : 0;
	if (support)
		*support = actual;
}

double
metrics_macro_f1(const struct metrics *m)
{
	double p, r, f, sum = 0;
	int k;

	for (k = 0; k < m->K; k++) {
		metrics_class(m, k, &p, &r, &f, NULL);
		sum += f;
	}
	return m->K ? sum / m->K : 0;
}

double
metrics_logloss(const struct metrics *m)
{
	return m->n ? m->logloss / m->n : 0;
}

static int
cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	return (x > y) - (x < y);
}

double
metrics_auc(struct metrics *m)
{
	size_t nneg = m->nscore[0], npos = m->nscore[1], i, lt = 0, le = 0;
	double sum = 0;

	if (m->K != 2 || nneg == 0 || npos == 0)
		return NAN;
	qsort(m->score[0], nneg, sizeof(float), cmp_float);
	qsort(m->score[1], npos, sizeof(float), cmp_float);
	/* each positive beats the negatives scored below it and ties half of
	 * those scored the same: lt counts negatives < s, le those <= s */
	for (i = 0; i < npos; i++) {
		float s = m->score[1][i];

		while (lt < nneg && m->score[0][lt] < s)
			lt++;
		if (le < lt)
			le = lt;
		while (le < nneg && m->score[0][le] <= s)
			le++;
		sum += lt + 0.5 * (le - lt);
	}
	return sum / ((double)npos * (double)nneg);
}

static int
name_width(const struct metrics *m, int min)
{
	int k, w = min;

	for (k = 0; k < m->K; k++)
		if ((int)strlen(m->names[k]) > w)
			w = (int)strlen(m->names[k]);
	return w;
}

void
metrics_report_text(struct metrics *m, FILE *fp)
{
	double p, r, f, auc = metrics_auc(m);
	long support;
	int j, k, w = name_width(m, 9), cw;

	fprintf(fp, "records    %ld\n", m->n);
	fprintf(fp, "accuracy   %.4f\n", metrics_accuracy(m));
	fprintf(fp, "macro F1   %.4f\n", metrics_macro_f1(m));
	fprintf(fp, "log loss   %.4f\n", metrics_logloss(m));
	if (!isnan(auc))
		fprintf(fp, "ROC AUC    %.4f\n", auc);
	fprintf(fp, "\n%-*s  precision  recall  F1      support\n", w, "class");
	for (k = 0; k < m->K; k++) {
		metrics_class(m, k, &p, &r, &f, &support);
		fprintf(fp, "%-*s  %-9.4f  %-6.4f  %-6.4f  %ld\n", w, m->names[k],
		    p, r, f, support);
	}
	fprintf(fp, "\nconfusion matrix (rows: true class, columns: predicted)\n");
	cw = name_width(m, 1);
	for (j = 0; j < m->K * m->K; j++) {
		char num[32];
		int len = snprintf(num, sizeof(num), "%ld", m->conf[j]);

		if (len > cw)
			cw = len;
	}
	fprintf(fp, "%-*s", w, "");
	for (k = 0; k < m->K; k++)
		fprintf(fp, "  %*s", cw, m->names[k]);
	fputc('\n', fp);
	for (j = 0; j < m->K; j++) {
		fprintf(fp, "%-*s", w, m->names[j]);
		for (k = 0; k < m->K; k++)
			fprintf(fp, "  %*ld", cw, m->conf[(size_t)j * m->K + k]);
		fputc('\n', fp);
	}
}

static void
json_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c < 0x20)
			fprintf(fp, "\\u%04x", c);
		else
			fputc(c, fp);
	}
	fputc('"', fp);
}

void
metrics_report_json(struct metrics *m, FILE *fp)
{
	double p, r, f, auc = metrics_auc(m);
	long support;
	int j, k;

	fprintf(fp, "{\"records\":%ld,\"accuracy\":%.6f,\"macro_f1\":%.6f,"
	    "\"log_loss\":%.6f,\"roc_auc\":", m->n, metrics_accuracy(m),
	    metrics_macro_f1(m), metrics_logloss(m));
	if (isnan(auc))
		fputs("null", fp);
	else
		fprintf(fp, "%.6f", auc);
	fputs(",\"classes\":[", fp);
	for (k = 0; k < m->K; k++) {
		metrics_class(m, k, &p, &r, &f, &support);
		fputs(k ? ",{\"name\":" : "{\"name\":", fp);
		json_string(fp, m->names[k]);
		fprintf(fp, ",\"precision\":%.6f,\"recall\":%.6f,\"f1\":%.6f,"
		    "\"support\":%ld}", p, r, f, support);
	}
	fputs("],\"confusion\":[", fp);
	for (j = 0; j < m->K; j++) {
		fputs(j ? ",[" : "[", fp);
		for (k = 0; k < m->K; k++)
			fprintf(fp, k ? ",%ld" : "%ld", m->conf[(size_t)j * m->K + k]);
		fputc(']', fp);
	}
	fputs("]}\n", fp);
}
