/* rv-train: train the bidirectional LSTM on a tensor stream and write a model. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "model.h"
#include "nn.h"
#include "rng.h"
#include "sgns.h"
#include "tensor.h"
#include "util.h"
#include "vocab.h"

/*
 * The configurations --arch names.  "default" is what rv-train uses without
 * --arch; "seed" is the reference notebook's network.  Change defaults here.
 */
static const struct arch {
	const char *name;
	int E, H, L, D, pool;
	float drop_emb, drop_seq, drop_vec, drop_dense;
	double lr, beta1, beta2, eps, weight_decay, clip;
	int batch, epochs, patience, bucket;
	double ema, word_drop;
	int warmup, decay, pretrain;
} archs[] = {
	/* name  E    H    L  D   pool      dropouts emb seq vec dense
	 *   lr    beta1 beta2  eps   wd clip  batch epochs patience bucket
	 *   ema  word-drop  warmup decay pretrain */
	{ "default", 64, 64, 2, 64, NN_POOL_MEANMAX, .3f, .5f, .5f, .5f,
	    5e-4, .9, .999, 1e-8, .05, 5, 64, 12, 3, 0,
	    .999, 0, 0, 0, 5 },
	{ "seed", 300, 128, 2, 64, NN_POOL_LAST, 0, .3f, .3f, .2f,
	    5e-5, .9, .999, 1e-7, 0, 0, 512, 10, 3, 0,
	    0, 0, 0, 0, 0 },
};

static const char *const pool_names[] = { "last", "max", "meanmax" };
static const char *const decay_names[] = { "none", "linear", "cosine" };

/* Options that may be given; set[] says which were. */
enum {
	O_ARCH = 256, O_BETA1, O_BETA2, O_BUCKET, O_CHECKPOINT, O_CLIP, O_DECAY,
	O_DENSE, O_DROPOUT, O_EMA, O_EMBED, O_EPS, O_HIDDEN, O_LAYERS, O_LOG, O_LR,
	O_PATIENCE, O_POOL, O_PRETRAIN, O_RESUME, O_SEED, O_VALID_FRACTION, O_WARMUP,
	O_WEIGHT_DECAY, O_WORD_DROP, O_END
};

static const struct option longopts[] = {
	{ "arch", required_argument, NULL, O_ARCH },
	{ "batch", required_argument, NULL, 'b' },
	{ "beta1", required_argument, NULL, O_BETA1 },
	{ "beta2", required_argument, NULL, O_BETA2 },
	{ "bucket", required_argument, NULL, O_BUCKET },
	{ "checkpoint", required_argument, NULL, O_CHECKPOINT },
	{ "clip", required_argument, NULL, O_CLIP },
	{ "decay", required_argument, NULL, O_DECAY },
	{ "dense", required_argument, NULL, O_DENSE },
	{ "dropout", required_argument, NULL, O_DROPOUT },
	{ "ema", required_argument, NULL, O_EMA },
	{ "embed", required_argument, NULL, O_EMBED },
	{ "epochs", required_argument, NULL, 'e' },
	{ "eps", required_argument, NULL, O_EPS },
	{ "hidden", required_argument, NULL, O_HIDDEN },
	{ "layers", required_argument, NULL, O_LAYERS },
	{ "log", required_argument, NULL, O_LOG },
	{ "lr", required_argument, NULL, O_LR },
	{ "patience", required_argument, NULL, O_PATIENCE },
	{ "pool", required_argument, NULL, O_POOL },
	{ "pretrain", required_argument, NULL, O_PRETRAIN },
	{ "resume", no_argument, NULL, O_RESUME },
	{ "seed", required_argument, NULL, O_SEED },
	{ "threads", required_argument, NULL, 't' },
	{ "valid-fraction", required_argument, NULL, O_VALID_FRACTION },
	{ "warmup", required_argument, NULL, O_WARMUP },
	{ "weight-decay", required_argument, NULL, O_WEIGHT_DECAY },
	{ "word-drop", required_argument, NULL, O_WORD_DROP },
	{ NULL, 0, NULL, 0 }
};

/* Training records held in memory. */
struct data {
	long n;
	int T;
	int keep;		/* TENSOR_KEEP_* */
	uint32_t *ids;		/* (n, T) */
	uint32_t *len;		/* (n) */
	int32_t *label;		/* (n) */
};

/* One batch gathered from the data. */
struct batch {
	int n;
	uint32_t *ids;		/* (maxB, T) */
	uint32_t *len;		/* (maxB) */
	int32_t *label;		/* (maxB) */
	float *probs;		/* (maxB, K) */
};

struct run {
	const char *out, *ckpt, *train_path, *valid_path, *vocab_path, *log_path;
	int quiet, tty, threads, resume;
	struct model md;	/* configuration, settings, vocabulary */
	struct data data;
	long *train_idx, ntrain;	/* records trained on, in file order */
	long *valid_idx, nvalid;	/* records validated on */
	struct data vdata;	/* -V data (else the held-out part of data) */
	struct nn *net;
	float *best;		/* (nparams) best parameters so far (with validation) */
	float *ema;		/* (nparams) moving average of the parameters (--ema) */
	float *held;		/* (nparams) the current parameters while ema is evaluated */
	FILE *log;
};

