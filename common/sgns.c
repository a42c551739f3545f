/*
 * sgns.c: skip-gram with negative sampling.  Each kept word predicts the
 * words around it: for a (word, context) pair the context's output vector
 * is pulled toward the word's input vector and neg words drawn from the
 * unigram distribution to the power 0.75 are pushed away.  The input
 * vectors are the result.
 */
#include "sgns.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "util.h"

#define NEG_TABLE (1 << 20)

/* The negative-sampling table: ids repeated in proportion to count^0.75. */
static uint32_t *
neg_table(const double *count, int V)
{
	uint32_t *t = xmalloc(NEG_TABLE, sizeof(uint32_t));
	double total = 0, cum = 0;
	int id, i = 0;

	for (id = 1; id < V; id++)
		total += pow(count[id], 0.75);
	for (id = 1; id < V && i < NEG_TABLE; id++) {
		if (count[id] == 0)
			continue;
		cum += pow(count[id], 0.75) / total;
		while (i < NEG_TABLE && (double)i / NEG_TABLE < cum)
			t[i++] = (uint32_t)id;
	}
	/* rounding may leave the last places: give them the last word */
	for (; i < NEG_TABLE; i++)
		t[i] = t[i - 1];
	return t;
}

/* One (word, target, label) update: returns nothing; adds the word's
 * vector change to acc. */
static void
pair(const float *in, float *out, float *acc, int E, float label, float lr)
{
	float dot = 0, g;
	int k;

	for (k = 0; k < E; k++)
		dot += in[k] * out[k];
	if (dot > 30)
		dot = 30;
	if (dot < -30)
		dot = -30;
	g = lr * (label - 1 / (1 + expf(-dot)));
	for (k = 0; k < E; k++) {
		acc[k] += g * out[k];
		out[k] += g * in[k];
	}
}

size_t
sgns_train(float *emb, int V, int E, const uint32_t *ids, int T,
    const uint32_t *len, const long *rec, long n, const struct sgns_opts *o)
{
	double *count = xcalloc((size_t)V, sizeof(double)), total = 0, done = 0, all;
	float *in = xmalloc((size_t)V * E, sizeof(float));
	float *out = xcalloc((size_t)V * E, sizeof(float));
	float *acc = xmalloc((size_t)E, sizeof(float));
	float *keep = xmalloc((size_t)V, sizeof(float));
	uint32_t *sent = xmalloc((size_t)T, sizeof(uint32_t)), *neg;
	struct rng g;
	size_t seen = 0;
	long r;
	int ep, id, k;

	for (r = 0; r < n; r++) {
		const uint32_t *w = ids + (size_t)rec[r] * T;
		uint32_t t;

		for (t = 0; t < len[rec[r]]; t++)
			if (w[t] > 0 && w[t] < (uint32_t)V) {
				count[w[t]]++;
				total++;
			}
	}
	if (total == 0)
		goto out;
	rng_seed(&g, o->seed);
	for (id = 0; id < V; id++) {
		double f = count[id], th = o->sample * total;

		seen += f > 0;
		keep[id] = o->sample > 0 && f > th ? (float)(sqrt(th / f) + th / f) : 1;
		for (k = 0; k < E; k++)
			in[(size_t)id * E + k] = (float)((rng_uniform(&g) - 0.5) / E);
	}
	neg = neg_table(count, V);
	all = total * o->epochs;
	for (ep = 0; ep < o->epochs; ep++) {
		for (r = 0; r < n; r++) {
			const uint32_t *w = ids + (size_t)rec[r] * T;
			int m = 0, i, j;
			float lr = (float)(o->lr * (1 - done / all));

			if (lr < o->lr * 1e-4)
				lr = (float)(o->lr * 1e-4);
			for (i = 0; i < (int)len[rec[r]]; i++) {
				uint32_t x = w[i];

				if (x == 0 || x >= (uint32_t)V)
					continue;
				done++;
				if (keep[x] < 1 && rng_uniform(&g) >= keep[x])
					continue;
				sent[m++] = x;
			}
			for (i = 0; i < m; i++) {
				int b = 1 + (int)rng_below(&g, (uint64_t)o->window);

				for (j = i - b; j <= i + b; j++) {
					float *v;
					int s;

					if (j < 0 || j >= m || j == i)
						continue;
					v = in + (size_t)sent[j] * E;
					memset(acc, 0, (size_t)E * sizeof(float));
					pair(v, out + (size_t)sent[i] * E, acc, E, 1, lr);
					for (s = 0; s < o->neg; s++) {
						uint32_t z = neg[rng_below(&g, NEG_TABLE)];

						if (z == sent[i])
							continue;
						pair(v, out + (size_t)z * E, acc, E, 0, lr);
					}
					for (k = 0; k < E; k++)
						v[k] += acc[k];
				}
			}
		}
	}
	for (id = 0; id < V; id++)
		if (count[id] > 0)
			memcpy(emb + (size_t)id * E, in + (size_t)id * E, (size_t)E * sizeof(float));
	free(neg);
out:
	free(count);
	free(in);
	free(out);
	free(acc);
	free(keep);
	free(sent);
	return seen;
}
