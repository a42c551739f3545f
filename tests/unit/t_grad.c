/* t_grad: finite-difference gradient checks of every layer of nn.c and of
 * the whole model, on tiny sizes with ragged lengths (0 and T included);
 * padding must get no gradient and change nothing. */
#include <math.h>
#include <string.h>

#include "nn.h"
#include "rng.h"
#include "unit.h"
#include "util.h"



enum { B = 4, T = 5, V = 7 };

/* Real words use ids 1..5; ids 0 and 6 appear only as padding. */
static const uint32_t ids0[B * T] = {
	2, 3, 4, 5, 2,
	6, 6, 6, 6, 6,
	1, 3, 5, 6, 0,
	5, 4, 1, 0, 6,
};
static const uint32_t len0[B] = { 5, 0, 3, 3 };
static const int32_t lab0[B] = { 1, 0, 2, 1 };

static struct nn_config
config(int L, int pool, int K)
{
	struct nn_config c = { 0 };

	c.V = V;
	c.T = T;
	c.K = K;
	c.E = 3;
	c.H = 4;
	c.L = L;
	c.D = 3;
	c.pool = pool;
	return c;
}

/* A network with every parameter away from its initial special values
 * (biases zero, gains one), so every term of the gradient shows. */
static struct nn *
net(const struct nn_config *c, uint64_t seed)
{
	struct nn *m = nn_new(c, B);
	struct rng r;
	size_t off, n, i;
	int g, decay;

	nn_init(m, seed);
	rng_seed(&r, seed + 1);
	for (g = 0; nn_group(m, g, &off, &n, &decay); g++)
		for (i = 0; i < n; i++)
			m->param[off + i] += decay ? (float)(0.3 * (rng_uniform(&r) - 0.5)) :
			    (float)(rng_uniform(&r) - 0.5);
	return m;
}

struct run {
	const uint32_t *ids, *len;
	const int32_t *lab;
	int K, train;
	uint64_t seed;
};

static double
mean_loss(struct nn *m, const struct run *r)
{
	float probs[B * 3];

	return nn_forward(m, B, r->ids, r->len, r->lab, probs, r->train, r->seed) / B;
}

static double
central(struct nn *m, const struct run *r, size_t i, double eps)
{
	float save = m->param[i];
	double fp, fm;

	m->param[i] = save + (float)eps;
	fp = mean_loss(m, r);
	m->param[i] = save - (float)eps;
	fm = mean_loss(m, r);
	m->param[i] = save;
	return (fp - fm) / (2 * eps);
}

/*
 * Does the analytic derivative a match central differences?  The model
 * runs in float: its loss carries rounding noise of about 1e-7, so a step
 * eps leaves noise of about 1e-7 / eps in the difference, while a ReLU or
 * a max that switches within eps of the point spoils a large step.  So
 * steps 1e-2, 2e-3 and 5e-4 are tried in turn; a wrong derivative fails
 * all three.  *small counts the points that needed a smaller step.
 */
static int
agrees(struct nn *m, const struct run *r, size_t i, double a, double *num, int *small)
{
	static const double steps[] = { 1e-2, 2e-3, 5e-4 };
	int k;

	for (k = 0; k < 3; k++) {
		double n = central(m, r, i, steps[k]);

		if (k == 0)
			*num = n;
		if (fabs(n - a) <= 2e-2 * fmax(fabs(a), fabs(n)) + 2e-6 / steps[k]) {
			*small += k > 0;
			return 1;
		}
	}
	return 0;
}

/*
 * Compare m->grad with central differences of the mean loss for up to
 * `most` entries of every parameter group (all entries of small groups).
 */
static void
check_groups(const char *what, struct nn *m, const struct run *r, int most)
{
	float *grad = xmalloc(m->nparams, sizeof(float));
	struct rng pick;
	size_t off, n, k, i;
	int g, checked = 0, small = 0;

	mean_loss(m, r);
	nn_backward(m);
	memcpy(grad, m->grad, m->nparams * sizeof(float));
	rng_seed(&pick, 99);
	for (g = 0; nn_group(m, g, &off, &n, NULL); g++) {
		const char *name = nn_group(m, g, NULL, NULL, NULL);
		int bad = 0;
		double num, wa = 0, wn = 0;

		for (k = 0; k < n && k < (size_t)most; k++) {
			i = off + (n <= (size_t)most ? k : rng_below(&pick, n));
			checked++;
			if (!agrees(m, r, i, grad[i], &num, &small) && bad++ == 0) {
				wa = grad[i];
				wn = num;
			}
		}
		CHECKF(bad == 0, "%s: group %s: %d wrong, e.g. analytic %.6g numeric %.6g",
		    what, name, bad, wa, wn);
	}
	/* most points are smooth at the largest step */
	CHECKF(small * 5 <= checked, "%s: %d of %d points needed small steps", what,
	    small, checked);
	free(grad);
}

