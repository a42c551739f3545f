/* t_blas: the BLAS path of nn.c against its naive loops, both against a
 * plain per-record reference of the model written here in double, and
 * bit-identical repeats with one and two threads. */
#include <math.h>
#include <string.h>

#include "nn.h"
#include "rng.h"
#include "unit.h"
#include "util.h"

enum { B = 9, T = 12, V = 50, K = 3, MAXW = 64 };

static uint32_t ids[B * T], len[B];
static int32_t lab[B];

static void
batch(void)
{
	static const uint32_t L0[B] = { 7, 12, 0, 3, 12, 1, 7, 5, 2 };
	struct rng r;
	int j, t;

	rng_seed(&r, 3);
	for (j = 0; j < B; j++) {
		len[j] = L0[j];
		lab[j] = j % K;
		for (t = 0; t < T; t++)
			ids[j * T + t] = t < (int)len[j] ? 1 + rng_below(&r, V - 1) : 0;
	}
}

static const float *
grp(const struct nn *m, const char *name)
{
	size_t off;
	int g;
	const char *s;

	for (g = 0; (s = nn_group(m, g, &off, NULL, NULL)); g++)
		if (strcmp(s, name) == 0)
			return m->param + off;
	fprintf(stderr, "no group %s\n", name);
	exit(1);
}

static double
sg(double x)
{
	return 1 / (1 + exp(-x));
}

static void
layernorm(double *x, int W, const float *g, const float *b)
{
	double mu = 0, v = 0;
	int u;

	for (u = 0; u < W; u++)
		mu += x[u];
	mu /= W;
	for (u = 0; u < W; u++)
		v += (x[u] - mu) * (x[u] - mu);
	v = 1 / sqrt(v / W + 1e-5);
	for (u = 0; u < W; u++)
		x[u] = (x[u] - mu) * v * g[u] + b[u];
}

/* The model of nn.h for one record, directly, in double, no dropout. */
static void
reference(const struct nn *m, const uint32_t *id, int n, double *prob)
{
	const struct nn_config *c = &m->c;
	static double x[T][MAXW], y[T][MAXW];
	double v[MAXW] = { 0 }, h1[MAXW], z[K], mx, s;
	int H = c->H, E = c->E, P = c->pool == NN_POOL_MEANMAX ? 4 * H : 2 * H;
	int l, d, t, u, k, in = E;
	char name[32];

	for (t = 0; t < n; t++)
		for (u = 0; u < E; u++)
			x[t][u] = grp(m, "emb")[id[t] * E + u];
	for (l = 0; l < c->L; l++) {
		const float *wx, *bx, *wh;

		snprintf(name, sizeof(name), "l%d.wx", l + 1);
		wx = grp(m, name);
		snprintf(name, sizeof(name), "l%d.bx", l + 1);
		bx = grp(m, name);
		for (d = 0; d < 2; d++) {
			double h[MAXW] = { 0 }, cs[MAXW] = { 0 }, gt[4 * MAXW];

			snprintf(name, sizeof(name), "l%d.wh%c", l + 1, d ? 'b' : 'f');
			wh = grp(m, name);
			for (int step = 0; step < n; step++) {
				t = d ? n - 1 - step : step;
				for (k = 0; k < 4 * H; k++) {
					double a = bx[d * 4 * H + k];

					for (u = 0; u < in; u++)
						a += wx[((size_t)d * 4 * H + k) * in + u] * x[t][u];
					for (u = 0; u < H; u++)
						a += wh[(size_t)k * H + u] * h[u];
					gt[k] = a;
				}
				for (u = 0; u < H; u++) {
					cs[u] = sg(gt[H + u]) * cs[u] + sg(gt[u]) * tanh(gt[2 * H + u]);
					h[u] = sg(gt[3 * H + u]) * tanh(cs[u]);
					y[t][d * H + u] = h[u];
				}
			}
		}
		if (l == c->L - 1)
			break;
		snprintf(name, sizeof(name), "l%d.ln.g", l + 1);
		for (t = 0; t < n; t++) {
			layernorm(y[t], 2 * H, grp(m, name), grp(m, name) + 2 * H);
			memcpy(x[t], y[t], sizeof(y[t]));
		}
		in = 2 * H;
	}
	if (n > 0 && c->pool == NN_POOL_LAST)
		for (u = 0; u < H; u++) {
			v[u] = y[n - 1][u];
			v[H + u] = y[0][H + u];
		}
	if (n > 0 && c->pool != NN_POOL_LAST) {
		double *vm = c->pool == NN_POOL_MAX ? v : v + 2 * H;

		for (u = 0; u < 2 * H; u++) {
			vm[u] = y[0][u];
			for (t = 1; t < n; t++)
				vm[u] = fmax(vm[u], y[t][u]);
			if (c->pool == NN_POOL_MEANMAX) {
				for (s = 0, t = 0; t < n; t++)
					s += y[t][u];
				v[u] = s / n;
			}
		}
	}
	snprintf(name, sizeof(name), "l%d.ln.g", c->L);
	layernorm(v, P, grp(m, name), grp(m, name) + P);
	for (k = 0; k < c->D; k++) {
		double a = grp(m, "d1.b")[k];

		for (u = 0; u < P; u++)
			a += grp(m, "d1.w")[k * P + u] * v[u];
		h1[k] = a > 0 ? a : 0;
	}
	for (k = 0, mx = -1e300; k < K; k++) {
		z[k] = grp(m, "d2.b")[k];
		for (u = 0; u < c->D; u++)
			z[k] += grp(m, "d2.w")[k * c->D + u] * h1[u];
		mx = fmax(mx, z[k]);
	}
	for (k = 0, s = 0; k < K; k++)
		s += exp(z[k] - mx);
	for (k = 0; k < K; k++)
		prob[k] = exp(z[k] - mx) / s;
}

