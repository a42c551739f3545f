/* sgns.h: word vectors by skip-gram with negative sampling, to start the
 * network's embedding from the training text's own word co-occurrences. */
#ifndef RV_SGNS_H
#define RV_SGNS_H

#include <stddef.h>
#include <stdint.h>

struct sgns_opts {
	int epochs;		/* passes over the records (>= 1) */
	int window;		/* most words on each side (>= 1); each center draws 1..window */
	int neg;		/* negative samples per pair (>= 1) */
	double lr;		/* starting rate, decayed linearly to lr / 10000 */
	double sample;		/* subsampling threshold of frequent words (0: none) */
	uint64_t seed;
};

/*
 * Train vectors of width E for the ids 0..V-1 on the records rec[0..n) of
 * ids (rows of T ids; record r has its first len[r] ids real) and write
 * them to emb (V, E), rows of ids that never occur left as they were.
 * Id 0 (padding) is never a word.  Deterministic for a given seed; single
 * threaded.  Returns the number of distinct ids that occurred.
 */
size_t sgns_train(float *emb, int V, int E, const uint32_t *ids, int T,
    const uint32_t *len, const long *rec, long n, const struct sgns_opts *o);

#endif