static void
usage(void)
{
	fprintf(stderr,
	    "usage: rv-train [-q] [-b batch] [-e epochs] [-t threads] [-V valid] [-v vocab]\n"
	    "                [--arch name] [--beta1 b] [--beta2 b] [--bucket n]\n"
	    "                [--checkpoint file] [--clip norm]\n"
	    "                [--decay none|linear|cosine] [--dense D]\n"
	    "                [--dropout seq,vec,dense[,emb]] [--ema decay] [--embed E]\n"
	    "                [--eps e] [--hidden H] [--layers L] [--log file] [--lr rate]\n"
	    "                [--patience n] [--pool last|max|meanmax] [--pretrain n]\n"
	    "                [--resume] [--seed n] [--valid-fraction f] [--warmup steps]\n"
	    "                [--weight-decay w] [--word-drop p] -o model [file]\n");
	exit(2);
}

/* A 64-bit hash of (seed, what, n): independent streams for each use. */
static uint64_t
mix(uint64_t seed, uint64_t what, uint64_t n)
{
	uint64_t z = seed ^ (what + 1) * 0x9e3779b97f4a7c15ULL ^ (n + 1) * 0xd6e8feb86659fd93ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

enum { SEED_INIT, SEED_DROPOUT, SEED_SHUFFLE, SEED_HOLDOUT, SEED_WORD_DROP, SEED_PRETRAIN };

/* The root mean square --pretrain scales the word vectors to. */
#define PRETRAIN_RMS 0.25

static void
parse_dropout(const char *s, struct nn_config *c)
{
	float v[4] = { 0, 0, 0, 0 };
	char *copy = xstrdup(s), *tok, *save = NULL;
	int n = 0;

	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (n == 4) {
			free(copy);
			rv_die(2, "--dropout: '%s' has more than 4 values", s);
		}
		v[n++] = (float)opt_double("--dropout", tok, 0, 0.95);
	}
	free(copy);
	if (n < 3)
		rv_die(2, "--dropout: '%s' is not 3 or 4 values like .3,.3,.2", s);
	c->drop_seq = v[0];
	c->drop_vec = v[1];
	c->drop_dense = v[2];
	c->drop_emb = v[3];
}

static void
data_free(struct data *d)
{
	free(d->ids);
	free(d->len);
	free(d->label);
	memset(d, 0, sizeof(*d));
}

/*
 * Read a whole tensor stream into d, checking it against the vocabulary v
 * (or, when v is NULL, against the checksum sum).  0 or 1 after a message.
 */
static int
data_load(struct data *d, const char *path, const struct vocab *v,
    const char *vname, int wantT, int wantkeep)
{
	struct tensor_reader *t;
	struct tensor_rec rec;
	long cap = 0;
	int r;
	uint32_t k;

	memset(d, 0, sizeof(*d));
	if (!(t = tensor_open(path)))
		return 1;
	if (t->h.vocab_sum != v->sum) {
		rv_warn("%s: made with vocabulary checksum %08lx, %s has %08lx",
		    t->name, (unsigned long)t->h.vocab_sum, vname, (unsigned long)v->sum);
		goto bad;
	}
	if (t->h.vocab_size != v->n || t->h.nclass != v->nlabel) {
		rv_warn("%s: header does not match %s (%lu ids and %lu classes, not %zu and %zu)",
		    t->name, vname, (unsigned long)t->h.vocab_size,
		    (unsigned long)t->h.nclass, v->n, v->nlabel);
		goto bad;
	}
	for (k = 0; k < t->h.nclass; k++)
		if (strcmp(t->h.classes[k], v->label[k])) {
			rv_warn("%s: class %lu is \"%s\", %s says \"%s\"", t->name,
			    (unsigned long)k, t->h.classes[k], vname, v->label[k]);
			goto bad;
		}
	if (wantT && (int)t->h.seqlen != wantT) {
		rv_warn("%s: sequence length %lu differs from the training data's (%d)",
		    t->name, (unsigned long)t->h.seqlen, wantT);
		goto bad;
	}
	if (wantkeep >= 0 && (int)t->h.keep != wantkeep) {
		rv_warn("%s: keeps the %s of long reviews, the training data the %s (rv-tokenize -k)",
		    t->name, tensor_keep_name(t->h.keep), tensor_keep_name((uint32_t)wantkeep));
		goto bad;
	}
	d->T = (int)t->h.seqlen;
	d->keep = (int)t->h.keep;
	for (;;) {
		if (d->n == cap) {
			cap = cap ? 2 * cap : 1024;
			d->ids = xrealloc(d->ids, (size_t)cap * d->T, sizeof(uint32_t));
			d->len = xrealloc(d->len, (size_t)cap, sizeof(uint32_t));
			d->label = xrealloc(d->label, (size_t)cap, sizeof(int32_t));
		}
		rec.ids = d->ids + (size_t)d->n * d->T;
		r = tensor_read(t, &rec);
		if (r <= 0)
			break;
		if (rec.label < 0) {
			rv_warn("%s: record %ld has no label", t->name, t->nrec);
			goto bad;
		}
		d->len[d->n] = rec.len;
		d->label[d->n] = rec.label;
		d->n++;
	}
	if (r < 0)
		goto bad;
	if (d->n == 0) {
		rv_warn("%s: no records", t->name);
		goto bad;
	}
	return tensor_close(t);
bad:
	tensor_close(t);
	data_free(d);
	return 1;
}