/* Along a random direction u over every parameter: (f(w+eu) - f(w-eu)) / 2e = g·u. */
static void
check_direction(const char *what, struct nn *m, const struct run *r)
{
	static const double steps[] = { 1e-3, 3e-4, 1e-4 };
	float *w0 = xmalloc(m->nparams, sizeof(float));
	float *u = xmalloc(m->nparams, sizeof(float));
	struct rng rr;
	double gu = 0, fp, fm, num = 0, eps;
	size_t i;
	int k, ok = 0;

	mean_loss(m, r);
	nn_backward(m);
	rng_seed(&rr, 5);
	memcpy(w0, m->param, m->nparams * sizeof(float));
	for (i = 0; i < m->nparams; i++) {
		u[i] = (float)(rng_uniform(&rr) - 0.5);
		gu += (double)u[i] * m->grad[i];
	}
	/* several steps, as in agrees() */
	for (k = 0; k < 3 && !ok; k++) {
		eps = steps[k];
		for (i = 0; i < m->nparams; i++)
			m->param[i] = w0[i] + (float)eps * u[i];
		fp = mean_loss(m, r);
		for (i = 0; i < m->nparams; i++)
			m->param[i] = w0[i] - (float)eps * u[i];
		fm = mean_loss(m, r);
		num = (fp - fm) / (2 * eps);
		ok = fabs(num - gu) <= 2e-2 * fabs(gu) + 2e-6 / eps;
	}
	memcpy(m->param, w0, m->nparams * sizeof(float));
	CHECKF(ok, "%s: directional derivative %.6g, gradient gives %.6g", what, num, gu);
	free(w0);
	free(u);
}

/* d2.b's gradient is the mean of (p - onehot): check it from the probabilities. */
static void
check_softmax(struct nn *m, const struct run *r)
{
	float probs[B * 3];
	size_t off, n;
	int g, j, k;

	nn_forward(m, B, r->ids, r->len, r->lab, probs, r->train, r->seed);
	nn_backward(m);
	for (g = 0; nn_group(m, g, &off, &n, NULL); g++)
		if (strcmp(nn_group(m, g, NULL, NULL, NULL), "d2.b") == 0)
			break;
	CHECK(n == (size_t)r->K);
	for (k = 0; k < r->K; k++) {
		double s = 0, tot = 0;

		for (j = 0; j < B; j++) {
			s += probs[j * r->K + k] - (r->lab[j] == k);
			tot += probs[j * r->K + k];
		}
		CHECKF(fabs(m->grad[off + k] - s / B) < 1e-6, "d2.b[%d] %g, want %g",
		    k, m->grad[off + k], s / B);
	}
	for (j = 0; j < B; j++) {
		double tot = 0;

		for (k = 0; k < r->K; k++)
			tot += probs[j * r->K + k];
		CHECKF(fabs(tot - 1) < 1e-5, "record %d: probabilities sum to %g", j, tot);
	}
}

/* Padding: rows of ids seen only as padding get no gradient; other ids in
 * the padding change no output and no gradient; a record of length 0 does
 * not depend on the embedding or the LSTM. */
