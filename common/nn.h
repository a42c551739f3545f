/*
 * nn.h: the network.  Embedding -> L x (BiLSTM -> LayerNorm -> Dropout)
 * -> Dense+ReLU -> Dropout -> Dense -> softmax over K classes.
 * The last BiLSTM layer is reduced over time (its final states, or pooling,
 * see pool) before its LayerNorm; earlier layers keep the whole sequence.
 * Dimension names: B batch, T sequence length, V vocabulary, E embedding,
 * H hidden units per direction, D dense units, K classes.
 */
#ifndef RV_NN_H
#define RV_NN_H

#include <stddef.h>
#include <stdint.h>

enum nn_pool {
	NN_POOL_LAST = 0,	/* forward state at the last real word ++ backward state at the first */
	NN_POOL_MAX = 1,	/* max over real time steps of the (2H) outputs */
	NN_POOL_MEANMAX = 2,	/* mean ++ max over real time steps: 4H wide */
};

struct nn_config {
	int V, T, K;		/* from the tensors */
	int keep;		/* from the tensors: TENSOR_KEEP_* (rv-tokenize -k); not used here */
	int E, H, L, D;		/* sizes; 1 <= L <= 3 */
	int pool;		/* enum nn_pool */
	float drop_seq;		/* dropout after the LayerNorm of each non-last BiLSTM layer */
	float drop_vec;		/* dropout after the LayerNorm of the last BiLSTM layer */
	float drop_dense;	/* dropout after Dense+ReLU */
	float drop_emb;		/* dropout on the embedding outputs (0: none) */
};

struct nn {
	struct nn_config c;
	size_t nparams;
	float *param;		/* (nparams) one blob; layout is private to nn.c */
	float *grad;		/* (nparams) gradient of the batch's mean loss */
	float *adam_m, *adam_v;	/* (nparams) Adam moments */
	int maxB;
	void *priv;		/* activations and scratch for batches up to maxB */
};

/* Allocate a network for batches of up to maxB records.  Parameters are
 * zero.  Exits with a message on a configuration out of range. */
struct nn *nn_new(const struct nn_config *c, int maxB);
/* The parameters nn_new would give a network of configuration c, without
 * allocating anything; 0 for an L or pool nn_new refuses. */
size_t nn_nparams(const struct nn_config *c);
void nn_free(struct nn *m);
/* Initialise parameters deterministically from seed (Glorot/orthogonal-ish,
 * forget-gate bias 1, LayerNorm gain 1); zero the Adam moments. */
void nn_init(struct nn *m, uint64_t seed);

/*
 * Forward pass over B <= maxB records: ids (B,T) with true lengths len (B)
 * (ids past len[b] are padding and never enter the recurrence; len 0 is
 * allowed).  probs (B,K) receives the softmax.  With labels (B) the return
 * value is the SUM of cross-entropy losses over the batch (labels of -1 are
 * not allowed then); without labels it returns 0.  train != 0 applies
 * dropout with masks drawn from rng_hash01(seed, ...) by (record index in
 * the batch, step, unit), so the result does not depend on the threads;
 * give each batch its own seed.  train == 0 is inference.  probs may be
 * NULL.  A length above T or an id >= V exits with a message.
 */
double nn_forward(struct nn *m, int B, const uint32_t *ids, const uint32_t *len,
    const int32_t *labels, float *probs, int train, uint64_t seed);
/* Backward pass of the last nn_forward (which had labels and train set as
 * it had): writes m->grad = d(mean loss over the B records)/d(param). */
void nn_backward(struct nn *m);

/* Global L2 norm of m->grad; scale it to at most maxnorm when maxnorm > 0.
 * Returns the norm before clipping. */
double nn_clip(struct nn *m, double maxnorm);
/* One Adam step (t counts from 1) with decoupled weight decay wd (AdamW; 0 off). */
void nn_adam(struct nn *m, double lr, double b1, double b2, double eps, double wd, long t);

/* 1: BLAS path (default), 0: the naive reference loops.  For tests. */
void nn_set_blas(int on);
/* Threads for the network: the two directions of a layer run in two
 * threads, large products and elementwise loops are split by rows; OpenBLAS
 * itself is kept single-threaded.  Results are the same bits for any n. */
void nn_set_threads(int n);

/* Forward FLOPs per token (for reporting GFLOP/s): the BiLSTM matrix
 * products, plus the head's per-record products spread over T tokens.
 * Training costs about three times this. */
double nn_flops_per_token(const struct nn_config *c);

/*
 * Inference only (on != 0): forward passes keep no activations for
 * nn_backward, the layers share their buffers, and grad, adam_m and adam_v
 * are freed (NULL); train is then ignored.  Off again reallocates them as
 * zeros.  Activations then take about 4 N (max(E, 2H) + 2H + 2) bytes for
 * N = the most words in a batch (at most maxB T), plus 4 maxB (128H + 4H)
 * bytes; training keeps about 4 N (2 max(E, 2H) + 26H) bytes.
 */
void nn_set_inference(struct nn *m, int on);

/*
 * Parameter group i (0, 1, ... until NULL): its name ("emb", "l1.wx" (8H, in:
 * forward then backward), "l1.bx", "l1.whf", "l1.whb", "l1.ln.g", "l1.ln.b",
 * ..., "d1.w", "d1.b", "d2.w", "d2.b"), offset and count in the blob, and
 * whether nn_adam's weight decay applies to it (weight matrices only).
 */
const char *nn_group(const struct nn *m, int i, size_t *off, size_t *n, int *decay);

/* A hash of the last forward pass's discrete choices (the steps max
 * pooling picked, which ReLUs were active): the loss is smooth in the
 * parameters only while it stays the same.  For gradient checks. */
uint64_t nn_pattern(const struct nn *m);

#endif
