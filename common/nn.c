/*
 * nn.c: the network of nn.h, forward and backward, on OpenBLAS.
 *
 * Packed time-major layout.  A batch is sorted by length, longest first
 * (ties by batch index), so the records still running at step t are a
 * prefix j < bt[t] of the sorted order.  Step t's rows are stored together
 * at rows off[t] .. off[t] + bt[t] - 1 of every per-token buffer, and only
 * real words have rows: N = sum of the lengths.  So one sgemm computes the
 * input projections of every step, one sgemm per step the recurrence, and
 * padding is never touched.  Threads: see par_run.  The backward direction runs over the same
 * rows from t = len-1 down to 0: at step t its previous state is row j of
 * step t+1 when j < bt[t+1], else zero.
 *
 * Parameters, in blob order (weights stored (out, in), gates i f g o):
 *	emb			(V, E)
 *	per layer l, in = E for the first, 2H after:
 *	  wx			(8H, in)   forward direction's 4H rows, then backward's
 *	  bx			(8H)
 *	  whf, whb		(4H, H) each
 *	  ln gain, ln bias	(W) each; W = 2H, or P for the last layer
 *	w1 (D, P), b1 (D), w2 (K, D), b2 (K)
 * P is 2H for NN_POOL_LAST and NN_POOL_MAX, 4H for NN_POOL_MEANMAX.
 */
#include "nn.h"

#include <cblas.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "rng.h"
#include "util.h"

#define LN_EPS 1e-5f
#define CHUNK 16	/* steps per input projection sgemm in inference mode */
/*
 * OpenBLAS computes the rows of a product in tiles (12 or 24 rows with the
 * Haswell and Zen kernels), and a row in the short last tile is rounded
 * differently from the same row in a full one.  So a product split by rows
 * is split at multiples of ROWALIGN, where every row keeps the tile it has
 * in the whole product: the results do not depend on the thread count or
 * on inference mode's chunks.
 */
#define ROWALIGN 96
#define LNBLOCK 64	/* rows per partial sum of the LayerNorm gradients */
#define CLIPBLOCK 65536	/* parameters per partial sum of the gradient norm */

/* Dropout sites: the high bits of the first hash index. */
enum { SITE_EMB = 1, SITE_SEQ = 2, SITE_VEC = 6, SITE_DENSE = 7 };

static int use_blas = 1;	/* nn_set_blas */
static int nthreads = 1;	/* nn_set_threads */

/* Per-direction work for one layer, handed to a thread. */
struct dirjob {
	struct nn *m;
	int l, d;
	void (*fn)(struct dirjob *);
};

struct priv {
	/* parameter offsets into the blob */
	size_t emb, wx[3], bx[3], wh[3][2], lng[3], lnb[3], w1, b1, w2, b2;
	size_t goff[24], gn[24];	/* groups (1 + 6L + 4): offset, count */
	int gdecay[24], ngroups;
	const char *gname[24];
	int in[3];		/* input width of layer l */
	int P;			/* pooled width */
	int inference;		/* nn_set_inference */

	/* the last forward pass */
	int B, Tmax, N, train, labelled, ready;
	uint64_t seed;
	int *perm;		/* (maxB) sorted position -> batch index */
	int *len;		/* (maxB) sorted lengths */
	int *lab;		/* (maxB) sorted labels */
	int *bt, *off;		/* (T+1) rows active at step t, first row of step t */

	/* per packed row: cap rows */
	size_t cap;
	uint32_t *tok;		/* (cap) token id */
	uint32_t *ri;		/* (cap) record * T + step: where the row comes from */
	float *lnp;		/* (cap / LNBLOCK + 1, 4H) LayerNorm gradient partial sums */
	float *x0;		/* (cap, max(E, 2H)) embeddings after dropout */
	unsigned char *m0;	/* (cap, E) embedding dropout mask */
	float *g[3];		/* (cap, 8H) gates (activated) forward then backward */
	float *c[3];		/* (cap, 2H) cell states, forward | backward */
	float *y[3];		/* (cap, 2H) hidden states, forward | backward */
	float *xn[3];		/* (cap, 2H) dropout(LayerNorm(y)): next layer's input */
	float *mu[3], *rs[3];	/* (cap) LayerNorm mean, 1/std */
	unsigned char *mk[3];	/* (cap, 2H) dropout mask */
	float *dg;		/* (cap, 8H) gradient of the gate pre-activations */
	float *dy;		/* (cap, 2H) gradient of y */
	float *dx;		/* (cap, max(E, 2H)) gradient of a layer's input */
	float *hp;		/* (cap, 2H) previous recurrent state of each row */

	/* per record: maxB rows, sorted order */
	float *v;		/* (maxB, P) pooled */
	int *arg;		/* (maxB, 2H) step of the max */
	float *vmu, *vrs;	/* (maxB) */
	float *a1;		/* (maxB, P) dropout(LayerNorm(v)) */
	unsigned char *m1;	/* (maxB, P) */
	float *h1;		/* (maxB, D) relu(a1 w1' + b1) */
	float *a2;		/* (maxB, D) dropout(h1) */
	unsigned char *m2;	/* (maxB, D) */
	float *pr;		/* (maxB, K) softmax */
	float *dl;		/* (maxB, K) gradient of the logits */
	float *da;		/* (maxB, max(P, D)) scratch gradient */
	float *db;		/* (maxB, max(P, D)) scratch gradient */
	float *dh[2], *dc[2];	/* (maxB, H) per direction: dh from the recurrence, dc */

	/* inference mode only */
	float *gc[2];		/* (CHUNK maxB, 4H) per direction: projections of CHUNK steps */
	float *cc;		/* (2 maxB, 2H) cell states of two steps, by parity */
};

/* ---- matrix products ---- */

/*
 * C(M,N) = alpha op(A) op(B) + beta C, row-major, op(X) = X or Xᵀ, as
 * cblas_sgemm.  The naive loops (nn_set_blas(0)) are the reference.
 */
static void
mm(int ta, int tb, int M, int N, int K, float alpha, const float *A, int lda,
    const float *B, int ldb, float beta, float *C, int ldc)
{
	int i, j, k;

	if (M <= 0 || N <= 0)
		return;
	if (use_blas && K > 0) {
		cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans,
		    tb ? CblasTrans : CblasNoTrans, M, N, K, alpha, A, lda,
		    B, ldb, beta, C, ldc);
		return;
	}
	for (i = 0; i < M; i++)
		for (j = 0; j < N; j++) {
			double s = 0;

			for (k = 0; k < K; k++)
				s += (double)(ta ? A[(size_t)k * lda + i] : A[(size_t)i * lda + k]) *
				    (tb ? B[(size_t)j * ldb + k] : B[(size_t)k * ldb + j]);
			C[(size_t)i * ldc + j] = (float)(alpha * s +
			    (beta == 0 ? 0 : (double)beta * C[(size_t)i * ldc + j]));
		}
}

/* ---- threads ---- */

/*
 * OpenBLAS always runs single-threaded here; the parallelism is ours:
 * the two directions of a layer run in two threads, and the large
 * products are split by rows.  Each part writes its own memory and the
 * split depends only on the thread count, so results do not depend on
 * scheduling.  (OpenBLAS's own threads would also spin on the cores the
 * direction threads need.)
 */
#define MAXTHREADS 64

struct part {
	void (*fn)(void *arg, int part, int nparts);
	void *arg;
	int part, nparts;
};

static void *
part_thread(void *a)
{
	struct part *p = a;

	p->fn(p->arg, p->part, p->nparts);
	return NULL;
}

/* fn(arg, k, n) for k < n, in n threads (the caller runs part 0). */
static void
par_run(int n, void (*fn)(void *, int, int), void *arg)
{
	struct part ps[MAXTHREADS];
	pthread_t th[MAXTHREADS];
	int k, started[MAXTHREADS];

	if (n > MAXTHREADS)
		n = MAXTHREADS;
	for (k = 1; k < n; k++) {
		ps[k] = (struct part){ fn, arg, k, n };
		started[k] = pthread_create(&th[k], NULL, part_thread, &ps[k]) == 0;
	}
	fn(arg, 0, n);
	for (k = 1; k < n; k++)
		if (started[k])
			pthread_join(th[k], NULL);
		else
			fn(arg, k, n);
}

