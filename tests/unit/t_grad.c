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
 * (biases zero, gains one), so every term of the gradient shows.  The
 * dense layer's bias is shifted up so that few ReLUs sit near their kink
 * or are dead for every record (D is only 3). */
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
	for (g = 0; nn_group(m, g, &off, &n, NULL); g++)
		if (strcmp(nn_group(m, g, NULL, NULL, NULL), "d1.b") == 0)
			for (i = 0; i < n; i++)
				m->param[off + i] += 1;
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

/* A direction in parameter space: parameter i alone, or every parameter
 * along u from w0. */
struct dir {
	size_t i;
	const float *w0, *u;
};

/* The loss with the parameters moved by e along d, and the pattern of
 * that pass; the parameters are restored. */
static double
moved(struct nn *m, const struct run *r, const struct dir *d, double e, uint64_t *pat)
{
	float save = m->param[d->i];
	double f;
	size_t k;

	if (d->u)
		for (k = 0; k < m->nparams; k++)
			m->param[k] = d->w0[k] + (float)e * d->u[k];
	else
		m->param[d->i] = save + (float)e;
	f = mean_loss(m, r);
	*pat = nn_pattern(m);
	if (d->u)
		memcpy(m->param, d->w0, m->nparams * sizeof(float));
	else
		m->param[d->i] = save;
	return f;
}

/*
 * Does the analytic derivative a match finite differences?  The loss is
 * smooth only between kinks (a ReLU or a max pooling choice switching),
 * which nn_pattern() shows, so a difference is taken only within one
 * smooth piece: central when neither side crosses a kink, else one-sided
 * on the side that does not.  The model runs in float: its loss carries
 * rounding noise of about 1e-7, which a step eps turns into about
 * 1e-7 / eps of noise in the difference.  So steps 1e-2 down to 1e-4 are
 * tried in turn; a wrong derivative fails all of them.  Returns 1 if one
 * agrees, 0 if none does, -1 if every step crossed a kink.
 */
static int
agrees(struct nn *m, const struct run *r, const struct dir *dir, double a, double *num)
{
	static const double steps[] = { 1e-2, 2e-3, 5e-4, 1e-4 };
	double f0, fp, fm, d, e, noise;
	uint64_t p0, pp, pm;
	int k, tried = 0;

	f0 = moved(m, r, dir, 0, &p0);
	for (k = 0; k < 4; k++) {
		e = steps[k];
		fp = moved(m, r, dir, e, &pp);
		fm = moved(m, r, dir, -e, &pm);
		if (pp == p0 && pm == p0) {
			d = (fp - fm) / (2 * e);
			noise = 2e-6 / e;
		} else if (pp == p0 || pm == p0) {
			d = pp == p0 ? (fp - f0) / e : (f0 - fm) / e;
			noise = 4e-6 / e;
		} else {
			continue;
		}
		if (!tried++)
			*num = d;
		if (fabs(d - a) <= 2e-2 * fmax(fabs(a), fabs(d)) + noise)
			return 1;
	}
	return tried ? 0 : -1;
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
	int g, checked = 0, kinks = 0;

	mean_loss(m, r);
	nn_backward(m);
	memcpy(grad, m->grad, m->nparams * sizeof(float));
	rng_seed(&pick, 99);
	for (g = 0; nn_group(m, g, &off, &n, NULL); g++) {
		const char *name = nn_group(m, g, NULL, NULL, NULL);
		int bad = 0, ok;
		double num = 0, wa = 0, wn = 0;

		for (k = 0; k < n && k < (size_t)most; k++) {
			i = off + (n <= (size_t)most ? k : rng_below(&pick, n));
			checked++;
			struct dir d = { i, NULL, NULL };

			ok = agrees(m, r, &d, grad[i], &num);
			kinks += ok < 0;
			if (ok == 0 && bad++ == 0) {
				wa = grad[i];
				wn = num;
			}
		}
		CHECKF(bad == 0, "%s: group %s: %d wrong, e.g. analytic %.6g numeric %.6g",
		    what, name, bad, wa, wn);
	}
	/* nearly every point is checked */
	CHECKF(kinks * 10 <= checked, "%s: %d of %d points sit on kinks", what,
	    kinks, checked);
	free(grad);
}

/* Along a random direction u over every parameter: the derivative is g·u. */
static void
check_direction(const char *what, struct nn *m, const struct run *r)
{
	float *w0 = xmalloc(m->nparams, sizeof(float));
	float *u = xmalloc(m->nparams, sizeof(float));
	struct dir d = { 0, w0, u };
	struct rng rr;
	double gu = 0, num = 0;
	size_t i;
	int ok;

	mean_loss(m, r);
	nn_backward(m);
	rng_seed(&rr, 5);
	memcpy(w0, m->param, m->nparams * sizeof(float));
	for (i = 0; i < m->nparams; i++) {
		u[i] = (float)(rng_uniform(&rr) - 0.5);
		gu += (double)u[i] * m->grad[i];
	}
	ok = agrees(m, r, &d, gu, &num);
	CHECKF(ok != 0, "%s: directional derivative %.6g, gradient gives %.6g", what, num, gu);
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