/* CRC-32 of the records idx[0..n) of d, in that order. */
static uint32_t
data_sum(const struct data *d, const long *idx, long n)
{
	uLong crc = crc32(0L, Z_NULL, 0);
	long i;

	for (i = 0; i < n; i++) {
		long r = idx[i];
		unsigned char hdr[8];

		put_u32(hdr, (uint32_t)d->label[r]);
		put_u32(hdr + 4, d->len[r]);
		crc = crc32(crc, hdr, 8);
		crc = crc32(crc, (const unsigned char *)(d->ids + (size_t)r * d->T),
		    (uInt)(d->len[r] * sizeof(uint32_t)));
	}
	return (uint32_t)crc;
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* Which records train and which validate: -V, a held-out fraction, or none. */
static void
split_data(struct run *r)
{
	const struct model_train *tr = &r->md.tr;
	long n = r->data.n, i, nv = 0;
	long *idx = xmalloc((size_t)n, sizeof(long));
	struct rng g;

	for (i = 0; i < n; i++)
		idx[i] = i;
	if (!r->valid_path && tr->valid_fraction > 0) {
		nv = lround(tr->valid_fraction * n);
		if (nv < 1)
			nv = 1;
		if (nv > n - 1)
			nv = n - 1;
		/* a partial Fisher-Yates: the first nv places are a random sample */
		rng_seed(&g, mix(tr->seed, SEED_HOLDOUT, 0));
		for (i = 0; i < nv; i++) {
			long j = i + (long)rng_below(&g, (uint64_t)(n - i)), t = idx[i];

			idx[i] = idx[j];
			idx[j] = t;
		}
		qsort(idx, (size_t)nv, sizeof(long), cmp_long);
		qsort(idx + nv, (size_t)(n - nv), sizeof(long), cmp_long);
	}
	r->valid_idx = xmalloc((size_t)(nv ? nv : 1), sizeof(long));
	memcpy(r->valid_idx, idx, (size_t)nv * sizeof(long));
	r->nvalid = nv;
	r->ntrain = n - nv;
	r->train_idx = xmalloc((size_t)r->ntrain, sizeof(long));
	memcpy(r->train_idx, idx + nv, (size_t)r->ntrain * sizeof(long));
	free(idx);
	if (r->valid_path) {
		r->nvalid = r->vdata.n;
		r->valid_idx = xrealloc(r->valid_idx, (size_t)r->nvalid, sizeof(long));
		for (i = 0; i < r->nvalid; i++)
			r->valid_idx[i] = i;
	}
}

/* Records sorted by length within a window (key, then position). */
struct lenpos {
	uint32_t len;
	long pos;
};

static int
cmp_lenpos(const void *a, const void *b)
{
	const struct lenpos *x = a, *y = b;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

/*
 * The order of epoch's records, a function of (seed, epoch) only: shuffle
 * them; with bucket > 0, sort each window of bucket batches by length so a
 * batch holds reviews of similar length, and shuffle the order of the
 * batches.  order (ntrain) receives record numbers, start (nbatch) each
 * batch's first place in order.
 */
static void
epoch_order(const struct run *r, int epoch, long *order, long *start)
{
	const struct model_train *tr = &r->md.tr;
	long n = r->ntrain, B = tr->batch, nb = (n + B - 1) / B, i;
	struct rng g;

	rng_seed(&g, mix(tr->seed, SEED_SHUFFLE, (uint64_t)epoch));
	memcpy(order, r->train_idx, (size_t)n * sizeof(long));
	for (i = n - 1; i > 0; i--) {
		long j = (long)rng_below(&g, (uint64_t)i + 1), t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	for (i = 0; i < nb; i++)
		start[i] = i * B;
	if (tr->bucket <= 0 || nb < 2)
		return;
	{
		long W = (long)tr->bucket * B, w;
		struct lenpos *lp = xmalloc((size_t)(W < n ? W : n), sizeof(*lp));

		for (w = 0; w < n; w += W) {
			long m = n - w < W ? n - w : W;

			for (i = 0; i < m; i++) {
				lp[i].len = r->data.len[order[w + i]];
				lp[i].pos = order[w + i];
			}
			qsort(lp, (size_t)m, sizeof(*lp), cmp_lenpos);
			for (i = 0; i < m; i++)
				order[w + i] = lp[i].pos;
		}
		free(lp);
		for (i = nb - 1; i > 0; i--) {
			long j = (long)rng_below(&g, (uint64_t)i + 1), t = start[i];

			start[i] = start[j];
			start[j] = t;
		}
	}
}

static void
batch_gather(struct batch *b, const struct data *d, const long *rec, int n)
{
	int i;

	b->n = n;
	for (i = 0; i < n; i++) {
		long r = rec[i];

		memcpy(b->ids + (size_t)i * d->T, d->ids + (size_t)r * d->T,
		    (size_t)d->T * sizeof(uint32_t));
		b->len[i] = d->len[r];
		b->label[i] = d->label[r];
	}
}

/* Records whose highest probability is their label's. */
static int
batch_right(const struct batch *b, int K)
{
	int i, k, right = 0;

	for (i = 0; i < b->n; i++) {
		const float *p = b->probs + (size_t)i * K;
		int best = 0;

		for (k = 1; k < K; k++)
			if (p[k] > p[best])
				best = k;
		right += best == b->label[i];
	}
	return right;
}

/*
 * --word-drop: replace each real word of the batch by <unk> with probability
 * p, by a hash of (seed, record in the batch, position): the same for any
 * thread count.  Padding stays padding.
 */
static void
word_drop(struct batch *b, int T, double p, uint64_t seed)
{
	int i;
	uint32_t t;

	for (i = 0; i < b->n; i++)
		for (t = 0; t < b->len[i]; t++)
			if (rng_hash01(seed, (uint64_t)i, t) < p)
				b->ids[(size_t)i * T + t] = VOCAB_UNK;
}

/* --ema: after Adam step step, move the average toward the parameters.  The
 * decay starts low, (1 + step) / (10 + step), so early steps count less. */
static void
ema_update(struct run *r, long step)
{
	double d = r->md.tr.ema, warm = (1.0 + step) / (10.0 + step);
	float a = (float)(1 - (warm < d ? warm : d));
	const float *w = r->net->param;
	float *e = r->ema;
	size_t i, n = r->net->nparams;

	for (i = 0; i < n; i++)
		e[i] += a * (w[i] - e[i]);
}

/* The learning rate of Adam step step (from 1) of nsteps in all: the
 * warmup's linear ramp, then the decay toward 0 at the last step. */
static double
step_lr(const struct model_train *tr, long step, long nsteps)
{
	double lr = tr->lr, p = nsteps > 0 ? (double)(step - 1) / nsteps : 0;

	if (tr->warmup > 0 && step < tr->warmup)
		lr *= (double)step / tr->warmup;
	if (tr->decay == 1)
		lr *= 1 - p;
	else if (tr->decay == 2)
		lr *= 0.5 * (1 + cos(M_PI * p));
	return lr;
}

/*
 * --pretrain: start the embedding from skip-gram vectors of the training
 * records (never the validation ones), scaled to PRETRAIN_RMS; ids that do
 * not occur keep their random start.
 */
static void
pretrain(struct run *r)
{
	const struct model_train *tr = &r->md.tr;
	const struct nn_config *c = &r->md.c;
	struct sgns_opts so;
	size_t off, n, i, cnt = 0;
	float *emb, *fresh, f;
	double ss = 0, t0 = now_seconds();
	int id, k;

	if (strcmp(nn_group(r->net, 0, &off, &n, NULL), "emb") || n != (size_t)c->V * c->E)
		rv_die(1, "pretrain: the embedding is not the first parameter group");
	emb = r->net->param + off;
	fresh = xcalloc(n, sizeof(float));
	memset(&so, 0, sizeof(so));
	so.epochs = tr->pretrain;
	so.window = 5;
	so.neg = 5;
	so.lr = 0.025;
	so.sample = 1e-4;
	so.seed = mix(tr->seed, SEED_PRETRAIN, 0);
	sgns_train(fresh, c->V, c->E, r->data.ids, r->data.T, r->data.len,
	    r->train_idx, r->ntrain, &so);
	for (id = 0; id < c->V; id++)
		for (k = 0; k < c->E; k++) {
			float x = fresh[(size_t)id * c->E + k];

			ss += (double)x * x;
			cnt += x != 0;
		}
	f = cnt ? (float)(PRETRAIN_RMS / sqrt(ss / cnt)) : 0;
	for (i = 0; i < n; i++)
		if (fresh[i] != 0)
			emb[i] = fresh[i] * f;
	free(fresh);
	if (!r->quiet)
		fprintf(stderr, "skip-gram vectors: %d epochs, %.1fs\n", tr->pretrain,
		    now_seconds() - t0);
}

/* Mean loss and accuracy of the network on the validation records. */
static void
evaluate(struct run *r, struct batch *b, double *loss, double *acc)
{
	const struct data *d = r->valid_path ? &r->vdata : &r->data;
	int B = r->md.tr.batch, K = r->md.c.K;
	double sum = 0;
	long i, right = 0;

	for (i = 0; i < r->nvalid; i += B) {
		int n = r->nvalid - i < B ? (int)(r->nvalid - i) : B;

		batch_gather(b, d, r->valid_idx + i, n);
		sum += nn_forward(r->net, n, b->ids, b->len, b->label, b->probs, 0, 0);
		right += batch_right(b, K);
	}
	*loss = sum / r->nvalid;
	*acc = (double)right / r->nvalid;
}

static void
fmt_time(char *s, size_t n, double sec)
{
	int t = !(sec > 0) ? 0 : sec > 359999 ? 359999 : (int)lround(sec);

	if (t >= 3600)
		snprintf(s, n, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(s, n, "%d:%02d", t / 60, t % 60);
}

/* Write the checkpoint or the final model. */
static int
save(struct run *r, int checkpoint)
{
	struct model md = r->md;
	float *cur = r->net->param;

	md.nparams = r->net->nparams;
	md.param = r->best && md.tr.best_epoch > 0 ? r->best : cur;
	if (checkpoint) {
		md.flags = MODEL_CHECKPOINT;
		md.cur = cur;
		md.adam_m = r->net->adam_m;
		md.adam_v = r->net->adam_v;
		md.ema = r->ema;
		return model_save(r->ckpt, &md);
	}
	md.flags = 0;
	md.cur = md.adam_m = md.adam_v = md.ema = NULL;
	return model_save(r->out, &md);
}

static void
run_free(struct run *r)
{
	nn_free(r->net);
	if (r->md.vocab)
		vocab_free(r->md.vocab);
	data_free(&r->data);
	data_free(&r->vdata);
	free(r->train_idx);
	free(r->valid_idx);
	free(r->best);
	free(r->ema);
	free(r->held);
}

/* 1 if the NaN test hook fires at step (RV_TRAIN_NAN_STEP, for the tests). */
static int
nan_hook(long step)
{
	const char *s = getenv("RV_TRAIN_NAN_STEP");
	long at;

	return s && parse_long(s, 1, __LONG_MAX__, &at) == 0 && at == step;
}

/* Train until the epochs are done or validation stops improving; 0 or 1. */
static int
train(struct run *r)
{
	struct model_train *tr = &r->md.tr;
	int B = tr->batch, K = r->md.c.K, T = r->data.T;
	long nb = (r->ntrain + B - 1) / B;
	long *order = xmalloc((size_t)r->ntrain, sizeof(long));
	long *start = xmalloc((size_t)nb, sizeof(long));
	struct batch b;
	int rc = 0;

	b.ids = xmalloc((size_t)B * T, sizeof(uint32_t));
	b.len = xmalloc((size_t)B, sizeof(uint32_t));
	b.label = xmalloc((size_t)B, sizeof(int32_t));
	b.probs = xmalloc((size_t)B * K, sizeof(float));
	while (tr->epoch < tr->epochs && !(r->nvalid && tr->bad_epochs >= tr->patience)) {
		int epoch = tr->epoch + 1;
		double t0 = now_seconds(), shown = t0, lsum = 0, vloss = NAN, vacc = NAN;
		long i, right = 0, seen = 0;

		epoch_order(r, epoch, order, start);
		for (i = 0; i < nb; i++) {
			long s = start[i];
			int n = r->ntrain - s < B ? (int)(r->ntrain - s) : B;
			double loss, norm;
			long step = tr->step + 1;

			batch_gather(&b, &r->data, order + s, n);
			if (tr->word_drop > 0)
				word_drop(&b, T, tr->word_drop,
				    mix(tr->seed, SEED_WORD_DROP, (uint64_t)step));
			loss = nn_forward(r->net, n, b.ids, b.len, b.label, b.probs, 1,
			    mix(tr->seed, SEED_DROPOUT, (uint64_t)step));
			if (!isfinite(loss) || nan_hook(step)) {
				if (r->tty && !r->quiet)
					fputs("\r\033[K", stderr);
				rv_warn("epoch %d batch %ld: loss is not finite", epoch, i + 1);
				rc = 1;
				goto out;
			}
			nn_backward(r->net);
			norm = nn_clip(r->net, tr->clip);
			if (!isfinite(norm)) {
				if (r->tty && !r->quiet)
					fputs("\r\033[K", stderr);
				rv_warn("epoch %d batch %ld: gradient is not finite", epoch, i + 1);
				rc = 1;
				goto out;
			}
			nn_adam(r->net, step_lr(tr, step, nb * tr->epochs), tr->beta1,
			    tr->beta2, tr->eps, tr->weight_decay, step);
			if (r->ema)
				ema_update(r, step);
			tr->step = step;
			lsum += loss;
			right += batch_right(&b, K);
			seen += n;
			if (r->tty && !r->quiet && (now_seconds() - shown > 0.25 || i + 1 == nb)) {
				double el = now_seconds() - t0;
				char eta[32];

				shown = now_seconds();
				fmt_time(eta, sizeof(eta), el / seen * (r->ntrain - seen));
				fprintf(stderr, "\repoch %d/%d batch %ld/%ld loss %.4f %.0f reviews/s ETA %s\033[K",
				    epoch, tr->epochs, i + 1, nb, lsum / seen, seen / el, eta);
			}
		}
		tr->train_loss = lsum / r->ntrain;
		tr->train_acc = (double)right / r->ntrain;
		if (r->nvalid) {
			size_t np = r->net->nparams * sizeof(float);

			/* with --ema the average is what is validated and kept */
			if (r->ema) {
				memcpy(r->held, r->net->param, np);
				memcpy(r->net->param, r->ema, np);
			}
			evaluate(r, &b, &vloss, &vacc);
			if (vloss < tr->best_loss) {
				tr->best_loss = vloss;
				tr->best_epoch = epoch;
				tr->bad_epochs = 0;
				memcpy(r->best, r->net->param, np);
			} else {
				tr->bad_epochs++;
			}
			if (r->ema)
				memcpy(r->net->param, r->held, np);
		} else {
			tr->best_epoch = epoch;
		}
		tr->valid_loss = vloss;
		tr->valid_acc = vacc;
		tr->epoch = epoch;
		if (save(r, 1)) {
			rc = 1;
			goto out;
		}
		if (r->tty && !r->quiet)
			fputs("\r\033[K", stderr);
		if (!r->quiet) {
			fprintf(stderr, "epoch %d/%d: train loss %.4f acc %.4f", epoch,
			    tr->epochs, tr->train_loss, tr->train_acc);
			if (r->nvalid)
				fprintf(stderr, ", valid loss %.4f acc %.4f%s", vloss, vacc,
				    tr->best_epoch == epoch ? " (best)" : "");
			fprintf(stderr, ", %.1fs\n", now_seconds() - t0);
		}
		if (r->log) {
			fprintf(r->log, "%d\t%.6f\t%.6f\t%.6f\t%.6f\t%.3f\n", epoch,
			    tr->train_loss, tr->train_acc, vloss, vacc, now_seconds() - t0);
			if (fflush(r->log) == EOF || ferror(r->log)) {
				rv_warn("%s: %s", r->log_path, strerror(errno ? errno : EIO));
				fclose(r->log);
				r->log = NULL;
				rc = 1;
				goto out;
			}
		}
	}
	if (!r->quiet && r->nvalid && tr->bad_epochs >= tr->patience)
		fprintf(stderr, "no better validation loss in %d epochs: keeping epoch %d\n",
		    tr->bad_epochs, tr->best_epoch);
	rc = save(r, 0);
out:
	free(order);
	free(start);
	free(b.ids);
	free(b.len);
	free(b.label);
	free(b.probs);
	return rc;
}

/* Refuse to rename over something that is not a regular file, and make sure
 * the directory takes new files, before hours of training. */
static void
check_output(const char *path)
{
	struct stat st;
	char *tmp;
	size_t n = strlen(path) + 32;
	FILE *fp;

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		rv_die(1, "%s: not a regular file", path);
	tmp = xmalloc(n, 1);
	snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
	if (!(fp = fopen(tmp, "wb"))) {
		int e = errno;

		free(tmp);
		rv_die(1, "%s: %s", path, strerror(e));
	}
	fclose(fp);
	unlink(tmp);
	free(tmp);
}

struct cli {
	char set[O_END];	/* which options were given */
	const struct arch *arch;
	struct nn_config c;
	struct model_train tr;
};

/* With --resume, options given must agree with the checkpoint's settings. */
static void
check_same(const struct cli *o, const struct model *md, const char *ckpt)
{
	const struct nn_config *a = &o->c, *b = &md->c;
	const struct model_train *x = &o->tr, *y = &md->tr;
	const char *bad = NULL;

	if (o->set[O_ARCH] || o->set[O_EMBED] || o->set[O_HIDDEN] || o->set[O_LAYERS] ||
	    o->set[O_DENSE] || o->set[O_POOL] || o->set[O_DROPOUT]) {
		if (a->E != b->E || a->H != b->H || a->L != b->L || a->D != b->D ||
		    a->pool != b->pool || a->drop_emb != b->drop_emb ||
		    a->drop_seq != b->drop_seq || a->drop_vec != b->drop_vec ||
		    a->drop_dense != b->drop_dense)
			bad = "the architecture";
	}
	if (o->set['b'] && x->batch != y->batch)
		bad = "-b";
	if (o->set[O_LR] && x->lr != y->lr)
		bad = "--lr";
	if (o->set[O_BETA1] && x->beta1 != y->beta1)
		bad = "--beta1";
	if (o->set[O_BETA2] && x->beta2 != y->beta2)
		bad = "--beta2";
	if (o->set[O_EPS] && x->eps != y->eps)
		bad = "--eps";
	if (o->set[O_WEIGHT_DECAY] && x->weight_decay != y->weight_decay)
		bad = "--weight-decay";
	if (o->set[O_CLIP] && x->clip != y->clip)
		bad = "--clip";
	if (o->set[O_SEED] && x->seed != y->seed)
		bad = "--seed";
	if (o->set[O_BUCKET] && x->bucket != y->bucket)
		bad = "--bucket";
	if (o->set[O_VALID_FRACTION] && x->valid_fraction != y->valid_fraction)
		bad = "--valid-fraction";
	if ((o->set[O_EMA] || o->set[O_ARCH]) && x->ema != y->ema)
		bad = "--ema";
	if ((o->set[O_WORD_DROP] || o->set[O_ARCH]) && x->word_drop != y->word_drop)
		bad = "--word-drop";
	if ((o->set[O_WARMUP] || o->set[O_ARCH]) && x->warmup != y->warmup)
		bad = "--warmup";
	if ((o->set[O_DECAY] || o->set[O_ARCH]) && x->decay != y->decay)
		bad = "--decay";
	if ((o->set[O_PRETRAIN] || o->set[O_ARCH]) && x->pretrain != y->pretrain)
		bad = "--pretrain";
	/* a decaying learning rate is planned over the epochs */
	if (o->set['e'] && y->decay && x->epochs != y->epochs)
		bad = "-e (with --decay)";
	if (bad)
		rv_die(2, "%s: differs from the checkpoint %s (drop it to resume)", bad, ckpt);
}

int
main(int argc, char *argv[])
{
	struct run r;
	struct cli o;
	struct model *ck = NULL;
	const char *file;
	int ch, i, rc;

	progname = "rv-train";
	memset(&r, 0, sizeof(r));
	memset(&o, 0, sizeof(o));
	o.arch = &archs[0];
	o.c.pool = -1;
	o.c.drop_seq = -1;
	r.threads = ncpus();
	/* the values given; the architecture's defaults fill in the rest below */
	while ((ch = getopt_long(argc, argv, "b:e:ho:qt:V:v:", longopts, NULL)) != -1) {
		if (ch > 0 && ch < O_END)
			o.set[ch] = 1;
		switch (ch) {
		case 'b':
			o.tr.batch = (int)opt_long("-b", optarg, 1, 65536);
			break;
		case 'e':
			o.tr.epochs = (int)opt_long("-e", optarg, 1, 1000000);
			break;
		case 'o':
			r.out = optarg;
			break;
		case 'q':
			r.quiet = 1;
			break;
		case 't':
			r.threads = (int)opt_long("-t", optarg, 1, 256);
			break;
		case 'V':
			r.valid_path = optarg;
			break;
		case 'v':
			r.vocab_path = optarg;
			break;
		case O_ARCH:
			for (i = 0; i < (int)(sizeof(archs) / sizeof(archs[0])); i++)
				if (!strcmp(optarg, archs[i].name))
					break;
			if (i == (int)(sizeof(archs) / sizeof(archs[0])))
				rv_die(2, "--arch: '%s' is not default or seed", optarg);
			o.arch = &archs[i];
			break;
		case O_BETA1:
			o.tr.beta1 = opt_double("--beta1", optarg, 0, 0.999999);
			break;
		case O_BETA2:
			o.tr.beta2 = opt_double("--beta2", optarg, 0, 0.99999999);
			break;
		case O_BUCKET:
			o.tr.bucket = (int)opt_long("--bucket", optarg, 0, 1000000);
			break;
		case O_CHECKPOINT:
			r.ckpt = optarg;
			break;
		case O_CLIP:
			o.tr.clip = opt_double("--clip", optarg, 0, 1e6);
			break;
		case O_DECAY:
			o.tr.decay = opt_choice("--decay", optarg, decay_names, 3);
			break;
		case O_DENSE:
			o.c.D = (int)opt_long("--dense", optarg, 1, 4096);
			break;
		case O_DROPOUT:
			parse_dropout(optarg, &o.c);
			break;
		case O_EMA:
			o.tr.ema = opt_double("--ema", optarg, 0, 0.99999);
			break;
		case O_EMBED:
			o.c.E = (int)opt_long("--embed", optarg, 1, 4096);
			break;
		case O_EPS:
			o.tr.eps = opt_double("--eps", optarg, 1e-30, 1);
			break;
		case O_HIDDEN:
			o.c.H = (int)opt_long("--hidden", optarg, 1, 4096);
			break;
		case O_LAYERS:
			o.c.L = (int)opt_long("--layers", optarg, 1, 3);
			break;
		case O_LOG:
			r.log_path = optarg;
			break;
		case O_LR:
			o.tr.lr = opt_double("--lr", optarg, 1e-12, 10);
			break;
		case O_PATIENCE:
			o.tr.patience = (int)opt_long("--patience", optarg, 1, 1000000);
			break;
		case O_POOL:
			o.c.pool = opt_choice("--pool", optarg, pool_names, 3);
			break;
		case O_PRETRAIN:
			o.tr.pretrain = (int)opt_long("--pretrain", optarg, 0, 1000);
			break;
		case O_RESUME:
			r.resume = 1;
			break;
		case O_SEED:
			o.tr.seed = (uint64_t)opt_long("--seed", optarg, 0, __LONG_MAX__);
			break;
		case O_VALID_FRACTION:
			o.tr.valid_fraction = opt_double("--valid-fraction", optarg, 0, 0.9);
			break;
		case O_WARMUP:
			o.tr.warmup = (int)opt_long("--warmup", optarg, 0, 100000000);
			break;
		case O_WEIGHT_DECAY:
			o.tr.weight_decay = opt_double("--weight-decay", optarg, 0, 1);
			break;
		case O_WORD_DROP:
			o.tr.word_drop = opt_double("--word-drop", optarg, 0, 0.9);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1 || !r.out || (!r.vocab_path && !r.resume))
		usage();
	file = argc ? argv[0] : "-";
	if (r.valid_path && o.set[O_VALID_FRACTION])
		rv_die(2, "--valid-fraction: not with -V");
	if (r.valid_path && !strcmp(r.valid_path, "-") && !strcmp(file, "-"))
		rv_die(2, "-V: the training data is already on the standard input");

	/* defaults from the architecture, then the options given */
	{
		const struct arch *a = o.arch;
		struct nn_config *c = &r.md.c;
		struct model_train *tr = &r.md.tr;

		c->E = o.set[O_EMBED] ? o.c.E : a->E;
		c->H = o.set[O_HIDDEN] ? o.c.H : a->H;
		c->L = o.set[O_LAYERS] ? o.c.L : a->L;
		c->D = o.set[O_DENSE] ? o.c.D : a->D;
		c->pool = o.set[O_POOL] ? o.c.pool : a->pool;
		c->drop_emb = o.set[O_DROPOUT] ? o.c.drop_emb : a->drop_emb;
		c->drop_seq = o.set[O_DROPOUT] ? o.c.drop_seq : a->drop_seq;
		c->drop_vec = o.set[O_DROPOUT] ? o.c.drop_vec : a->drop_vec;
		c->drop_dense = o.set[O_DROPOUT] ? o.c.drop_dense : a->drop_dense;
		tr->seed = o.set[O_SEED] ? o.tr.seed : 1;
		tr->epochs = o.set['e'] ? o.tr.epochs : a->epochs;
		tr->batch = o.set['b'] ? o.tr.batch : a->batch;
		tr->lr = o.set[O_LR] ? o.tr.lr : a->lr;
		tr->beta1 = o.set[O_BETA1] ? o.tr.beta1 : a->beta1;
		tr->beta2 = o.set[O_BETA2] ? o.tr.beta2 : a->beta2;
		tr->eps = o.set[O_EPS] ? o.tr.eps : a->eps;
		tr->weight_decay = o.set[O_WEIGHT_DECAY] ? o.tr.weight_decay : a->weight_decay;
		tr->clip = o.set[O_CLIP] ? o.tr.clip : a->clip;
		tr->patience = o.set[O_PATIENCE] ? o.tr.patience : a->patience;
		tr->bucket = o.set[O_BUCKET] ? o.tr.bucket : a->bucket;
		tr->valid_fraction = o.tr.valid_fraction;
		tr->ema = o.set[O_EMA] ? o.tr.ema : a->ema;
		tr->word_drop = o.set[O_WORD_DROP] ? o.tr.word_drop : a->word_drop;
		tr->warmup = o.set[O_WARMUP] ? o.tr.warmup : a->warmup;
		tr->decay = o.set[O_DECAY] ? o.tr.decay : a->decay;
		tr->pretrain = o.set[O_PRETRAIN] ? o.tr.pretrain : a->pretrain;
		tr->best_loss = INFINITY;
		o.c = *c;
		o.tr = *tr;
	}
	if (!r.ckpt) {
		size_t n = strlen(r.out) + 6;
		char *p = xmalloc(n, 1);

		snprintf(p, n, "%s.ckpt", r.out);
		r.ckpt = p;
	}
	r.tty = isatty(2);

	/* everything is checked and opened before training starts */
	if (r.resume) {
		if (!(ck = model_load(r.ckpt)))
			goto fail;
		if (!(ck->flags & MODEL_CHECKPOINT)) {
			rv_warn("%s: a final model, not a checkpoint", r.ckpt);
			goto fail;
		}
		check_same(&o, ck, r.ckpt);
		r.md.c = ck->c;
		r.md.tr = ck->tr;
		if (o.set['e'])
			r.md.tr.epochs = o.tr.epochs;
		if (o.set[O_PATIENCE])
			r.md.tr.patience = o.tr.patience;
		r.md.vocab = ck->vocab;
		ck->vocab = NULL;
		if (r.vocab_path) {
			struct vocab *v = vocab_load(r.vocab_path);

			if (!v)
				goto fail;
			if (v->sum != r.md.vocab->sum) {
				rv_warn("%s: checksum %08lx differs from the vocabulary of %s (%08lx)",
				    r.vocab_path, (unsigned long)v->sum, r.ckpt,
				    (unsigned long)r.md.vocab->sum);
				vocab_free(v);
				goto fail;
			}
			vocab_free(v);
		}
	} else if (!(r.md.vocab = vocab_load(r.vocab_path))) {
		goto fail;
	}
	if (r.md.vocab->nlabel < 2) {
		rv_warn("%s: %zu classes; training needs at least 2",
		    r.resume ? r.ckpt : r.vocab_path, r.md.vocab->nlabel);
		goto fail;
	}
	check_output(r.out);
	check_output(r.ckpt);
	{
		const char *vname = r.vocab_path ? r.vocab_path : r.ckpt;

		if (data_load(&r.data, file, r.md.vocab, vname, r.resume ? r.md.c.T : 0,
		    r.resume ? r.md.c.keep : -1))
			goto fail;
		if (r.valid_path && data_load(&r.vdata, r.valid_path, r.md.vocab, vname,
		    r.data.T, r.data.keep))
			goto fail;
	}
	r.md.c.V = (int)r.md.vocab->n;
	r.md.c.K = (int)r.md.vocab->nlabel;
	r.md.c.T = r.data.T;
	r.md.c.keep = r.data.keep;
	split_data(&r);
	if (r.ntrain < 1) {
		rv_warn("%s: no records to train on", fname(file));
		goto fail;
	}
	{
		struct model_train *tr = &r.md.tr;
		uint32_t ts = data_sum(&r.data, r.train_idx, r.ntrain);
		uint32_t vs = r.nvalid ? data_sum(r.valid_path ? &r.vdata : &r.data,
		    r.valid_idx, r.nvalid) : 0;

		if (r.resume && (tr->train_records != r.ntrain || tr->train_sum != ts)) {
			rv_warn("%s: not the data %s was trained on (%ld records, checksum "
			    "%08lx; it has %ld, %08lx)", fname(file), r.ckpt, r.ntrain,
			    (unsigned long)ts, tr->train_records, (unsigned long)tr->train_sum);
			goto fail;
		}
		if (r.resume && (tr->valid_records != r.nvalid || tr->valid_sum != vs)) {
			rv_warn("%s: not the validation data %s used (%ld records, checksum "
			    "%08lx; it has %ld, %08lx)", r.valid_path ? r.valid_path : fname(file),
			    r.ckpt, r.nvalid, (unsigned long)vs, tr->valid_records,
			    (unsigned long)tr->valid_sum);
			goto fail;
		}
		tr->train_records = r.ntrain;
		tr->train_sum = ts;
		tr->valid_records = r.nvalid;
		tr->valid_sum = vs;
	}
	if (r.log_path) {
		struct stat st;
		int fresh = !r.resume || stat(r.log_path, &st) < 0 || st.st_size == 0;

		if (!(r.log = fopen(r.log_path, fresh ? "w" : "a"))) {
			rv_warn("%s: %s", r.log_path, strerror(errno));
			goto fail;
		}
		if (fresh)
			fputs("epoch\ttrain_loss\ttrain_acc\tvalid_loss\tvalid_acc\tseconds\n",
			    r.log);
		if (fflush(r.log) == EOF || ferror(r.log)) {
			rv_warn("%s: %s", r.log_path, strerror(errno ? errno : EIO));
			goto fail;
		}
	}

	nn_set_threads(r.threads);
	if (r.resume) {
		if (!(r.net = model_net(ck, r.ckpt, r.md.tr.batch, 0, 1)))
			goto fail;
		if (r.md.tr.ema > 0 && !ck->ema) {
			rv_warn("%s: inconsistent checkpoint: --ema %g without its average",
			    r.ckpt, r.md.tr.ema);
			goto fail;
		}
	} else {
		r.net = nn_new(&r.md.c, r.md.tr.batch);
		nn_init(r.net, mix(r.md.tr.seed, SEED_INIT, 0));
		if (r.md.tr.pretrain > 0)
			pretrain(&r);
	}
	if (r.md.tr.ema > 0) {
		r.ema = xmalloc(r.net->nparams, sizeof(float));
		r.held = xmalloc(r.net->nparams, sizeof(float));
		memcpy(r.ema, ck ? ck->ema : r.net->param, r.net->nparams * sizeof(float));
	}
	if (r.nvalid) {
		r.best = xmalloc(r.net->nparams, sizeof(float));
		memcpy(r.best, ck && ck->tr.best_epoch > 0 ? ck->param : r.net->param,
		    r.net->nparams * sizeof(float));
	}
	model_free(ck);
	ck = NULL;
	if (!r.quiet && !r.resume)
		fprintf(stderr, "training on %ld records (%zu parameters), validating on %ld\n",
		    r.ntrain, r.net->nparams, r.nvalid);
	else if (!r.quiet)
		fprintf(stderr, "resuming after epoch %d of %d\n", r.md.tr.epoch,
		    r.md.tr.epochs);
	rc = train(&r);
	if (r.log && fshut(r.log, r.log_path))
		rc = 1;
	r.log = NULL;
	if (r.ckpt != NULL && !o.set[O_CHECKPOINT])
		free((char *)r.ckpt);
	run_free(&r);
	return rc;
fail:
	model_free(ck);
	if (r.log)
		fclose(r.log);
	if (!o.set[O_CHECKPOINT])
		free((char *)r.ckpt);
	run_free(&r);
	return 1;
}