static void
dir_part(void *arg, int part, int nparts)
{
	struct dirjob *j = arg;

	if (nparts == 1) {
		j[0].fn(&j[0]);
		j[1].fn(&j[1]);
	} else {
		j[part].fn(&j[part]);
	}
}

/* Run fn on both directions of layer l, in two threads when allowed. */
static void
run_dirs(struct nn *m, int l, void (*fn)(struct dirjob *))
{
	struct dirjob j[2] = { { m, l, 0, fn }, { m, l, 1, fn } };

	par_run(nthreads > 1 ? 2 : 1, dir_part, j);
}

struct mmjob {
	int ta, tb, M, N, K;
	float alpha;
	const float *A;
	int lda;
	const float *B;
	int ldb;
	float beta;
	float *C;
	int ldc;
};

static void
mm_part(void *arg, int part, int nparts)
{
	const struct mmjob *j = arg;
	long nb = (j->M + ROWALIGN - 1) / ROWALIGN;
	int r0 = (int)(ROWALIGN * (nb * part / nparts)), r1 = (int)(ROWALIGN * (nb * (part + 1) / nparts));

	if (r1 > j->M)
		r1 = j->M;
	if (r0 >= r1)
		return;

	mm(j->ta, j->tb, r1 - r0, j->N, j->K, j->alpha,
	    j->A + (size_t)r0 * (j->ta ? 1 : j->lda), j->lda, j->B, j->ldb,
	    j->beta, j->C + (size_t)r0 * j->ldc, j->ldc);
}

/* mm with the rows of C split among the threads (large products only). */
static void
mm_par(int ta, int tb, int M, int N, int K, float alpha, const float *A, int lda,
    const float *B, int ldb, float beta, float *C, int ldc)
{
	struct mmjob j = { ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc };
	int n = nthreads;

	if ((double)M * N * K < 4e6 || M < 2 * ROWALIGN * n)
		n = 1;
	par_run(n, mm_part, &j);
}

struct itemjob {
	void (*fn)(struct nn *m, void *arg, size_t i0, size_t i1);
	struct nn *m;
	void *arg;
	size_t n;
};

static void
items_part(void *a, int part, int nparts)
{
	const struct itemjob *j = a;
	size_t i0 = j->n * part / nparts, i1 = j->n * (part + 1) / nparts;

	if (i1 > i0)
		j->fn(j->m, j->arg, i0, i1);
}

/* fn(m, arg, i0, i1) over items [0, n), split among the threads when
 * each gets at least `least` items; fn must write disjoint memory. */
static void
par_items(struct nn *m, size_t n, size_t least, void (*fn)(struct nn *, void *, size_t, size_t),
    void *arg)
{
	struct itemjob j = { fn, m, arg, n };
	int k = nthreads;

	while (k > 1 && n / k < least)
		k--;
	par_run(k, items_part, &j);
}

void
nn_set_blas(int on)
{
	use_blas = on != 0;
}

void
nn_set_threads(int n)
{
	nthreads = n < 1 ? 1 : n > MAXTHREADS ? MAXTHREADS : n;
	openblas_set_num_threads(1);
}

/* ---- layout ---- */

static void
group(struct priv *p, size_t *at, size_t *off, size_t n, const char *name, int decay)
{
	*off = *at;
	p->goff[p->ngroups] = *at;
	p->gn[p->ngroups] = n;
	p->gname[p->ngroups] = name;
	p->gdecay[p->ngroups] = decay;
	p->ngroups++;
	*at += n;
}

static size_t
layout(struct priv *p, const struct nn_config *c)
{
	static const char *names[3][6] = {
		{ "l1.wx", "l1.bx", "l1.whf", "l1.whb", "l1.ln.g", "l1.ln.b" },
		{ "l2.wx", "l2.bx", "l2.whf", "l2.whb", "l2.ln.g", "l2.ln.b" },
		{ "l3.wx", "l3.bx", "l3.whf", "l3.whb", "l3.ln.g", "l3.ln.b" },
	};
	size_t at = 0, H = c->H, w;
	int l;

	p->P = c->pool == NN_POOL_MEANMAX ? 4 * c->H : 2 * c->H;
	group(p, &at, &p->emb, (size_t)c->V * c->E, "emb", 1);
	for (l = 0; l < c->L; l++) {
		p->in[l] = l == 0 ? c->E : 2 * c->H;
		w = l == c->L - 1 ? (size_t)p->P : 2 * H;
		group(p, &at, &p->wx[l], 8 * H * p->in[l], names[l][0], 1);
		group(p, &at, &p->bx[l], 8 * H, names[l][1], 0);
		group(p, &at, &p->wh[l][0], 4 * H * H, names[l][2], 1);
		group(p, &at, &p->wh[l][1], 4 * H * H, names[l][3], 1);
		group(p, &at, &p->lng[l], w, names[l][4], 0);
		group(p, &at, &p->lnb[l], w, names[l][5], 0);
	}
	group(p, &at, &p->w1, (size_t)c->D * p->P, "d1.w", 1);
	group(p, &at, &p->b1, c->D, "d1.b", 0);
	group(p, &at, &p->w2, (size_t)c->K * c->D, "d2.w", 1);
	group(p, &at, &p->b2, c->K, "d2.b", 0);
	return at;
}

const char *
nn_group(const struct nn *m, int i, size_t *off, size_t *n, int *decay)
{
	const struct priv *p = m->priv;

	if (i < 0 || i >= p->ngroups)
		return NULL;
	if (off)
		*off = p->goff[i];
	if (n)
		*n = p->gn[i];
	if (decay)
		*decay = p->gdecay[i];
	return p->gname[i];
}

/* ---- allocation ---- */

/*
 * Zeroed float arrays of n for the training state (gradient, Adam moments),
 * from mmap: page-aligned, and zero without being written, so a network
 * made for inference (which drops them at once) never touches their pages.
 */