static struct nn *
net(int L, int pool, float drop)
{
	struct nn_config c = { 0 };
	struct nn *m;
	struct rng r;
	size_t off, n, i;
	int g, decay;

	c.V = V;
	c.T = T;
	c.K = K;
	c.E = 10;
	c.H = 6;
	c.L = L;
	c.D = 5;
	c.pool = pool;
	c.drop_emb = drop;
	c.drop_seq = c.drop_vec = c.drop_dense = drop;
	m = nn_new(&c, B);
	nn_init(m, 17 + L + pool);
	rng_seed(&r, 4);
	for (g = 0; nn_group(m, g, &off, &n, &decay); g++)
		if (!decay)
			for (i = 0; i < n; i++)
				m->param[off + i] += (float)(rng_uniform(&r) - 0.5);
	return m;
}

/* forward + backward; returns the loss, fills probs and a copy of grad */
static double
pass(struct nn *m, float *probs, float *grad, int train)
{
	double loss = nn_forward(m, B, ids, len, lab, probs, train, 77);

	nn_backward(m);
	memcpy(grad, m->grad, m->nparams * sizeof(float));
	return loss;
}

int
main(void)
{
	int L, pool, j, k, train;

	batch();
	for (L = 1; L <= 3; L++)
		for (pool = 0; pool < 3; pool++)
			for (train = 0; train < 2; train++) {
				struct nn *m = net(L, pool, train ? 0.25f : 0);
				struct nn_config bad = m->c;
				float pb[B * K], pn[B * K], p2[B * K];
				float *gb = xmalloc(m->nparams, sizeof(float));
				float *gn = xmalloc(m->nparams, sizeof(float));
				float *g2 = xmalloc(m->nparams, sizeof(float));
				double lb, ln, l2, worst = 0, scale = 0;
				size_t i;

				CHECK(nn_nparams(&m->c) == m->nparams);
				bad.L = 4;
				CHECK(nn_nparams(&bad) == 0);
				bad.L = L;
				bad.pool = 3;
				CHECK(nn_nparams(&bad) == 0);

				nn_set_threads(1);
				nn_set_blas(1);
				lb = pass(m, pb, gb, train);
				nn_set_blas(0);
				ln = pass(m, pn, gn, train);
				nn_set_blas(1);
				CHECKF(fabs(lb - ln) < 1e-4, "L=%d pool=%d: loss blas %g naive %g",
				    L, pool, lb, ln);
				for (j = 0; j < B * K; j++)
					CHECK(fabs(pb[j] - pn[j]) < 1e-5);
				for (i = 0; i < m->nparams; i++) {
					worst = fmax(worst, fabs(gb[i] - gn[i]));
					scale = fmax(scale, fabs(gn[i]));
				}
				CHECKF(worst <= 1e-4 * scale, "L=%d pool=%d train=%d: gradients differ by %g (largest %g)",
				    L, pool, train, worst, scale);

				/* two threads: bit-identical on repeat */
				nn_set_threads(2);
				l2 = pass(m, p2, g2, train);
				CHECKF(fabs(l2 - lb) < 1e-4, "two threads: loss %g, one: %g", l2, lb);
				pass(m, pb, gb, train);
				CHECK(memcmp(pb, p2, sizeof(pb)) == 0);
				CHECK(memcmp(gb, g2, m->nparams * sizeof(float)) == 0);
				nn_set_threads(1);

				/* the model as documented */
				if (!train)
					for (j = 0; j < B; j++) {
						double ref[K];

						reference(m, ids + j * T, len[j], ref);
						for (k = 0; k < K; k++)
							CHECKF(fabs(ref[k] - pn[j * K + k]) < 1e-5,
							    "L=%d pool=%d record %d: p%d %g, reference %g",
							    L, pool, j, k, pn[j * K + k], ref[k]);
					}
				free(gb);
				free(gn);
				free(g2);
				nn_free(m);
			}

	/* one, two and three threads (rows split for the large products, the
	 * LayerNorms and the embeddings, fixed blocks for the sums): the same
	 * bits, before and after a clipped Adam step */
	{
		enum { BB = 48, TT = 30 };
		struct nn_config c = { 0 };
		struct nn *m[3];
		uint32_t idb[BB * TT], lenb[BB];
		int32_t labb[BB];
		float pr[3][BB * K];
		double loss[3], norm[3];
		struct rng r;
		int th;

		c.V = 300;
		c.T = TT;
		c.K = K;
		c.E = 40;
		c.H = 32;
		c.L = 2;
		c.D = 16;
		c.drop_emb = c.drop_seq = c.drop_vec = c.drop_dense = 0.1f;
		rng_seed(&r, 21);
		for (j = 0; j < BB; j++) {
			lenb[j] = rng_below(&r, TT + 1);
			labb[j] = rng_below(&r, K);
			for (k = 0; k < TT; k++)
				idb[j * TT + k] = rng_below(&r, c.V);
		}
		for (th = 0; th < 3; th++) {
			nn_set_threads(th + 1);
			m[th] = nn_new(&c, BB);
			nn_init(m[th], 5);
			loss[th] = nn_forward(m[th], BB, idb, lenb, labb, pr[th], 1, 8);
			nn_backward(m[th]);
			norm[th] = nn_clip(m[th], 0.5);
			nn_adam(m[th], 1e-3, 0.9, 0.999, 1e-8, 0.01, 1);
		}
		nn_set_threads(1);
		for (th = 1; th < 3; th++) {
			CHECKF(loss[th] == loss[0], "%d threads: loss %.17g, one: %.17g",
			    th + 1, loss[th], loss[0]);
			CHECK(norm[th] == norm[0]);
			CHECK(memcmp(pr[th], pr[0], sizeof(pr[0])) == 0);
			CHECK(memcmp(m[th]->grad, m[0]->grad, m[0]->nparams * sizeof(float)) == 0);
			CHECK(memcmp(m[th]->param, m[0]->param, m[0]->nparams * sizeof(float)) == 0);
		}
		for (th = 0; th < 3; th++)
			nn_free(m[th]);
	}

	/* inference mode makes the projections CHUNK (16) steps at a time:
	 * the same probabilities from records longer than that */
	{
		static const uint32_t L5[5] = { 40, 17, 33, 0, 16 };
		struct nn_config c = { 0 };
		struct nn *m;
		uint32_t id5[5 * 40], len5[5];
		float p0[5 * K], p1[5 * K];
		struct rng r;
		int pool;

		c.V = V;
		c.T = 40;
		c.K = K;
		c.E = 7;
		c.H = 5;
		c.D = 4;
		rng_seed(&r, 9);
		for (j = 0; j < 5; j++) {
			len5[j] = L5[j];
			for (k = 0; k < 40; k++)
				id5[j * 40 + k] = k < (int)len5[j] ? rng_below(&r, V) : 0;
		}
		for (L = 1; L <= 3; L++)
			for (pool = 0; pool < 3; pool++) {
				c.L = L;
				c.pool = pool;
				m = nn_new(&c, 5);
				nn_init(m, 1);
				nn_forward(m, 5, id5, len5, NULL, p0, 0, 0);
				nn_set_inference(m, 1);
				nn_forward(m, 5, id5, len5, NULL, p1, 0, 0);
				CHECKF(memcmp(p0, p1, sizeof(p0)) == 0,
				    "L=%d pool=%d: inference differs", L, pool);
				nn_free(m);
			}
	}

	/* inference mode gives the same probabilities with less memory */
	{
		struct nn *m = net(2, NN_POOL_MEANMAX, 0);
		float p0[B * K], p1[B * K];

		nn_forward(m, B, ids, len, lab, p0, 0, 1);
		nn_set_inference(m, 1);
		CHECK(m->grad == NULL);
		nn_forward(m, B, ids, len, NULL, p1, 1, 1);
		CHECK(memcmp(p0, p1, sizeof(p0)) == 0);
		nn_set_inference(m, 0);
		nn_forward(m, B, ids, len, lab, p1, 0, 1);
		nn_backward(m);
		CHECK(memcmp(p0, p1, sizeof(p0)) == 0);
		nn_free(m);
	}
	return UNIT_DONE();
}
