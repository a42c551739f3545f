/* metrics.h: classification scores: accuracy, precision/recall/F1, confusion matrix, log loss, ROC AUC. */
#ifndef RV_METRICS_H
#define RV_METRICS_H

#include <stddef.h>
#include <stdio.h>

struct metrics {
	int K;			/* classes */
	char *const *names;	/* (K) class names, borrowed */
	long n;			/* records added */
	long *conf;		/* (K, K) conf[true * K + predicted] */
	double logloss;		/* sum of -log(max(p[true], 1e-15)) */
	/* binary only: the scores (probability of class 1) of each true class,
	 * kept for the rank-based ROC AUC: 4 bytes a record */
	float *score[2];
	size_t nscore[2], capscore[2];
};

void metrics_init(struct metrics *m, int K, char *const *names);
void metrics_free(struct metrics *m);
/* One record: true class, predicted class, the K class probabilities. */
void metrics_add(struct metrics *m, int truth, int pred, const float *probs);

double metrics_accuracy(const struct metrics *m);
/* Precision, recall and F1 of class k (0 where undefined), and its support. */
void metrics_class(const struct metrics *m, int k, double *prec, double *rec,
    double *f1, long *support);
/* Unweighted mean of the per-class F1. */
double metrics_macro_f1(const struct metrics *m);
/* Mean log loss (cross-entropy of the true class). */
double metrics_logloss(const struct metrics *m);
/* ROC AUC of class 1 against class 0 (ties count one half); NaN unless the
 * model is binary and both classes occur. Sorts the kept scores. */
double metrics_auc(struct metrics *m);

/* The report as aligned text, or as one JSON object; both end in a newline. */
void metrics_report_text(struct metrics *m, FILE *fp);
void metrics_report_json(struct metrics *m, FILE *fp);

#endif