static void
check_padding(struct nn *m, const struct run *r)
{
	uint32_t ids[B * T];
	float p0[B * 3], p1[B * 3];
	float *g0 = xmalloc(m->nparams, sizeof(float));
	double l0, l1;
	size_t off, n, e;
	int j, t, g;
	const int E = m->c.E;

	l0 = nn_forward(m, B, r->ids, r->len, r->lab, p0, r->train, r->seed);
	nn_backward(m);
	memcpy(g0, m->grad, m->nparams * sizeof(float));
	nn_group(m, 0, &off, &n, NULL);
	for (e = 0; e < (size_t)E; e++) {
		CHECK(g0[off + 0 * E + e] == 0);
		CHECK(g0[off + 6 * E + e] == 0);
	}
	/* the ids used for real have gradients */
	for (e = 0, n = 0; e < (size_t)5 * E; e++)
		n += g0[off + E + e] != 0;
	CHECK(n > 0);

	memcpy(ids, r->ids, sizeof(ids));
	for (j = 0; j < B; j++)
		for (t = r->len[j]; t < T; t++)
			ids[j * T + t] = (ids[j * T + t] + 3) % V;
	l1 = nn_forward(m, B, ids, r->len, r->lab, p1, r->train, r->seed);
	nn_backward(m);
	CHECK(l0 == l1);
	CHECK(memcmp(p0, p1, sizeof(float) * B * r->K) == 0);
	CHECK(memcmp(g0, m->grad, m->nparams * sizeof(float)) == 0);

	/* record 1 has length 0: perturb the embedding and every LSTM weight */
	for (g = 0; nn_group(m, g, &off, &n, NULL); g++) {
		const char *name = nn_group(m, g, NULL, NULL, NULL);
		size_t i;

		if (name[0] == 'e' || (name[0] == 'l' && strstr(name, ".w")))
			for (i = 0; i < n; i++)
				m->param[off + i] += 0.25f;
	}
	nn_forward(m, B, r->ids, r->len, r->lab, p1, r->train, r->seed);
	CHECK(memcmp(p0 + 1 * r->K, p1 + 1 * r->K, sizeof(float) * r->K) == 0);
	CHECK(memcmp(p0, p1, sizeof(float) * B * r->K) != 0);
	free(g0);
}

/* Order of the records in the batch does not matter. */
static void
check_order(struct nn *m, const struct run *r)
{
	static const int perm[B] = { 2, 0, 3, 1 };
	uint32_t ids[B * T], len[B];
	int32_t lab[B];
	float p0[B * 3], p1[B * 3];
	double l0, l1;
	int j, k;

	for (j = 0; j < B; j++) {
		memcpy(ids + j * T, r->ids + perm[j] * T, T * sizeof(uint32_t));
		len[j] = r->len[perm[j]];
		lab[j] = r->lab[perm[j]];
	}
	l0 = nn_forward(m, B, r->ids, r->len, r->lab, p0, r->train, r->seed);
	l1 = nn_forward(m, B, ids, len, lab, p1, r->train, r->seed);
	CHECKF(fabs(l0 - l1) < 1e-5, "loss %g after reordering, %g before", l1, l0);
	for (j = 0; j < B; j++)
		for (k = 0; k < r->K; k++)
			CHECK(fabs(p1[j * r->K + k] - p0[perm[j] * r->K + k]) < 1e-6);
}

int
main(void)
{
	static const char *pools[] = { "last", "max", "meanmax" };
	struct run r = { ids0, len0, lab0, 3, 0, 11 };
	char what[80];
	int L, pool;

	for (L = 1; L <= 3; L++)
		for (pool = 0; pool < 3; pool++) {
			struct nn_config c = config(L, pool, 3);
			struct nn *m = net(&c, 100 + 10 * L + pool);

			snprintf(what, sizeof(what), "L=%d pool=%s", L, pools[pool]);
			check_groups(what, m, &r, 24);
			check_direction(what, m, &r);
			check_softmax(m, &r);
			check_padding(m, &r);
			check_order(m, &r);
			nn_free(m);
		}

	/* two classes */
	{
		struct nn_config c = config(2, NN_POOL_LAST, 2);
		struct nn *m = net(&c, 3);
		static const int32_t lab2[B] = { 1, 0, 0, 1 };
		struct run r2 = { ids0, len0, lab2, 2, 0, 11 };

		check_groups("K=2", m, &r2, 24);
		check_softmax(m, &r2);
		nn_free(m);
	}

	/* dropout everywhere, the same mask seed in every evaluation */
	for (pool = 0; pool < 3; pool++) {
		struct nn_config c = config(2, pool, 3);
		struct nn *m;
		struct run rt = r;
		double l0, l1, l2;

		c.drop_emb = 0.2f;
		c.drop_seq = 0.3f;
		c.drop_vec = 0.3f;
		c.drop_dense = 0.2f;
		m = net(&c, 40 + pool);
		rt.train = 1;
		snprintf(what, sizeof(what), "dropout pool=%s", pools[pool]);
		check_groups(what, m, &rt, 24);
		check_direction(what, m, &rt);
		check_padding(m, &rt);
		/* the masks act, depend on the seed, and are reproducible */
		l0 = mean_loss(m, &rt);
		l1 = mean_loss(m, &rt);
		rt.seed = 12;
		l2 = mean_loss(m, &rt);
		rt.train = 0;
		CHECK(l0 == l1);
		CHECK(l0 != l2);
		CHECK(l0 != mean_loss(m, &rt));
		nn_free(m);
	}
	return UNIT_DONE();
}