static float *
zalloc(size_t n)
{
	void *q;

	if (n > ((size_t)-1) / sizeof(float) - 1)
		rv_die(1, "nn: allocation of %zu floats overflows", n);
	q = mmap(NULL, (n ? n : 1) * sizeof(float), PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (q == MAP_FAILED)
		rv_die(1, "nn: out of memory (%zu floats)", n);
	return q;
}

static void
zfree(float *q, size_t n)
{
	if (q)
		munmap(q, (n ? n : 1) * sizeof(float));
}

static void *
amalloc(size_t n, size_t size)
{
	void *q;
	size_t bytes;

	if (size && n > ((size_t)-1 - 63) / size)
		rv_die(1, "nn: allocation of %zu x %zu bytes overflows", n, size);
	bytes = (n * size + 63) / 64 * 64;
	if (bytes == 0)
		bytes = 64;
	q = aligned_alloc(64, bytes);
	if (!q)
		rv_die(1, "nn: out of memory (%zu bytes)", bytes);
	return q;
}

static void
row_free(struct priv *p)
{
	int l;

	free(p->tok);
	free(p->ri);
	free(p->lnp);
	free(p->x0);
	free(p->m0);
	free(p->dg);
	free(p->dy);
	free(p->dx);
	free(p->hp);
	for (l = 0; l < 3; l++) {
		free(p->g[l]);
		free(p->c[l]);
		/* in inference mode the layers share one y and one set of stats */
		if (l == 0 || !p->inference) {
			free(p->y[l]);
			free(p->mu[l]);
			free(p->rs[l]);
		}
		if (!p->inference) {
			free(p->xn[l]);
			free(p->mk[l]);
		}
	}
	p->tok = p->ri = NULL;
	p->lnp = NULL;
	p->x0 = NULL;
	p->m0 = NULL;
	p->dg = p->dy = p->dx = p->hp = NULL;
	for (l = 0; l < 3; l++) {
		p->g[l] = p->c[l] = p->y[l] = p->xn[l] = p->mu[l] = p->rs[l] = NULL;
		p->mk[l] = NULL;
	}
	p->cap = 0;
}

/*
 * Make the per-row buffers hold N rows (grown, never shrunk).  Inference
 * keeps only the embeddings (overwritten by each layer's output for the
 * next) and one y: about 4 (max(E, 2H) + 2H + 2) bytes a row.
 */
static void
row_alloc(struct nn *m, size_t N)
{
	struct priv *p = m->priv;
	const struct nn_config *c = &m->c;
	size_t H = c->H, E = c->E, wx = E > 2 * H ? E : 2 * H;
	int l, L = c->L;

	if (N <= p->cap && p->cap > 0)
		return;
	row_free(p);
	/* a quarter more, so that growing batches do not reallocate often */
	N += N / 4;
	if (N > (size_t)m->maxB * c->T)
		N = (size_t)m->maxB * c->T;
	if (N < 1)
		N = 1;
	p->cap = N;
	p->tok = amalloc(N, sizeof(uint32_t));
	p->ri = amalloc(N, sizeof(uint32_t));
	p->x0 = amalloc(N * wx, sizeof(float));
	for (l = 0; l < L; l++) {
		if (p->inference && l > 0) {
			p->y[l] = p->y[0];
			p->mu[l] = p->mu[0];
			p->rs[l] = p->rs[0];
			p->xn[l - 1] = p->x0;
			continue;
		}
		p->y[l] = amalloc(N * 2 * H, sizeof(float));
		p->mu[l] = amalloc(N, sizeof(float));
		p->rs[l] = amalloc(N, sizeof(float));
		if (p->inference)
			continue;
		p->g[l] = amalloc(N * 8 * H, sizeof(float));
		p->c[l] = amalloc(N * 2 * H, sizeof(float));
	}
	if (p->inference)
		return;
	p->m0 = amalloc(N * E, 1);
	for (l = 0; l + 1 < L; l++) {
		p->xn[l] = amalloc(N * 2 * H, sizeof(float));
		p->mk[l] = amalloc(N * 2 * H, 1);
	}
	p->dg = amalloc(N * 8 * H, sizeof(float));
	p->dy = amalloc(N * 2 * H, sizeof(float));
	p->dx = amalloc(N * wx, sizeof(float));
	p->hp = amalloc(N * 2 * H, sizeof(float));
	p->lnp = amalloc((N / LNBLOCK + 1) * 4 * H, sizeof(float));
}

size_t
nn_nparams(const struct nn_config *c)
{
	struct priv p;

	if (c->L < 1 || c->L > 3 || c->pool < NN_POOL_LAST || c->pool > NN_POOL_MEANMAX)
		return 0;
	memset(&p, 0, sizeof(p));
	return layout(&p, c);
}

struct nn *
nn_new(const struct nn_config *c, int maxB)
{
	struct nn *m;
	struct priv *p;
	size_t H, T, Q, R;

	if (c->L < 1 || c->L > 3 || c->V < 1 || c->T < 1 || c->K < 1 || c->E < 1 ||
	    c->H < 1 || c->D < 1 || maxB < 1 || c->pool < NN_POOL_LAST ||
	    c->pool > NN_POOL_MEANMAX)
		rv_die(1, "nn: bad configuration");
	openblas_set_num_threads(1);	/* see par_run */
	m = xcalloc(1, sizeof(*m));
	p = xcalloc(1, sizeof(*p));
	m->c = *c;
	m->maxB = maxB;
	m->priv = p;
	m->nparams = layout(p, c);
	m->param = amalloc(m->nparams, sizeof(float));
	m->grad = zalloc(m->nparams);
	m->adam_m = zalloc(m->nparams);
	m->adam_v = zalloc(m->nparams);
	memset(m->param, 0, m->nparams * sizeof(float));

	H = c->H;
	T = c->T;
	Q = p->P > c->D ? (size_t)p->P : (size_t)c->D;
	R = maxB;
	p->perm = xcalloc(R, sizeof(int));
	p->len = xcalloc(R, sizeof(int));
	p->lab = xcalloc(R, sizeof(int));
	p->bt = xcalloc(T + 2, sizeof(int));
	p->off = xcalloc(T + 2, sizeof(int));
	p->v = amalloc(R * p->P, sizeof(float));
	p->arg = amalloc(R * 2 * H, sizeof(int));
	p->vmu = amalloc(R, sizeof(float));
	p->vrs = amalloc(R, sizeof(float));
	p->a1 = amalloc(R * p->P, sizeof(float));
	p->m1 = amalloc(R * p->P, 1);
	p->h1 = amalloc(R * c->D, sizeof(float));
	p->a2 = amalloc(R * c->D, sizeof(float));
	p->m2 = amalloc(R * c->D, 1);
	p->pr = amalloc(R * c->K, sizeof(float));
	p->dl = amalloc(R * c->K, sizeof(float));
	p->da = amalloc(R * Q, sizeof(float));
	p->db = amalloc(R * Q, sizeof(float));
	p->dh[0] = amalloc(R * H, sizeof(float));
	p->dh[1] = amalloc(R * H, sizeof(float));
	p->dc[0] = amalloc(R * H, sizeof(float));
	p->dc[1] = amalloc(R * H, sizeof(float));
	return m;
}

void
nn_set_inference(struct nn *m, int on)
{
	struct priv *p = m->priv;

	if ((on != 0) == p->inference)
		return;
	row_free(p);
	p->inference = on != 0;
	p->ready = 0;
	free(p->gc[0]);
	free(p->gc[1]);
	free(p->cc);
	p->gc[0] = p->gc[1] = p->cc = NULL;
	if (p->inference) {
		size_t H = m->c.H, R = (size_t)m->maxB;

		/* a chunk's rows, widened to multiples of ROWALIGN at both ends */
		p->gc[0] = amalloc((CHUNK * R + 2 * ROWALIGN) * 4 * H, sizeof(float));
		p->gc[1] = amalloc((CHUNK * R + 2 * ROWALIGN) * 4 * H, sizeof(float));
		p->cc = amalloc(2 * R * 2 * H, sizeof(float));
		zfree(m->grad, m->nparams);
		zfree(m->adam_m, m->nparams);
		zfree(m->adam_v, m->nparams);
		m->grad = m->adam_m = m->adam_v = NULL;
	} else {
		m->grad = zalloc(m->nparams);
		m->adam_m = zalloc(m->nparams);
		m->adam_v = zalloc(m->nparams);
	}
}

void
nn_free(struct nn *m)
{
	struct priv *p;

	if (!m)
		return;
	p = m->priv;
	row_free(p);
	free(p->perm);
	free(p->len);
	free(p->lab);
	free(p->bt);
	free(p->off);
	free(p->v);
	free(p->arg);
	free(p->vmu);
	free(p->vrs);
	free(p->a1);
	free(p->m1);
	free(p->h1);
	free(p->a2);
	free(p->m2);
	free(p->pr);
	free(p->dl);
	free(p->da);
	free(p->db);
	free(p->dh[0]);
	free(p->dh[1]);
	free(p->dc[0]);
	free(p->dc[1]);
	free(p->gc[0]);
	free(p->gc[1]);
	free(p->cc);
	free(p);
	free(m->param);
	zfree(m->grad, m->nparams);
	zfree(m->adam_m, m->nparams);
	zfree(m->adam_v, m->nparams);
	free(m);
}

/* ---- initialisation ---- */

static void
uniform(struct rng *r, float *w, size_t n, double lim)
{
	size_t i;

	for (i = 0; i < n; i++)
		w[i] = (float)((2 * rng_uniform(r) - 1) * lim);
}

/* w (4H, H): each H x H gate block is an orthogonal matrix (Gram-Schmidt
 * over the rows of normal samples, in double). */
static void
orthogonal(struct rng *r, float *w, int H)
{
	double *a = xmalloc((size_t)H * H, sizeof(double)), s, *ak, *aj;
	int blk, i, j, k;

	for (blk = 0; blk < 4; blk++) {
		for (i = 0; i < H * H; i++)
			a[i] = rng_normal(r);
		for (k = 0; k < H; k++) {
			ak = a + (size_t)k * H;
			for (j = 0; j < k; j++) {
				aj = a + (size_t)j * H;
				for (s = 0, i = 0; i < H; i++)
					s += ak[i] * aj[i];
				for (i = 0; i < H; i++)
					ak[i] -= s * aj[i];
			}
			for (s = 0, i = 0; i < H; i++)
				s += ak[i] * ak[i];
			s = s > 1e-300 ? 1 / sqrt(s) : 0;
			for (i = 0; i < H; i++)
				ak[i] *= s;
		}
		for (i = 0; i < H * H; i++)
			w[(size_t)blk * H * H + i] = (float)a[i];
	}
	free(a);
}

void
nn_init(struct nn *m, uint64_t seed)
{
	struct priv *p = m->priv;
	const struct nn_config *c = &m->c;
	float *w = m->param;
	struct rng r;
	int l, d, H = c->H, u;
	size_t wd;

	rng_seed(&r, seed);
	memset(w, 0, m->nparams * sizeof(float));
	uniform(&r, w + p->emb, (size_t)c->V * c->E, 0.05);
	for (l = 0; l < c->L; l++) {
		/* Glorot over the (in, 4H) kernel of each direction */
		uniform(&r, w + p->wx[l], (size_t)8 * H * p->in[l],
		    sqrt(6.0 / (p->in[l] + 4.0 * H)));
		for (d = 0; d < 2; d++) {
			orthogonal(&r, w + p->wh[l][d], H);
			for (u = 0; u < H; u++)
				w[p->bx[l] + (size_t)d * 4 * H + H + u] = 1;
		}
		wd = l == c->L - 1 ? (size_t)p->P : 2 * (size_t)H;
		for (size_t i = 0; i < wd; i++)
			w[p->lng[l] + i] = 1;
	}
	uniform(&r, w + p->w1, (size_t)c->D * p->P, sqrt(6.0 / (p->P + c->D)));
	uniform(&r, w + p->w2, (size_t)c->K * c->D, sqrt(6.0 / (c->D + c->K)));
	if (m->adam_m) {
		memset(m->adam_m, 0, m->nparams * sizeof(float));
		memset(m->adam_v, 0, m->nparams * sizeof(float));
	}
}

/* ---- elementwise kernels ---- */

/*
 * The gate nonlinearities work on 8 floats at a time (GCC vector
 * extensions: AVX on machines that have it, pairs of SSE registers
 * otherwise) with one exp approximation (Cephes' expf polynomial, about
 * 1 ulp), so a row's result does not depend on where it sits.
 *	σ(x) = 1 / (1 + e^-x),  tanh(x) = 2 σ(2x) - 1
 */
typedef float v8f __attribute__((vector_size(32)));
typedef int32_t v8i __attribute__((vector_size(32)));

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define VEC_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define VEC_CLONES
#endif
/* Vectors pass by pointer only: passing them by value would change the
 * ABI between the AVX and the plain clones. */
#define INLINE static inline __attribute__((always_inline))

/* v = p[0 .. k-1], zeros after */
INLINE void
ld8(v8f *v, const float *p, int k)
{
	if (k < 8)
		memset(v, 0, sizeof(*v));
	memcpy(v, p, (size_t)k * sizeof(float));
}

INLINE void
st8(float *p, const v8f *v, int k)
{
	memcpy(p, v, (size_t)k * sizeof(float));
}

/* *x = e^x */
INLINE void
exp8(v8f *px)
{
	v8f x = *px, k, p, hi = { 0 }, lo = { 0 };
	v8i m, ki;

	hi = hi + 88.0f;
	lo = lo - 87.0f;
	m = x > hi;
	x = (v8f)((m & (v8i)hi) | (~m & (v8i)x));
	m = x < lo;
	x = (v8f)((m & (v8i)lo) | (~m & (v8i)x));
	/* k = round(x / ln 2), x = x - k ln 2 in two parts */
	k = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
	x = x - k * 0.693359375f;
	x = x - k * -2.12194440e-4f;
	p = x * 1.9875691500e-4f + 1.3981999507e-3f;
	p = p * x + 8.3334519073e-3f;
	p = p * x + 4.1665795894e-2f;
	p = p * x + 1.6666665459e-1f;
	p = p * x + 5.0000001201e-1f;
	p = p * x * x + x + 1.0f;
	ki = __builtin_convertvector(k, v8i);
	*px = p * (v8f)((ki + 127) << 23);
}

/* *x = σ(*x) */
INLINE void
sigm8(v8f *x)
{
	v8f e = -*x;

	exp8(&e);
	*x = 1.0f / (1.0f + e);
}

/* *x = tanh(*x) */
INLINE void
tanh8(v8f *x)
{
	v8f e = -2.0f * *x;

	exp8(&e);
	*x = 2.0f / (1.0f + e) - 1.0f;
}

/* Lanes u .. u+k-1 of one row of cell_fwd (below). */
INLINE void
cell_fwd8(float *gj, const float *b, const float *cpj, float *cj, float *yj,
    int H, int u, int k)
{
	v8f i, f, gg, o, t, cc;

	ld8(&i, gj + u, k);
	ld8(&t, b + u, k);
	i = i + t;
	ld8(&f, gj + H + u, k);
	ld8(&t, b + H + u, k);
	f = f + t;
	ld8(&gg, gj + 2 * H + u, k);
	ld8(&t, b + 2 * H + u, k);
	gg = gg + t;
	ld8(&o, gj + 3 * H + u, k);
	ld8(&t, b + 3 * H + u, k);
	o = o + t;
	sigm8(&i);
	sigm8(&f);
	tanh8(&gg);
	sigm8(&o);
	cc = i * gg;
	if (cpj) {
		ld8(&t, cpj + u, k);
		cc = cc + f * t;
	}
	st8(gj + u, &i, k);
	st8(gj + H + u, &f, k);
	st8(gj + 2 * H + u, &gg, k);
	st8(gj + 3 * H + u, &o, k);
	st8(cj + u, &cc, k);
	tanh8(&cc);
	cc = o * cc;
	st8(yj + u, &cc, k);
}

/*
 * One LSTM step for n rows: g (n, ld lg) holds x wxᵀ + h whᵀ (no bias) and
 * receives the activations i f g o; cp (rows < np, ld 2H) is the previous
 * cell state (zero for rows >= np); c, y (ld 2H) receive c and h:
 *	i = σ(.), f = σ(.), g = tanh(.), o = σ(.)
 *	c = f cp + i g, h = o tanh(c)
 */
VEC_CLONES static void
cell_fwd(int n, int H, float *g, int lg, const float *b, const float *cp, int np,
    float *c, float *y)
{
	int j, u;

	for (j = 0; j < n; j++) {
		float *gj = g + (size_t)j * lg, *cj = c + (size_t)j * 2 * H;
		float *yj = y + (size_t)j * 2 * H;
		const float *cpj = j < np ? cp + (size_t)j * 2 * H : NULL;

		for (u = 0; u + 8 <= H; u += 8)
			cell_fwd8(gj, b, cpj, cj, yj, H, u, 8);
		if (u < H)
			cell_fwd8(gj, b, cpj, cj, yj, H, u, H - u);
	}
}

/* Lanes u .. u+k-1 of one row of cell_bwd (below). */
INLINE void
cell_bwd8(const float *gj, const float *cj, const float *cpj, const float *dyj,
    const float *dhj, float *dcj, float *dgj, float *db, int H, int u, int k)
{
	v8f i, f, gg, o, tc, h, t, dcc, p, d;

	ld8(&i, gj + u, k);
	ld8(&f, gj + H + u, k);
	ld8(&gg, gj + 2 * H + u, k);
	ld8(&o, gj + 3 * H + u, k);
	ld8(&tc, cj + u, k);
	tanh8(&tc);
	ld8(&h, dyj + u, k);
	if (dhj) {
		ld8(&t, dhj + u, k);
		h = h + t;
		ld8(&t, dcj + u, k);
		dcc = t + h * o * (1.0f - tc * tc);
	} else {
		dcc = h * o * (1.0f - tc * tc);
	}
	if (cpj)
		ld8(&p, cpj + u, k);
	else
		p = i - i;
	t = dcc * f;
	st8(dcj + u, &t, k);
	d = dcc * gg * i * (1.0f - i);
	st8(dgj + u, &d, k);
	ld8(&t, db + u, k);
	t = t + d;
	st8(db + u, &t, k);
	d = dcc * p * f * (1.0f - f);
	st8(dgj + H + u, &d, k);
	ld8(&t, db + H + u, k);
	t = t + d;
	st8(db + H + u, &t, k);
	d = dcc * i * (1.0f - gg * gg);
	st8(dgj + 2 * H + u, &d, k);
	ld8(&t, db + 2 * H + u, k);
	t = t + d;
	st8(db + 2 * H + u, &t, k);
	d = h * tc * o * (1.0f - o);
	st8(dgj + 3 * H + u, &d, k);
	ld8(&t, db + 3 * H + u, k);
	t = t + d;
	st8(db + 3 * H + u, &t, k);
}

/*
 * The gradient of one LSTM step for n rows.  dy (ld 2H): dL/dh from the
 * layer above; dh (rows < nr): dL/dh from the next step's recurrence;
 * dc (rows < nr on entry): dL/dc from the next step, on exit dL/dcp for
 * every row.  g (ld 8H) the activations, c, cp (rows < np) (ld 2H).
 * Writes dg (ld 8H): the pre-activation gradients, and adds them to db.
 *	dc = dc' + dh o (1 - tanh² c)
 *	di = dc g i (1-i), df = dc cp f (1-f), dg = dc i (1-g²),
 *	do = dh tanh(c) o (1-o), dcp = dc f
 */
VEC_CLONES static void
cell_bwd(int n, int H, const float *g, const float *c, const float *cp, int np,
    const float *dy, const float *dh, int nr, float *dc, float *dg, float *db)
{
	int j, u;

	for (j = 0; j < n; j++) {
		const float *gj = g + (size_t)j * 8 * H, *cj = c + (size_t)j * 2 * H;
		const float *dyj = dy + (size_t)j * 2 * H;
		const float *cpj = j < np ? cp + (size_t)j * 2 * H : NULL;
		const float *dhj = j < nr ? dh + (size_t)j * H : NULL;
		float *dcj = dc + (size_t)j * H, *dgj = dg + (size_t)j * 8 * H;

		for (u = 0; u + 8 <= H; u += 8)
			cell_bwd8(gj, cj, cpj, dyj, dhj, dcj, dgj, db, H, u, 8);
		if (u < H)
			cell_bwd8(gj, cj, cpj, dyj, dhj, dcj, dgj, db, H, u, H - u);
	}
}

/* out (n, ld) = LayerNorm(x) over W columns; mu, rs (n) receive the stats. */
static void
ln_fwd(int n, int W, const float *x, int ldx, const float *gain, const float *bias,
    float *out, int ldo, float *mu, float *rs)
{
	int j, u;

	for (j = 0; j < n; j++) {
		const float *xj = x + (size_t)j * ldx;
		float *oj = out + (size_t)j * ldo;
		double s = 0, v = 0;
		float mean, r;

		for (u = 0; u < W; u++)
			s += xj[u];
		mean = (float)(s / W);
		for (u = 0; u < W; u++)
			v += (double)(xj[u] - mean) * (xj[u] - mean);
		r = (float)(1 / sqrt(v / W + LN_EPS));
		mu[j] = mean;
		rs[j] = r;
		for (u = 0; u < W; u++)
			oj[u] = (xj[u] - mean) * r * gain[u] + bias[u];
	}
}

/*
 * LayerNorm backward for n rows: d (ld ldd) the gradient of the output;
 * dx (ld lddx) receives the gradient of x; dgain, dbias +=.
 *	dx = rs (dxh - mean(dxh) - xh mean(dxh xh)),  dxh = d gain
 */
static void
ln_bwd(int n, int W, const float *x, int ldx, const float *mu, const float *rs,
    const float *gain, const float *d, int ldd, float *dx, int lddx,
    float *dgain, float *dbias)
{
	int j, u;

	for (j = 0; j < n; j++) {
		const float *xj = x + (size_t)j * ldx, *dj = d + (size_t)j * ldd;
		float *dxj = dx + (size_t)j * lddx;
		double s1 = 0, s2 = 0;
		float m1, m2;

		for (u = 0; u < W; u++) {
			float xh = (xj[u] - mu[j]) * rs[j], dxh = dj[u] * gain[u];

			dgain[u] += dj[u] * xh;
			dbias[u] += dj[u];
			s1 += dxh;
			s2 += (double)dxh * xh;
		}
		m1 = (float)(s1 / W);
		m2 = (float)(s2 / W);
		for (u = 0; u < W; u++) {
			float xh = (xj[u] - mu[j]) * rs[j];

			dxj[u] = rs[j] * (dj[u] * gain[u] - m1 - xh * m2);
		}
	}
}

/* Dropout mask of one row (W): 1 keeps unit u of item a at site s. */
static void
drop_mask(unsigned char *mk, int W, float p, uint64_t seed, int site, uint64_t a)
{
	uint64_t ia = ((uint64_t)site << 48) ^ a;
	int u;

	for (u = 0; u < W; u++)
		mk[u] = rng_hash01(seed, ia, (uint64_t)u) >= p;
}

/* ---- forward ---- */

/*
 * One direction of layer l: the input projections of every step (one
 * sgemm), then the recurrence (one sgemm and one cell_fwd per step).  In
 * inference mode nothing is kept for a backward pass: the projections are
 * made CHUNK steps at a time into a small buffer, and the cell states
 * live in two sets of rows by step parity.
 */
static void
lstm_fwd_dir(struct dirjob *job)
{
	struct nn *m = job->m;
	struct priv *p = m->priv;
	int l = job->l, d = job->d, H = m->c.H, in = p->in[l], T = p->Tmax;
	int inf = p->inference, lg = inf ? 4 * H : 8 * H, k, t, tp, n, np, lo = 0, hi = 0;
	int r0 = 0, r1;
	int chunk = inf ? CHUNK : T;
	const float *x = l == 0 ? p->x0 : p->xn[l - 1];
	const float *wx = m->param + p->wx[l] + (size_t)d * 4 * H * in;
	const float *wh = m->param + p->wh[l][d];
	const float *b = m->param + p->bx[l] + (size_t)d * 4 * H;
	float *g = inf ? p->gc[d] : p->g[l] + (size_t)d * 4 * H;
	float *c = inf ? p->cc + d * H : p->c[l] + d * H, *y = p->y[l] + d * H;
	float *gt, *ct, *ctp;
	size_t S = 2 * (size_t)H, CS = (size_t)m->maxB * S;

	for (k = 0; k < T; k++) {
		/* step t; the recurrence comes from step tp, on rows j < np */
		t = d == 0 ? k : T - 1 - k;
		tp = d == 0 ? t - 1 : t + 1;
		n = p->bt[t];
		np = tp < 0 || tp >= T ? 0 : p->bt[tp] < n ? p->bt[tp] : n;
		if (t < lo || t >= hi) {
			/* g (rows r0..r1-1, 4H) = x (same rows, in) wxᵀ: the
			 * rows of steps lo..hi-1, and in inference mode the
			 * rows around them to multiples of ROWALIGN */
			lo = d == 0 ? t : t + 1 - chunk > 0 ? t + 1 - chunk : 0;
			hi = d == 0 ? (t + chunk < T ? t + chunk : T) : t + 1;
			r0 = p->off[lo];
			r1 = p->off[hi];
			if (inf) {
				r0 -= r0 % ROWALIGN;
				r1 += (ROWALIGN - r1 % ROWALIGN) % ROWALIGN;
				if (r1 > p->off[T])
					r1 = p->off[T];
				/* and the steps whose rows that covers too
				 * (a short batch's steps are few rows each) */
				while (hi < T && p->off[hi + 1] <= r1)
					hi++;
				while (lo > 0 && p->off[lo - 1] >= r0)
					lo--;
			}
			mm(0, 1, r1 - r0, 4 * H, in, 1, x + (size_t)r0 * in, in, wx, in, 0,
			    g + (inf ? 0 : (size_t)r0 * lg), lg);
		}
		gt = g + (size_t)(p->off[t] - (inf ? r0 : 0)) * lg;
		ct = inf ? c + (t & 1) * CS : c + (size_t)p->off[t] * S;
		ctp = inf ? c + (tp & 1) * CS : c + (size_t)p->off[tp < 0 ? 0 : tp] * S;
		if (np > 0)
			mm(0, 1, np, 4 * H, H, 1, y + (size_t)p->off[tp] * S, (int)S, wh, H, 1,
			    gt, lg);
		cell_fwd(n, H, gt, lg, b, np > 0 ? ctp : NULL, np, ct, y + (size_t)p->off[t] * S);
	}
}

/* v (B, P) from the last layer's y. */
static void
pool_fwd(struct nn *m)
{
	struct priv *p = m->priv;
	int B = p->B, H = m->c.H, P = p->P, j, t, u, S = 2 * H;
	const float *y = p->y[m->c.L - 1];

	for (j = 0; j < B; j++) {
		float *v = p->v + (size_t)j * P;
		int *arg = p->arg + (size_t)j * S, n = p->len[j];

		memset(v, 0, P * sizeof(float));
		if (n == 0) {
			memset(arg, 0, S * sizeof(int));
			continue;
		}
		if (m->c.pool == NN_POOL_LAST) {
			memcpy(v, y + ((size_t)p->off[n - 1] + j) * S, H * sizeof(float));
			memcpy(v + H, y + (size_t)j * S + H, H * sizeof(float));
			continue;
		}
		/* max over the steps into v + mx; mean into v */
		{
			float *mx = m->c.pool == NN_POOL_MAX ? v : v + S;
			double sum;

			for (u = 0; u < S; u++) {
				mx[u] = y[(size_t)j * S + u];
				arg[u] = 0;
			}
			for (t = 1; t < n; t++) {
				const float *yt = y + ((size_t)p->off[t] + j) * S;

				for (u = 0; u < S; u++)
					if (yt[u] > mx[u]) {
						mx[u] = yt[u];
						arg[u] = t;
					}
			}
			if (m->c.pool == NN_POOL_MEANMAX)
				for (u = 0; u < S; u++) {
					sum = 0;
					for (t = 0; t < n; t++)
						sum += y[((size_t)p->off[t] + j) * S + u];
					v[u] = (float)(sum / n);
				}
		}
	}
}

/* Rows r0..r1-1 of the embeddings x0 (N, E), with dropout. */
static void
emb_rows(struct nn *m, void *arg, size_t r0, size_t r1)
{
	struct priv *p = m->priv;
	int E = m->c.E, u, drop = p->train && m->c.drop_emb > 0;
	float keep = 1 - m->c.drop_emb;
	size_t r;

	(void)arg;
	for (r = r0; r < r1; r++) {
		float *x = p->x0 + r * E;

		memcpy(x, m->param + p->emb + (size_t)p->tok[r] * E, E * sizeof(float));
		if (drop) {
			unsigned char *mk = p->m0 + r * E;

			drop_mask(mk, E, m->c.drop_emb, p->seed, SITE_EMB, p->ri[r]);
			for (u = 0; u < E; u++)
				x[u] = mk[u] ? x[u] / keep : 0;
		}
	}
}

/* Rows r0..r1-1 of layer *arg's LayerNorm and dropout: xn = drop(LN(y)). */
static void
ln_rows(struct nn *m, void *arg, size_t r0, size_t r1)
{
	struct priv *p = m->priv;
	int l = *(int *)arg, S = 2 * m->c.H, u;
	float keep = 1 - m->c.drop_seq;
	size_t r;

	ln_fwd((int)(r1 - r0), S, p->y[l] + r0 * S, S, m->param + p->lng[l],
	    m->param + p->lnb[l], p->xn[l] + r0 * S, S, p->mu[l] + r0, p->rs[l] + r0);
	if (!p->train || m->c.drop_seq <= 0)
		return;
	for (r = r0; r < r1; r++) {
		unsigned char *mk = p->mk[l] + r * S;
		float *x = p->xn[l] + r * S;

		drop_mask(mk, S, m->c.drop_seq, p->seed, SITE_SEQ + l, p->ri[r]);
		for (u = 0; u < S; u++)
			x[u] = mk[u] ? x[u] / keep : 0;
	}
}

static int
cmp_len(const void *a, const void *b, void *arg)
{
	const uint32_t *len = arg;
	int x = *(const int *)a, y = *(const int *)b;

	if (len[x] != len[y])
		return len[x] > len[y] ? -1 : 1;
	return (x > y) - (x < y);
}

double
nn_forward(struct nn *m, int B, const uint32_t *ids, const uint32_t *len,
    const int32_t *labels, float *probs, int train, uint64_t seed)
{
	struct priv *p = m->priv;
	const struct nn_config *c = &m->c;
	const float *w = m->param;
	int T = c->T, K = c->K, D = c->D, P = p->P, L = c->L;
	int j, t, u, l, k;
	double loss = 0;
	float keep;

	if (B < 0 || B > m->maxB)
		rv_die(1, "nn: batch of %d records (at most %d)", B, m->maxB);
	if (p->inference)
		train = 0;
	p->B = B;
	p->train = train != 0;
	p->labelled = labels != NULL;
	p->seed = seed;
	p->ready = 0;

	/* sort by length, longest first */
	for (j = 0; j < B; j++) {
		p->perm[j] = j;
		if (len[j] > (uint32_t)T)
			rv_die(1, "nn: record %d: length %u exceeds %d", j, len[j], T);
	}
	qsort_r(p->perm, B, sizeof(int), cmp_len, (void *)len);
	for (j = 0; j < B; j++) {
		p->len[j] = len[p->perm[j]];
		if (labels) {
			if (labels[p->perm[j]] < 0 || labels[p->perm[j]] >= K)
				rv_die(1, "nn: record %d: label %d out of range",
				    p->perm[j], labels[p->perm[j]]);
			p->lab[j] = labels[p->perm[j]];
		}
	}
	p->Tmax = B > 0 ? p->len[0] : 0;
	p->N = 0;
	for (t = 0, j = B; t < p->Tmax; t++) {
		while (j > 0 && p->len[j - 1] <= t)
			j--;
		p->bt[t] = j;
		p->off[t] = p->N;
		p->N += j;
	}
	p->bt[p->Tmax] = 0;
	p->off[p->Tmax] = p->N;
	row_alloc(m, p->N);

	/* where each row comes from, and its token */
	for (t = 0; t < p->Tmax; t++)
		for (j = 0; j < p->bt[t]; j++) {
			size_t r = (size_t)p->off[t] + j;
			uint32_t ri = (uint32_t)p->perm[j] * T + t, id = ids[ri];

			if (id >= (uint32_t)c->V)
				rv_die(1, "nn: record %d: token id %u out of range",
				    p->perm[j], id);
			p->ri[r] = ri;
			p->tok[r] = id;
		}
	par_items(m, p->N, 64, emb_rows, NULL);
	for (l = 0; l < L; l++) {
		run_dirs(m, l, lstm_fwd_dir);
		if (l < L - 1)
			par_items(m, p->N, 64, ln_rows, &l);
	}

	/* the head, per record */
	pool_fwd(m);
	ln_fwd(B, P, p->v, P, w + p->lng[L - 1], w + p->lnb[L - 1], p->a1, P, p->vmu, p->vrs);
	if (train && c->drop_vec > 0) {
		keep = 1 - c->drop_vec;
		for (j = 0; j < B; j++) {
			unsigned char *mk = p->m1 + (size_t)j * P;

			drop_mask(mk, P, c->drop_vec, seed, SITE_VEC, p->perm[j]);
			for (u = 0; u < P; u++)
				p->a1[(size_t)j * P + u] = mk[u] ? p->a1[(size_t)j * P + u] / keep : 0;
		}
	}
	/* h1 = relu(a1 w1ᵀ + b1) */
	for (j = 0; j < B; j++)
		memcpy(p->h1 + (size_t)j * D, w + p->b1, D * sizeof(float));
	mm(0, 1, B, D, P, 1, p->a1, P, w + p->w1, P, 1, p->h1, D);
	keep = 1 - c->drop_dense;
	for (j = 0; j < B; j++) {
		unsigned char *mk = p->m2 + (size_t)j * D;
		float *h = p->h1 + (size_t)j * D, *a = p->a2 + (size_t)j * D;
		int drop = train && c->drop_dense > 0;

		if (drop)
			drop_mask(mk, D, c->drop_dense, seed, SITE_DENSE, p->perm[j]);
		for (u = 0; u < D; u++) {
			if (h[u] < 0)
				h[u] = 0;
			a[u] = !drop ? h[u] : mk[u] ? h[u] / keep : 0;
		}
	}
	/* logits, softmax, cross-entropy */
	for (j = 0; j < B; j++)
		memcpy(p->pr + (size_t)j * K, w + p->b2, K * sizeof(float));
	mm(0, 1, B, K, D, 1, p->a2, D, w + p->w2, D, 1, p->pr, K);
	for (j = 0; j < B; j++) {
		float *z = p->pr + (size_t)j * K;
		double mx = z[0], s = 0;

		for (k = 1; k < K; k++)
			if (z[k] > mx)
				mx = z[k];
		for (k = 0; k < K; k++)
			s += exp(z[k] - mx);
		if (labels)
			loss += mx + log(s) - z[p->lab[j]];
		for (k = 0; k < K; k++) {
			z[k] = (float)(exp(z[k] - mx) / s);
			if (probs)
				probs[(size_t)p->perm[j] * K + k] = z[k];
		}
	}
	p->ready = !p->inference;
	return loss;
}

uint64_t
nn_pattern(const struct nn *m)
{
	const struct priv *p = m->priv;
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */
	int j, u, S = 2 * m->c.H;

	for (j = 0; j < p->B; j++) {
		if (m->c.pool != NN_POOL_LAST)
			for (u = 0; u < S; u++)
				h = (h ^ (uint64_t)p->arg[(size_t)j * S + u]) * 1099511628211ULL;
		for (u = 0; u < m->c.D; u++)
			h = (h ^ (uint64_t)(p->h1[(size_t)j * m->c.D + u] > 0)) * 1099511628211ULL;
	}
	return h;
}

/* ---- backward ---- */

/* Blocks b0..b1-1 (LNBLOCK rows each) of the gradient through layer *arg's
 * dropout and LayerNorm: dy from dx; the block's gain and bias gradients
 * go to lnp (2H + 2H per block). */
static void
ln_back_blocks(struct nn *m, void *arg, size_t b0, size_t b1)
{
	struct priv *p = m->priv;
	int l = *(int *)arg, S = 2 * m->c.H;
	float keep = 1 - m->c.drop_seq;
	size_t b, i, r0, r1;

	for (b = b0; b < b1; b++) {
		float *part = p->lnp + b * 2 * S;

		r0 = b * LNBLOCK;
		r1 = r0 + LNBLOCK < (size_t)p->N ? r0 + LNBLOCK : (size_t)p->N;
		if (p->train && m->c.drop_seq > 0)
			for (i = r0 * S; i < r1 * S; i++)
				p->dx[i] = p->mk[l][i] ? p->dx[i] / keep : 0;
		memset(part, 0, 2 * S * sizeof(float));
		ln_bwd((int)(r1 - r0), S, p->y[l] + r0 * S, S, p->mu[l] + r0, p->rs[l] + r0,
		    m->param + p->lng[l], p->dx + r0 * S, S, p->dy + r0 * S, S, part, part + S);
	}
}

/* Columns e0..e1-1 of the embedding gradient: every row, in order. */
static void
emb_back_cols(struct nn *m, void *arg, size_t e0, size_t e1)
{
	struct priv *p = m->priv;
	int E = m->c.E, drop = p->train && m->c.drop_emb > 0;
	float keep = 1 - m->c.drop_emb, *gr = m->grad + p->emb;
	size_t r, e;

	(void)arg;
	for (r = 0; r < (size_t)p->N; r++) {
		float *ge = gr + (size_t)p->tok[r] * E;
		const float *dx = p->dx + r * E;
		const unsigned char *mk = drop ? p->m0 + r * E : NULL;

		for (e = e0; e < e1; e++)
			ge[e] += !mk ? dx[e] : mk[e] ? dx[e] / keep : 0;
	}
}

static void
zero_range(struct nn *m, void *arg, size_t i0, size_t i1)
{
	(void)arg;
	memset(m->grad + i0, 0, (i1 - i0) * sizeof(float));
}

/* One direction of layer l backward, from dy: the gate gradients dg, then
 * this direction's weight gradients. */
static void
lstm_bwd_dir(struct dirjob *job)
{
	struct nn *m = job->m;
	struct priv *p = m->priv;
	int l = job->l, d = job->d, H = m->c.H, in = p->in[l], t, T = p->Tmax, N = p->N;
	const float *x = l == 0 ? p->x0 : p->xn[l - 1];
	const float *wh = m->param + p->wh[l][d];
	float *dwx = m->grad + p->wx[l] + (size_t)d * 4 * H * in;
	float *dwh = m->grad + p->wh[l][d];
	float *db = m->grad + p->bx[l] + (size_t)d * 4 * H;
	const float *g = p->g[l] + (size_t)d * 4 * H, *c = p->c[l] + d * H;
	const float *y = p->y[l] + d * H, *dy = p->dy + d * H;
	float *dg = p->dg + (size_t)d * 4 * H, *hp = p->hp + d * H;
	float *dh = p->dh[d], *dc = p->dc[d];
	size_t G = 8 * (size_t)H, S = 2 * (size_t)H;

	if (d == 0) {
		for (t = T - 1; t >= 0; t--) {
			size_t r = p->off[t], q = t > 0 ? (size_t)p->off[t - 1] : 0;
			int n = p->bt[t], nr = t + 1 < T ? p->bt[t + 1] : 0;

			cell_bwd(n, H, g + r * G, c + r * S, t > 0 ? c + q * S : NULL,
			    t > 0 ? n : 0, dy + r * S, dh, nr, dc, dg + r * G, db);
			if (t > 0)
				mm(0, 0, n, H, 4 * H, 1, dg + r * G, (int)G, wh, H, 0, dh, H);
			/* hp: the state this step's recurrence read */
			for (int j = 0; j < n; j++)
				if (t > 0)
					memcpy(hp + (r + j) * S, y + (q + j) * S, H * sizeof(float));
				else
					memset(hp + (r + j) * S, 0, H * sizeof(float));
		}
	} else {
		for (t = 0; t < T; t++) {
			size_t r = p->off[t], q = p->off[t + 1];
			int n = p->bt[t], np = t + 1 < T ? p->bt[t + 1] : 0;
			int nr = t > 0 ? n : 0;

			cell_bwd(n, H, g + r * G, c + r * S, np > 0 ? c + q * S : NULL, np, dy + r * S,
			    dh, nr, dc, dg + r * G, db);
			if (np > 0)
				mm(0, 0, np, H, 4 * H, 1, dg + r * G, (int)G, wh, H, 0, dh, H);
			for (int j = 0; j < n; j++)
				if (j < np)
					memcpy(hp + (r + j) * S, y + (q + j) * S, H * sizeof(float));
				else
					memset(hp + (r + j) * S, 0, H * sizeof(float));
		}
	}
	/* dwx (4H, in) += dgᵀ x; dwh (4H, H) += dgᵀ hp */
	mm(1, 0, 4 * H, in, N, 1, dg, (int)G, x, in, 1, dwx, in);
	mm(1, 0, 4 * H, H, N, 1, dg, (int)G, hp, (int)S, 1, dwh, H);
}

void
nn_backward(struct nn *m)
{
	struct priv *p = m->priv;
	const struct nn_config *c = &m->c;
	const float *w = m->param;
	float *gr = m->grad, keep;
	int B = p->B, K = c->K, D = c->D, P = p->P, L = c->L, H = c->H, E = c->E;
	int S = 2 * H, j, k, u, t, l;
	float invB;

	if (!p->ready || !p->labelled)
		rv_die(1, "nn: backward without a labelled forward pass");
	par_items(m, m->nparams, 1 << 16, zero_range, NULL);
	if (B == 0)
		return;
	invB = 1.0f / B;

	/* dlogits = (p - onehot) / B */
	for (j = 0; j < B; j++)
		for (k = 0; k < K; k++)
			p->dl[(size_t)j * K + k] = (p->pr[(size_t)j * K + k] -
			    (k == p->lab[j])) * invB;
	/* w2, b2, then da = dlogits w2 (B, D) */
	mm(1, 0, K, D, B, 1, p->dl, K, p->a2, D, 0, gr + p->w2, D);
	for (j = 0; j < B; j++)
		for (k = 0; k < K; k++)
			gr[p->b2 + k] += p->dl[(size_t)j * K + k];
	mm(0, 0, B, D, K, 1, p->dl, K, w + p->w2, D, 0, p->da, D);
	/* through dropout and relu */
	keep = 1 - c->drop_dense;
	for (j = 0; j < B; j++)
		for (u = 0; u < D; u++) {
			size_t i = (size_t)j * D + u;
			float dd = p->da[i];

			if (p->train && c->drop_dense > 0)
				dd = p->m2[i] ? dd / keep : 0;
			p->da[i] = p->h1[i] > 0 ? dd : 0;
		}
	mm(1, 0, D, P, B, 1, p->da, D, p->a1, P, 0, gr + p->w1, P);
	for (j = 0; j < B; j++)
		for (u = 0; u < D; u++)
			gr[p->b1 + u] += p->da[(size_t)j * D + u];
	mm(0, 0, B, P, D, 1, p->da, D, w + p->w1, P, 0, p->db, P);
	/* dropout and LayerNorm of the pooled vector: db -> da = dv */
	if (p->train && c->drop_vec > 0) {
		keep = 1 - c->drop_vec;
		for (j = 0; j < B * P; j++)
			p->db[j] = p->m1[j] ? p->db[j] / keep : 0;
	}
	ln_bwd(B, P, p->v, P, p->vmu, p->vrs, w + p->lng[L - 1], p->db, P, p->da, P,
	    gr + p->lng[L - 1], gr + p->lnb[L - 1]);

	/* pooling backward: dy (N, 2H) of the last layer */
	memset(p->dy, 0, (size_t)p->N * S * sizeof(float));
	for (j = 0; j < B; j++) {
		const float *dv = p->da + (size_t)j * P;
		const int *arg = p->arg + (size_t)j * S;
		int n = p->len[j];

		if (n == 0)
			continue;
		if (c->pool == NN_POOL_LAST) {
			float *d1 = p->dy + ((size_t)p->off[n - 1] + j) * S;
			float *d0 = p->dy + (size_t)j * S;

			for (u = 0; u < H; u++) {
				d1[u] += dv[u];
				d0[H + u] += dv[H + u];
			}
			continue;
		}
		if (c->pool == NN_POOL_MEANMAX) {
			for (t = 0; t < n; t++) {
				float *dt = p->dy + ((size_t)p->off[t] + j) * S;

				for (u = 0; u < S; u++)
					dt[u] += dv[u] / n;
			}
			dv += S;
		}
		for (u = 0; u < S; u++)
			p->dy[((size_t)p->off[arg[u]] + j) * S + u] += dv[u];
	}

	for (l = L - 1; l >= 0; l--) {
		int in = p->in[l];

		run_dirs(m, l, lstm_bwd_dir);
		/* dx (N, in) = dg (N, 8H) wx (8H, in) */
		mm_par(0, 0, p->N, in, 8 * H, 1, p->dg, 8 * H, w + p->wx[l], in, 0, p->dx, in);
		if (l == 0)
			break;
		/* through dropout and LayerNorm of layer l-1 into dy, in
		 * blocks of rows whose gain and bias gradients add in order */
		{
			int lb = l - 1;
			size_t nb = ((size_t)p->N + LNBLOCK - 1) / LNBLOCK, b;

			par_items(m, nb, 1, ln_back_blocks, &lb);
			/* (gain and bias are adjacent in the blob) */
			for (b = 0; b < nb; b++)
				for (u = 0; u < 2 * S; u++)
					gr[p->lng[lb] + u] += p->lnp[b * 2 * S + u];
		}
	}

	/* the embedding rows used, scatter-added in row order; the
	 * threads take disjoint columns */
	par_items(m, E, 16, emb_back_cols, NULL);
}

/* ---- optimisation ---- */

/* Sums of squares of CLIPBLOCK-sized blocks b0..b1-1 of the gradient. */
static void
sumsq_blocks(struct nn *m, void *arg, size_t b0, size_t b1)
{
	double *sums = arg;
	size_t b, i, i1;

	for (b = b0; b < b1; b++) {
		double s = 0;

		i1 = (b + 1) * CLIPBLOCK < m->nparams ? (b + 1) * CLIPBLOCK : m->nparams;
		for (i = b * CLIPBLOCK; i < i1; i++)
			s += (double)m->grad[i] * m->grad[i];
		sums[b] = s;
	}
}

static void
scale_range(struct nn *m, void *arg, size_t i0, size_t i1)
{
	float f = *(float *)arg;
	size_t i;

	for (i = i0; i < i1; i++)
		m->grad[i] *= f;
}

/* The norm adds fixed blocks in order: it does not depend on the threads. */
double
nn_clip(struct nn *m, double maxnorm)
{
	size_t nb = (m->nparams + CLIPBLOCK - 1) / CLIPBLOCK, b;
	double *sums = xmalloc(nb, sizeof(double)), s = 0, norm;

	par_items(m, nb, 1, sumsq_blocks, sums);
	for (b = 0; b < nb; b++)
		s += sums[b];
	free(sums);
	norm = sqrt(s);
	if (maxnorm > 0 && norm > maxnorm) {
		float f = (float)(maxnorm / norm);

		par_items(m, m->nparams, 1 << 16, scale_range, &f);
	}
	return norm;
}

struct adamarg {
	double lr, wd;
	float a, bc2, b1, b2, eps;
};

/* AdamW on the parameters i0..i1-1 (each in its group). */
static void
adam_range(struct nn *m, void *arg, size_t i0, size_t i1)
{
	const struct adamarg *A = arg;
	struct priv *p = m->priv;
	int gi;

	for (gi = 0; gi < p->ngroups; gi++) {
		size_t lo = p->goff[gi], hi = lo + p->gn[gi], i;
		float decay = p->gdecay[gi] ? (float)(1 - A->lr * A->wd) : 1;
		float *w = m->param, *g = m->grad, *mo = m->adam_m, *v = m->adam_v;

		if (lo < i0)
			lo = i0;
		if (hi > i1)
			hi = i1;
		for (i = lo; i < hi; i++) {
			mo[i] = A->b1 * mo[i] + (1 - A->b1) * g[i];
			v[i] = A->b2 * v[i] + (1 - A->b2) * g[i] * g[i];
			w[i] = w[i] * decay - A->a * mo[i] / (sqrtf(v[i]) * A->bc2 + A->eps);
		}
	}
}

/*
 * AdamW:  m = b1 m + (1-b1) g,  v = b2 v + (1-b2) g²,
 *	w = w (1 - lr wd) - lr m / (1-b1^t) / (sqrt(v / (1-b2^t)) + eps)
 * with the decay on weight matrices only (nn_group).
 */
void
nn_adam(struct nn *m, double lr, double b1, double b2, double eps, double wd, long t)
{
	struct adamarg A;

	A.lr = lr;
	A.wd = wd;
	A.a = (float)(lr / (1 - pow(b1, (double)t)));
	A.bc2 = (float)(1 / sqrt(1 - pow(b2, (double)t)));
	A.b1 = (float)b1;
	A.b2 = (float)b2;
	A.eps = (float)eps;
	par_items(m, m->nparams, 1 << 16, adam_range, &A);
}

double
nn_flops_per_token(const struct nn_config *c)
{
	double f = 0, H = c->H, P = c->pool == NN_POOL_MEANMAX ? 4 * H : 2 * H;
	int l;

	for (l = 0; l < c->L; l++)
		f += 2 * 2.0 * 4 * H * ((l == 0 ? c->E : 2 * H) + H);
	return f + 2.0 * ((double)P * c->D + (double)c->D * c->K) / c->T;
}
