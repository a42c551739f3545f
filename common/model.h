/* model.h: the model file (.rvm, rv-model(5)): one reader, one writer. */
#ifndef RV_MODEL_H
#define RV_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "nn.h"
#include "vocab.h"

#define MODEL_MAGIC	"RVMODEL"	/* 8 bytes with its NUL */
#define MODEL_VERSION	1
#define MODEL_CHECKPOINT 0x1u		/* flags: a checkpoint, with the training state */

/* How the model was trained, and for a checkpoint where training stands. */
struct model_train {
	uint64_t seed;
	int epochs;		/* the most epochs asked for */
	int epoch;		/* epochs completed */
	long step;		/* Adam steps taken */
	int batch;
	double lr, beta1, beta2, eps, weight_decay, clip;
	int patience;
	double valid_fraction;	/* of the training data held out (0: none) */
	int bucket;		/* length-grouping window in batches (0: off) */
	int best_epoch;		/* epoch whose parameters are the model's (0: none) */
	double best_loss;	/* its validation loss (INFINITY: none yet) */
	int bad_epochs;		/* epochs since the best one (patience counter) */
	long train_records, valid_records;
	uint32_t train_sum, valid_sum;	/* CRC-32 of the records trained and validated on */
	double train_loss, train_acc, valid_loss, valid_acc;	/* of the last epoch */
	double ema;		/* decay of the parameters' moving average (0: off) */
	double word_drop;	/* probability of replacing a training word by <unk> */
	int warmup;		/* steps of linear learning-rate warmup (0: none) */
	int decay;		/* learning-rate decay over the epochs: 0 none, 1 linear, 2 cosine */
	int pretrain;		/* skip-gram epochs that started the embedding (0: none) */
};

struct model {
	uint32_t version, flags;
	struct nn_config c;
	struct model_train tr;
	struct vocab *vocab;	/* with the labels (class names) and the prep profile */
	size_t nparams;
	float *param;		/* (nparams) the model: the best parameters so far */
	/* a checkpoint's training state (NULL in a final model): */
	float *cur;		/* (nparams) parameters after the last epoch */
	float *adam_m, *adam_v;	/* (nparams) Adam moments */
	float *ema;		/* (nparams) a checkpoint's moving average when tr.ema > 0 */
	struct model_file *file;	/* model_open: where param is read from (private) */
};

/*
 * Write md to path atomically (a temporary file renamed over path); a
 * checkpoint when md->flags has MODEL_CHECKPOINT.  0, or 1 after a message.
 * md->vocab is written with vocab_format.
 */
int model_save(const char *path, const struct model *md);
/*
 * Read and check a model or checkpoint.  NULL after a one-line message
 * "path: what" (wrong magic, newer version, truncated, checksum mismatch,
 * inconsistent contents).
 */
struct model *model_load(const char *path);
void model_free(struct model *md);
/*
 * Like model_load, but a model stored at zlib level 0 (as model_save
 * writes final models) keeps its parameters in the mapped file: md->param
 * is NULL and model_read copies the ones asked for (after the same checks,
 * the file's CRC-32 included).  Other files are loaded whole.
 */
struct model *model_open(const char *path);
/* Copy parameters off .. off+n-1 of md->param (or of the file) to dst. */
void model_read(const struct model *md, size_t off, size_t n, float *dst);
/*
 * A network for batches of up to maxB records holding md->param (or, for
 * cur != 0, md->cur with the Adam moments).  NULL after a message naming
 * path when the parameter count does not fit the configuration.
 * T overrides the sequence length when > 0.
 */
struct nn *model_net(const struct model *md, const char *path, int maxB, int T, int cur);

/* Like model_load, but only the configuration, the settings and the
 * vocabulary (nparams 0, no parameters): cheap, for tools that need the
 * sequence length or the vocabulary. */
struct model *model_load_head(const char *path);

/* 1 if path starts with the model magic, 0 if not, -1 if it cannot be
 * read (message printed). */
int model_sniff(const char *path);
/* Load only the vocabulary of a model (with its labels and its prep
 * profile line).  NULL after a one-line message. */
struct vocab *model_load_vocab(const char *path);

#endif
