/* t_sgns: skip-gram vectors put words that share contexts together, leave
 * unseen ids alone, and are the same bits for the same seed. */
#include <math.h>
#include <string.h>

#include "rng.h"
#include "sgns.h"
#include "unit.h"
#include "util.h"

enum { N = 400, T = 12, V = 30, E = 16 };

static uint32_t ids[N * T], len[N];
static long rec[N];

/* Records are drawn from one of two topics: ids 2..9 or ids 10..17; ids
 * 18..29 never occur. */
static void
data(void)
{
	struct rng r;
	int j, t;

	rng_seed(&r, 5);
	for (j = 0; j < N; j++) {
		int base = j % 2 ? 10 : 2;

		rec[j] = j;
		len[j] = 4 + (uint32_t)rng_below(&r, T - 4);
		for (t = 0; t < T; t++)
			ids[j * T + t] = t < (int)len[j] ? base + (uint32_t)rng_below(&r, 8) : 0;
	}
}

static double
cosine(const float *e, int a, int b)
{
	double ab = 0, aa = 0, bb = 0;
	int k;

	for (k = 0; k < E; k++) {
		ab += (double)e[a * E + k] * e[b * E + k];
		aa += (double)e[a * E + k] * e[a * E + k];
		bb += (double)e[b * E + k] * e[b * E + k];
	}
	return ab / sqrt(aa * bb);
}

int
main(void)
{
	static float e1[V * E], e2[V * E];
	struct sgns_opts o;
	double same = 0, other = 0;
	int a, b, ns = 0, no = 0, i;
	size_t seen;

	data();
	memset(&o, 0, sizeof(o));
	o.epochs = 5;
	o.window = 3;
	o.neg = 3;
	o.lr = 0.05;
	o.sample = 0;
	o.seed = 9;
	for (i = 0; i < V * E; i++)
		e1[i] = e2[i] = 7;
	seen = sgns_train(e1, V, E, ids, T, len, rec, N, &o);
	CHECKF(seen == 16, "%zu ids seen", seen);
	/* unseen ids (0, 1, 18..29) keep their values */
	CHECK(e1[0] == 7 && e1[E] == 7 && e1[18 * E] == 7 && e1[V * E - 1] == 7);
	CHECK(e1[2 * E] != 7);
	for (a = 2; a < 18; a++)
		for (b = a + 1; b < 18; b++) {
			double c = cosine(e1, a, b);

			if ((a < 10) == (b < 10)) {
				same += c;
				ns++;
			} else {
				other += c;
				no++;
			}
		}
	same /= ns;
	other /= no;
	CHECKF(same > other + 0.3, "mean cosine within topics %.3f, across %.3f", same, other);
	sgns_train(e2, V, E, ids, T, len, rec, N, &o);
	CHECK(memcmp(e1, e2, sizeof(e1)) == 0);
	o.seed = 10;
	sgns_train(e2, V, E, ids, T, len, rec, N, &o);
	CHECK(memcmp(e1, e2, sizeof(e1)) != 0);
	/* subsampling runs and still separates */
	o.sample = 1e-2;
	for (i = 0; i < V * E; i++)
		e2[i] = 0;
	sgns_train(e2, V, E, ids, T, len, rec, N, &o);
	CHECK(cosine(e2, 2, 3) > cosine(e2, 2, 12));
	return UNIT_DONE();
}
