/* t_overfit: Adam on nn.c fits a tiny synthetic data set (the class is
 * whether token 7 occurs) to near-zero loss; nn_clip and nn_adam follow
 * their formulas. */
#include <math.h>
#include <string.h>

#include "nn.h"
#include "rng.h"
#include "unit.h"
#include "util.h"

enum { N = 32, T = 10, V = 20 };

static uint32_t ids[N * T], len[N];
static int32_t lab[N];

static void
data(void)
{
	struct rng r;
	int j, t;

	rng_seed(&r, 8);
	for (j = 0; j < N; j++) {
		len[j] = 1 + rng_below(&r, T);
		lab[j] = j % 2;
		for (t = 0; t < T; t++) {
			uint32_t id = 2 + rng_below(&r, V - 2);

			ids[j * T + t] = t < (int)len[j] ? (id == 7 ? 8 : id) : 0;
		}
		if (lab[j])
			ids[j * T + rng_below(&r, len[j])] = 7;
	}
}

/* Fit with pool and L; returns the number of steps to a mean loss < 0.05
 * (or -1), and the accuracy reached in *acc. */
static int
fit(int L, int pool, float drop, int *acc)
{
	struct nn_config c = { 0 };
	struct nn *m;
	float probs[N * 2];
	double loss = 1;
	int step, j;

	c.V = V;
	c.T = T;
	c.K = 2;
	c.E = 8;
	c.H = 12;
	c.L = L;
	c.D = 8;
	c.pool = pool;
	c.drop_seq = c.drop_vec = c.drop_dense = drop;
	m = nn_new(&c, N);
	nn_init(m, 1);
	for (step = 1; step <= 400; step++) {
		nn_forward(m, N, ids, len, lab, probs, drop > 0, step);
		nn_backward(m);
		nn_clip(m, 5);
		nn_adam(m, 1e-2, 0.9, 0.999, 1e-8, 0, step);
		loss = nn_forward(m, N, ids, len, lab, probs, 0, 0) / N;
		if (loss < 0.05)
			break;
	}
	for (j = 0, *acc = 0; j < N; j++)
		*acc += (probs[j * 2 + 1] > 0.5) == lab[j];
	nn_free(m);
	return loss < 0.05 ? step : -1;
}

static void
check_optim(void)
{
	struct nn_config c = { 0 };
	struct nn *m;
	double norm, want = 0, b1 = 0.9, b2 = 0.99, lr = 0.01, wd = 0.1;
	float *w0, *mm0, *v0;
	size_t i, off, n;
	int g, decay;

	c.V = 5;
	c.T = 3;
	c.K = 2;
	c.E = 2;
	c.H = 2;
	c.L = 1;
	c.D = 2;
	m = nn_new(&c, 2);
	nn_init(m, 2);
	for (i = 0; i < m->nparams; i++) {
		m->grad[i] = (float)((int)(i % 7) - 3) / 4;
		want += (double)m->grad[i] * m->grad[i];
	}
	norm = nn_clip(m, 0);
	CHECK(fabs(norm - sqrt(want)) < 1e-6 * sqrt(want));
	CHECK(nn_clip(m, 1e9) == norm);
	nn_clip(m, 1);
	CHECK(fabs(nn_clip(m, 0) - 1) < 1e-5);

	/* two AdamW steps against the formula */
	w0 = xmalloc(m->nparams, sizeof(float));
	mm0 = xcalloc(m->nparams, sizeof(float));
	v0 = xcalloc(m->nparams, sizeof(float));
	memcpy(w0, m->param, m->nparams * sizeof(float));
	for (int t = 1; t <= 2; t++) {
		for (g = 0; nn_group(m, g, &off, &n, &decay); g++)
			for (i = off; i < off + n; i++) {
				double gi = m->grad[i], mh, vh;

				mm0[i] = (float)(b1 * mm0[i] + (1 - b1) * gi);
				v0[i] = (float)(b2 * v0[i] + (1 - b2) * gi * gi);
				mh = mm0[i] / (1 - pow(b1, t));
				vh = v0[i] / (1 - pow(b2, t));
				w0[i] = (float)(w0[i] * (decay ? 1 - lr * wd : 1) -
				    lr * mh / (sqrt(vh) + 1e-8));
			}
		nn_adam(m, lr, b1, b2, 1e-8, wd, t);
	}
	for (i = 0; i < m->nparams; i++)
		CHECKF(fabs(m->param[i] - w0[i]) < 1e-6, "param %zu: %g, want %g", i,
		    m->param[i], w0[i]);
	/* biases are not decayed, weights are */
	CHECK(nn_group(m, 0, NULL, NULL, &decay) && decay);
	free(w0);
	free(mm0);
	free(v0);
	nn_free(m);
}

int
main(void)
{
	static const char *pools[] = { "last", "max", "meanmax" };
	int pool, steps, acc;

	data();
	check_optim();
	for (pool = 0; pool < 3; pool++) {
		steps = fit(pool == 0 ? 2 : 1, pool, 0, &acc);
		CHECKF(steps > 0, "pool %s: loss still >= 0.05 after 400 steps", pools[pool]);
		CHECKF(acc == N, "pool %s: %d of %d right", pools[pool], acc, N);
		fprintf(stderr, "pool %s: %d steps\n", pools[pool], steps);
	}
	/* with dropout in training, still fits */
	steps = fit(2, NN_POOL_LAST, 0.1f, &acc);
	CHECKF(steps > 0, "dropout: loss still >= 0.05 after 400 steps");
	fprintf(stderr, "dropout: %d steps\n", steps);
	return UNIT_DONE();
}
