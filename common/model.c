/*
 * model.c: the model file (rv-model(5)).
 *
 *   0   "RVMODEL\0"
 *   8   u32 version (1)
 *   12  u32 flags (bit 0: checkpoint)
 *   16  u64 payload size before compression
 *   24  u64 compressed size C
 *   32  C bytes: the payload, zlib (compress2)
 *   32+C u32 CRC-32 of bytes 0 .. 32+C-1
 *
 * A final model is written at zlib level 0: stored blocks, the floats as
 * they are, so that a reader can copy them out of the mapped file without
 * inflating (stored_map, model_open); checkpoints at level 1.
 * Payload: u32 n + n bytes of settings text ("key value" lines), u32 n + n
 * bytes of vocabulary text (vocab_format), u64 P, then P float32 parameters,
 * and for a checkpoint three more blocks of P: the current parameters and
 * the two Adam moments, and when the setting "ema" is above 0 a fifth: the
 * moving average of the parameters.  Integers and floats are little-endian.
 */
#include "model.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "tensor.h"
#include "util.h"

#ifndef MAP_POPULATE
#define MAP_POPULATE 0
#endif

#define HDR_SIZE 32
#define MAX_PARAMS ((uint64_t)1 << 30)

static const char magic[8] = MODEL_MAGIC;

enum { K_INT, K_LONG, K_U32, K_U64, K_FLOAT, K_DOUBLE, K_POOL, K_KEEP };

/* The settings text: one "key value" line per field, in this order. */
static const struct key {
	const char *name;
	int type;
	size_t off;		/* in struct model */
	int required;
} keys[] = {
	{ "V", K_INT, offsetof(struct model, c.V), 1 },
	{ "T", K_INT, offsetof(struct model, c.T), 1 },
	{ "keep", K_KEEP, offsetof(struct model, c.keep), 0 },	/* head when absent */
	{ "K", K_INT, offsetof(struct model, c.K), 1 },
	{ "E", K_INT, offsetof(struct model, c.E), 1 },
	{ "H", K_INT, offsetof(struct model, c.H), 1 },
	{ "L", K_INT, offsetof(struct model, c.L), 1 },
	{ "D", K_INT, offsetof(struct model, c.D), 1 },
	{ "pool", K_POOL, offsetof(struct model, c.pool), 1 },
	{ "drop_emb", K_FLOAT, offsetof(struct model, c.drop_emb), 1 },
	{ "drop_seq", K_FLOAT, offsetof(struct model, c.drop_seq), 1 },
	{ "drop_vec", K_FLOAT, offsetof(struct model, c.drop_vec), 1 },
	{ "drop_dense", K_FLOAT, offsetof(struct model, c.drop_dense), 1 },
	{ "seed", K_U64, offsetof(struct model, tr.seed), 0 },
	{ "epochs", K_INT, offsetof(struct model, tr.epochs), 0 },
	{ "epoch", K_INT, offsetof(struct model, tr.epoch), 0 },
	{ "step", K_LONG, offsetof(struct model, tr.step), 0 },
	{ "batch", K_INT, offsetof(struct model, tr.batch), 0 },
	{ "lr", K_DOUBLE, offsetof(struct model, tr.lr), 0 },
	{ "beta1", K_DOUBLE, offsetof(struct model, tr.beta1), 0 },
	{ "beta2", K_DOUBLE, offsetof(struct model, tr.beta2), 0 },
	{ "eps", K_DOUBLE, offsetof(struct model, tr.eps), 0 },
	{ "weight_decay", K_DOUBLE, offsetof(struct model, tr.weight_decay), 0 },
	{ "clip", K_DOUBLE, offsetof(struct model, tr.clip), 0 },
	{ "patience", K_INT, offsetof(struct model, tr.patience), 0 },
	{ "valid_fraction", K_DOUBLE, offsetof(struct model, tr.valid_fraction), 0 },
	{ "bucket", K_INT, offsetof(struct model, tr.bucket), 0 },
	{ "best_epoch", K_INT, offsetof(struct model, tr.best_epoch), 0 },
	{ "best_loss", K_DOUBLE, offsetof(struct model, tr.best_loss), 0 },
	{ "bad_epochs", K_INT, offsetof(struct model, tr.bad_epochs), 0 },
	{ "train_records", K_LONG, offsetof(struct model, tr.train_records), 0 },
	{ "train_sum", K_U32, offsetof(struct model, tr.train_sum), 0 },
	{ "valid_records", K_LONG, offsetof(struct model, tr.valid_records), 0 },
	{ "valid_sum", K_U32, offsetof(struct model, tr.valid_sum), 0 },
	{ "train_loss", K_DOUBLE, offsetof(struct model, tr.train_loss), 0 },
	{ "train_acc", K_DOUBLE, offsetof(struct model, tr.train_acc), 0 },
	{ "valid_loss", K_DOUBLE, offsetof(struct model, tr.valid_loss), 0 },
	{ "valid_acc", K_DOUBLE, offsetof(struct model, tr.valid_acc), 0 },
	{ "ema", K_DOUBLE, offsetof(struct model, tr.ema), 0 },
	{ "word_drop", K_DOUBLE, offsetof(struct model, tr.word_drop), 0 },
	{ "warmup", K_INT, offsetof(struct model, tr.warmup), 0 },
	{ "decay", K_INT, offsetof(struct model, tr.decay), 0 },
	{ "pretrain", K_INT, offsetof(struct model, tr.pretrain), 0 },
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static const char *const pool_names[] = { "last", "max", "meanmax" };

static void
settings_format(const struct model *md, struct buf *b)
{
	const char *base = (const char *)md;
	size_t i;

	for (i = 0; i < NKEYS; i++) {
		const void *p = base + keys[i].off;

		buf_printf(b, "%s ", keys[i].name);
		switch (keys[i].type) {
		case K_INT:
			buf_printf(b, "%d\n", *(const int *)p);
			break;
		case K_LONG:
			buf_printf(b, "%ld\n", *(const long *)p);
			break;
		case K_U32:
			buf_printf(b, "%lu\n", (unsigned long)*(const uint32_t *)p);
			break;
		case K_U64:
			buf_printf(b, "%llu\n", (unsigned long long)*(const uint64_t *)p);
			break;
		case K_FLOAT:
			buf_printf(b, "%.9g\n", (double)*(const float *)p);
			break;
		case K_DOUBLE:
			buf_printf(b, "%.17g\n", *(const double *)p);
			break;
		case K_POOL: {
			int v = *(const int *)p;

			buf_printf(b, "%s\n", v >= 0 && v < 3 ? pool_names[v] : "?");
			break;
		}
		case K_KEEP:
			buf_printf(b, "%s\n", tensor_keep_name((uint32_t)*(const int *)p));
			break;
		}
	}
}

/* Parse one value; 0 or -1. */
static int
key_parse(const struct key *k, char *base, const char *s)
{
	void *p = base + k->off;
	char *end;
	long l;
	double d;

	errno = 0;
	switch (k->type) {
	case K_INT:
		if (parse_long(s, -2147483647L, 2147483647L, &l) < 0)
			return -1;
		*(int *)p = (int)l;
		return 0;
	case K_LONG:
		return parse_long(s, -__LONG_MAX__, __LONG_MAX__, (long *)p);
	case K_U32:
	case K_U64: {
		unsigned long long u;

		if (*s < '0' || *s > '9')
			return -1;
		u = strtoull(s, &end, 10);
		if (errno || *end || (k->type == K_U32 && u > 0xffffffffULL))
			return -1;
		if (k->type == K_U32)
			*(uint32_t *)p = (uint32_t)u;
		else
			*(uint64_t *)p = u;
		return 0;
	}
	case K_FLOAT:
	case K_DOUBLE:
		d = strtod(s, &end);
		if (end == s || *end)
			return -1;
		if (k->type == K_FLOAT)
			*(float *)p = (float)d;
		else
			*(double *)p = d;
		return 0;
	case K_POOL:
		for (l = 0; l < 3; l++)
			if (!strcmp(s, pool_names[l])) {
				*(int *)p = (int)l;
				return 0;
			}
		return -1;
	case K_KEEP:
		for (l = TENSOR_KEEP_HEAD; l <= TENSOR_KEEP_TAIL; l++)
			if (!strcmp(s, tensor_keep_name((uint32_t)l))) {
				*(int *)p = (int)l;
				return 0;
			}
		return -1;
	}
	return -1;
}

/* Settings text into md; unknown keys are ignored.  0 or -1 after a message. */
static int
settings_parse(struct model *md, char *text, const char *path)
{
	char seen[NKEYS] = { 0 };
	char *line, *next;
	size_t i;

	for (line = text; line && *line; line = next) {
		char *val;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		val = strchr(line, ' ');
		if (!val) {
			rv_warn("%s: inconsistent model: bad settings line \"%.40s\"", path, line);
			return -1;
		}
		*val++ = '\0';
		for (i = 0; i < NKEYS; i++)
			if (!strcmp(line, keys[i].name))
				break;
		if (i == NKEYS)
			continue;
		if (key_parse(&keys[i], (char *)md, val) < 0) {
			rv_warn("%s: inconsistent model: bad value \"%.40s\" of %s", path,
			    val, keys[i].name);
			return -1;
		}
		seen[i] = 1;
	}
	for (i = 0; i < NKEYS; i++)
		if (keys[i].required && !seen[i]) {
			rv_warn("%s: inconsistent model: no %s in the settings", path,
			    keys[i].name);
			return -1;
		}
	return 0;
}

static int
host_is_le(void)
{
	const uint32_t one = 1;

	return *(const unsigned char *)&one == 1;
}

static void
add_floats(struct buf *b, const float *f, size_t n)
{
	size_t i;

	if (host_is_le()) {
		buf_add(b, f, n * sizeof(float));
		return;
	}
	for (i = 0; i < n; i++) {
		unsigned char le[4];
		uint32_t u;

		memcpy(&u, &f[i], 4);
		put_u32(le, u);
		buf_add(b, le, 4);
	}
}

static uLong
crc_of(const unsigned char *p, size_t n)
{
	uLong crc = crc32(0L, Z_NULL, 0);

	while (n > 0) {
		size_t k = n > (1u << 30) ? (1u << 30) : n;

		crc = crc32(crc, p, (uInt)k);
		p += k;
		n -= k;
	}
	return crc;
}

int
model_save(const char *path, const struct model *md)
{
	struct buf pl = { 0 }, text = { 0 };
	unsigned char num[8], *out;
	uLongf clen;
	size_t total;
	int ck = (md->flags & MODEL_CHECKPOINT) != 0, rc;

	settings_format(md, &text);
	put_u32(num, (uint32_t)text.n);
	buf_add(&pl, num, 4);
	buf_add(&pl, text.p, text.n);
	text.n = 0;
	vocab_format(md->vocab, &text);
	put_u32(num, (uint32_t)text.n);
	buf_add(&pl, num, 4);
	buf_add(&pl, text.p, text.n);
	buf_free(&text);
	put_u64(num, md->nparams);
	buf_add(&pl, num, 8);
	add_floats(&pl, md->param, md->nparams);
	if (ck) {
		add_floats(&pl, md->cur, md->nparams);
		add_floats(&pl, md->adam_m, md->nparams);
		add_floats(&pl, md->adam_v, md->nparams);
		if (md->tr.ema > 0)
			add_floats(&pl, md->ema, md->nparams);
	}

	clen = compressBound(pl.n);
	out = xmalloc(HDR_SIZE + clen + 4, 1);
	/* checkpoints are written every epoch: favour speed over size; a
	 * final model is stored (float data hardly compresses) so that it
	 * loads without inflating */
	if (compress2(out + HDR_SIZE, &clen, (const Bytef *)pl.p, pl.n,
	    ck ? Z_BEST_SPEED : Z_NO_COMPRESSION) != Z_OK) {
		rv_warn("%s: cannot compress the model", path);
		free(out);
		buf_free(&pl);
		return 1;
	}
	memcpy(out, magic, 8);
	put_u32(out + 8, MODEL_VERSION);
	put_u32(out + 12, md->flags);
	put_u64(out + 16, pl.n);
	put_u64(out + 24, clen);
	total = HDR_SIZE + clen;
	put_u32(out + total, (uint32_t)crc_of(out, total));
	buf_free(&pl);
	rc = atomic_write(path, out, total + 4);
	free(out);
	return rc;
}

/* The whole of the open file fd, which it closes; NULL after a message. */
static unsigned char *
read_all(int fd, const char *path, size_t *n)
{
	FILE *fp = fdopen(fd, "rb");
	unsigned char *p = NULL;
	size_t cap = 0, len = 0;

	if (!fp) {
		rv_warn("%s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	for (;;) {
		size_t got;

		if (len == cap) {
			cap = cap ? 2 * cap : 1 << 16;
			p = xrealloc(p, cap, 1);
		}
		got = fread(p + len, 1, cap - len, fp);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		rv_warn("%s: %s", path, strerror(errno ? errno : EIO));
		fclose(fp);
		free(p);
		return NULL;
	}
	fclose(fp);
	*n = len;
	return p;
}

/* A checked frame: where the compressed payload lies. */
struct frame {
	unsigned char *file;	/* mapped (mapped != 0) or read into memory */
	size_t size;
	int mapped;
	uint32_t version, flags;
	uint64_t usize, csize;
};

/* The file mapped read-only, or read whole when it cannot be mapped (a
 * pipe, an empty file); 0 or -1 after a message. */
static int
frame_read(struct frame *f, const char *path)
{
	struct stat st;
	void *p;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		rv_warn("%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uint64_t)st.st_size <= SIZE_MAX &&
	    (p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE,
	    fd, 0)) != MAP_FAILED) {
		close(fd);
		f->file = p;
		f->size = (size_t)st.st_size;
		f->mapped = 1;
		return 0;
	}
	return (f->file = read_all(fd, path, &f->size)) ? 0 : -1;
}

static void
frame_close(struct frame *f)
{
	if (f->mapped)
		munmap(f->file, f->size);
	else
		free(f->file);
	f->file = NULL;
	f->mapped = 0;
}

/* Read path and check magic, version, size and checksum; 0 or -1 after a message. */
static int
frame_open(struct frame *f, const char *path)
{
	memset(f, 0, sizeof(*f));
	if (frame_read(f, path) < 0)
		return -1;
	if (f->size < 8 && !memcmp(f->file, magic, f->size)) {
		rv_warn("%s: truncated model (%zu bytes)", path, f->size);
		goto bad;
	}
	if (memcmp(f->file, magic, 8)) {
		rv_warn("%s: not a model (wrong magic)", path);
		goto bad;
	}
	if (f->size < HDR_SIZE + 4) {
		rv_warn("%s: truncated model (%zu bytes)", path, f->size);
		goto bad;
	}
	f->version = get_u32(f->file + 8);
	f->flags = get_u32(f->file + 12);
	f->usize = get_u64(f->file + 16);
	f->csize = get_u64(f->file + 24);
	if (f->version > MODEL_VERSION) {
		rv_warn("%s: version %lu is newer than this program reads (%d)", path,
		    (unsigned long)f->version, MODEL_VERSION);
		goto bad;
	}
	if (f->version < 1) {
		rv_warn("%s: unknown version %lu", path, (unsigned long)f->version);
		goto bad;
	}
	if (f->csize > f->size || HDR_SIZE + 4 + f->csize > f->size) {
		rv_warn("%s: truncated model (%zu bytes, the header says %llu)", path,
		    f->size, (unsigned long long)(HDR_SIZE + 4 + f->csize));
		goto bad;
	}
	if (crc_of(f->file, f->size - 4) != get_u32(f->file + f->size - 4) ||
	    HDR_SIZE + 4 + f->csize != f->size) {
		rv_warn("%s: checksum mismatch (the file is damaged)", path);
		goto bad;
	}
	/* deflate shrinks 1032 to 1 at best: a larger claim would have the
	 * reader allocate for data that cannot be there */
	if (f->usize > f->csize * 1032 + 64) {
		rv_warn("%s: inconsistent model: %llu bytes cannot inflate from %llu",
		    path, (unsigned long long)f->usize, (unsigned long long)f->csize);
		goto bad;
	}
	if (f->flags & ~MODEL_CHECKPOINT) {
		rv_warn("%s: unknown flags 0x%lx", path, (unsigned long)f->flags);
		goto bad;
	}
	return 0;
bad:
	frame_close(f);
	return -1;
}

/* Sequential reads from the inflated payload. */
struct zpull {
	z_stream zs;
	const unsigned char *in;	/* compressed bytes not yet given to zlib */
	uint64_t inleft;
	int end;
	uint64_t left;		/* payload bytes not yet read */
	struct stored *st;	/* a stored stream: read from the file, no zlib */
	uint64_t pos;		/* with st: payload bytes read */
};

/*
 * A zlib stream made only of stored blocks (a final model, written at level
 * 0): where each block's bytes lie, so that payload bytes can be copied
 * from the file at any offset.  The file's CRC-32 covers them; the stream's
 * Adler-32 is not checked on this path.
 */
struct stored {
	size_t n;		/* blocks */
	uint64_t *at;		/* (n + 1) payload offset of each block; at[n]: the payload size */
	const unsigned char **p;	/* (n) where each block's bytes are */
};

static void
stored_free(struct stored *st)
{
	if (!st)
		return;
	free(st->at);
	free(st->p);
	free(st);
}

/* The blocks of the frame's stream, or NULL if it is not stored blocks
 * only, ending with the final block, the Adler-32 and the frame. */
static struct stored *
stored_map(const struct frame *f)
{
	const unsigned char *z = f->file + HDR_SIZE;
	uint64_t n = f->csize, i = 2, u = 0;
	struct stored *st;
	size_t cap = 64;
	int final = 0;

	if (n < 2 + 5 + 4 || (z[0] & 0x0f) != 8 || (z[0] >> 4) > 7 || (z[1] & 0x20) ||
	    ((unsigned)z[0] << 8 | z[1]) % 31 != 0 || (z[2] & 6) != 0)
		return NULL;
	st = xcalloc(1, sizeof(*st));
	st->at = xmalloc(cap + 1, sizeof(*st->at));
	st->p = xmalloc(cap, sizeof(*st->p));
	while (!final) {
		unsigned len;

		/* a stored block: 3 header bits then padding to the byte,
		 * LEN, NLEN (its complement), LEN bytes */
		if (n - i < 5 || (z[i] & 6) != 0)
			goto no;
		final = z[i] & 1;
		len = (unsigned)z[i + 1] | (unsigned)z[i + 2] << 8;
		if ((len ^ ((unsigned)z[i + 3] | (unsigned)z[i + 4] << 8)) != 0xffff ||
		    n - i - 5 < len)
			goto no;
		if (st->n == cap) {
			cap *= 2;
			st->at = xrealloc(st->at, cap + 1, sizeof(*st->at));
			st->p = xrealloc(st->p, cap, sizeof(*st->p));
		}
		st->at[st->n] = u;
		st->p[st->n++] = z + i + 5;
		u += len;
		i += 5 + (uint64_t)len;
	}
	if (n - i != 4 || u != f->usize)
		goto no;
	st->at[st->n] = u;
	return st;
no:
	stored_free(st);
	return NULL;
}

/* Copy n payload bytes from offset off; the caller has checked the range. */
static void
stored_copy(const struct stored *st, uint64_t off, void *dst, size_t n)
{
	unsigned char *d = dst;
	size_t lo = 0, hi = st->n;

	while (hi - lo > 1) {	/* the block holding off: at[lo] <= off < at[lo + 1] */
		size_t mid = lo + (hi - lo) / 2;

		if (st->at[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	while (n > 0) {
		uint64_t in = off - st->at[lo], k = st->at[lo + 1] - off;

		if (k > n)
			k = n;
		memcpy(d, st->p[lo] + in, (size_t)k);
		d += k;
		off += k;
		n -= (size_t)k;
		lo++;
	}
}

static void
zpull_init(struct zpull *z, const struct frame *f)
{
	memset(z, 0, sizeof(*z));
	z->left = f->usize;
	if ((z->st = stored_map(f)))
		return;
	if (inflateInit(&z->zs) != Z_OK)
		rv_die(1, "cannot start zlib");
	z->in = f->file + HDR_SIZE;
	z->inleft = f->csize;
}

static void
zpull_end(struct zpull *z)
{
	if (z->st)
		stored_free(z->st);
	else
		inflateEnd(&z->zs);
	z->st = NULL;
}

/* Read exactly n bytes; 0, or -1 if the payload ends first or is damaged. */
static int
zpull(struct zpull *z, void *dst, size_t n)
{
	unsigned char *p = dst;

	if (n > z->left)
		return -1;
	if (z->st) {
		if (z->end && n > 0)
			return -1;
		stored_copy(z->st, z->pos, dst, n);
		z->pos += n;
		z->left -= n;
		z->end = z->left == 0;
		return 0;
	}
	while (n > 0) {
		size_t k = n > (1u << 30) ? (1u << 30) : n;
		int r;

		if (z->end)
			return -1;
		if (z->zs.avail_in == 0 && z->inleft > 0) {
			uInt give = z->inleft > (1u << 30) ? (1u << 30) : (uInt)z->inleft;

			z->zs.next_in = (Bytef *)z->in;
			z->zs.avail_in = give;
			z->in += give;
			z->inleft -= give;
		}
		z->zs.next_out = p;
		z->zs.avail_out = (uInt)k;
		r = inflate(&z->zs, Z_SYNC_FLUSH);
		if (r == Z_STREAM_END)
			z->end = 1;
		else if (r != Z_OK)
			return -1;
		k -= z->zs.avail_out;
		p += k;
		n -= k;
		z->left -= k;
	}
	return 0;
}

static int
zpull_u32(struct zpull *z, uint32_t *v)
{
	unsigned char b[4];

	if (zpull(z, b, 4) < 0)
		return -1;
	*v = get_u32(b);
	return 0;
}

/* A u32-length-prefixed text, NUL-terminated; NULL if the payload is short. */
static char *
zpull_text(struct zpull *z, uint32_t *len)
{
	char *s;

	if (zpull_u32(z, len) < 0 || *len > z->left)
		return NULL;
	s = xmalloc((size_t)*len + 1, 1);
	if (zpull(z, s, *len) < 0) {
		free(s);
		return NULL;
	}
	s[*len] = '\0';
	return s;
}

static float *
zpull_floats(struct zpull *z, size_t n)
{
	float *f = xmalloc(n, sizeof(float));
	size_t i;

	if (zpull(z, f, n * sizeof(float)) < 0) {
		free(f);
		return NULL;
	}
	if (!host_is_le())
		for (i = 0; i < n; i++) {
			uint32_t u = get_u32((unsigned char *)&f[i]);

			memcpy(&f[i], &u, 4);
		}
	return f;
}

/* The settings and the vocabulary: the first two parts of the payload. */
static int
load_head(struct model *md, struct zpull *z, const char *path)
{
	uint32_t len;
	char *text, *name;
	size_t n;

	if (!(text = zpull_text(z, &len))) {
		rv_warn("%s: inconsistent model: the payload ends in the settings", path);
		return -1;
	}
	if (settings_parse(md, text, path) < 0) {
		free(text);
		return -1;
	}
	free(text);
	if (!(text = zpull_text(z, &len))) {
		rv_warn("%s: inconsistent model: the payload ends in the vocabulary", path);
		return -1;
	}
	n = strlen(path) + 16;
	name = xmalloc(n, 1);
	snprintf(name, n, "%s(vocabulary)", path);
	md->vocab = vocab_parse(text, len, name);
	free(name);
	free(text);
	return md->vocab ? 0 : -1;
}

/* The configuration against itself and the vocabulary; 0 or -1 after a message. */
static int
check_config(const struct model *md, const char *path)
{
	const struct nn_config *c = &md->c;
	const char *what = NULL;

	if (c->V < 3 || (size_t)c->V != md->vocab->n)
		what = "V";
	else if (c->K < 1 || (size_t)c->K != md->vocab->nlabel)
		what = "K";
	else if (c->T < 1 || c->T > (1 << 24))
		what = "T";
	else if (c->E < 1 || c->E > (1 << 16))
		what = "E";
	else if (c->H < 1 || c->H > (1 << 16))
		what = "H";
	else if (c->L < 1 || c->L > 3)
		what = "L";
	else if (c->D < 1 || c->D > (1 << 16))
		what = "D";
	else if (!(c->drop_emb >= 0 && c->drop_emb < 1 && c->drop_seq >= 0 &&
	    c->drop_seq < 1 && c->drop_vec >= 0 && c->drop_vec < 1 &&
	    c->drop_dense >= 0 && c->drop_dense < 1))
		what = "dropout";
	if (!what)
		return 0;
	if (!strcmp(what, "V"))
		rv_warn("%s: inconsistent model: V is %d, the vocabulary has %zu entries",
		    path, c->V, md->vocab->n);
	else if (!strcmp(what, "K"))
		rv_warn("%s: inconsistent model: K is %d, the vocabulary has %zu labels",
		    path, c->K, md->vocab->nlabel);
	else
		rv_warn("%s: inconsistent model: %s is out of range", path, what);
	return -1;
}

/* model_open: the mapped file the parameters are copied from. */
struct model_file {
	struct frame f;
	struct stored *st;
	uint64_t at;		/* payload offset of the first parameter */
};

/* model_load, or with lazy != 0 model_open. */
static struct model *
load(const char *path, int lazy)
{
	struct frame f;
	struct zpull z;
	struct model *md;
	unsigned char num[8];
	uint64_t np, need;
	int nblob;

	if (frame_open(&f, path) < 0)
		return NULL;
	md = xcalloc(1, sizeof(*md));
	md->version = f.version;
	md->flags = f.flags;
	zpull_init(&z, &f);
	if (load_head(md, &z, path) < 0 || check_config(md, path) < 0)
		goto bad;
	if (zpull(&z, num, 8) < 0) {
		rv_warn("%s: inconsistent model: the payload ends before the parameters",
		    path);
		goto bad;
	}
	np = get_u64(num);
	nblob = (md->flags & MODEL_CHECKPOINT) ? md->tr.ema > 0 ? 5 : 4 : 1;
	need = np <= MAX_PARAMS ? np * 4 * nblob : 0;
	if (np == 0 || np > MAX_PARAMS || need != z.left) {
		rv_warn("%s: inconsistent model: %llu parameters need %llu bytes, "
		    "the payload has %llu", path, (unsigned long long)np,
		    (unsigned long long)np * 4 * nblob, (unsigned long long)z.left);
		goto bad;
	}
	md->nparams = (size_t)np;
	if (lazy && z.st) {
		/* the parameters stay in the file: keep it mapped */
		md->file = xcalloc(1, sizeof(*md->file));
		md->file->f = f;
		md->file->st = z.st;
		md->file->at = z.pos;
		return md;
	}
	if (!(md->param = zpull_floats(&z, md->nparams)) ||
	    (nblob >= 4 && (!(md->cur = zpull_floats(&z, md->nparams)) ||
	    !(md->adam_m = zpull_floats(&z, md->nparams)) ||
	    !(md->adam_v = zpull_floats(&z, md->nparams)))) ||
	    (nblob == 5 && !(md->ema = zpull_floats(&z, md->nparams)))) {
		rv_warn("%s: inconsistent model: the payload ends in the parameters", path);
		goto bad;
	}
	/* the stream must end exactly here */
	if (!z.end) {
		unsigned char extra;

		z.left = 1;
		if (zpull(&z, &extra, 1) == 0 || !z.end) {
			rv_warn("%s: inconsistent model: data after the parameters", path);
			goto bad;
		}
	}
	zpull_end(&z);
	frame_close(&f);
	return md;
bad:
	zpull_end(&z);
	frame_close(&f);
	model_free(md);
	return NULL;
}

struct model *
model_load(const char *path)
{
	return load(path, 0);
}

struct model *
model_open(const char *path)
{
	return load(path, 1);
}

void
model_read(const struct model *md, size_t off, size_t n, float *dst)
{
	size_t i;

	if (off > md->nparams || n > md->nparams - off)
		rv_die(1, "model_read: parameters %zu..%zu of %zu", off, off + n, md->nparams);
	if (!md->file) {
		memcpy(dst, md->param + off, n * sizeof(float));
		return;
	}
	stored_copy(md->file->st, md->file->at + (uint64_t)off * sizeof(float), dst,
	    n * sizeof(float));
	if (!host_is_le())
		for (i = 0; i < n; i++) {
			uint32_t u = get_u32((unsigned char *)&dst[i]);

			memcpy(&dst[i], &u, 4);
		}
}

void
model_free(struct model *md)
{
	if (!md)
		return;
	if (md->file) {
		frame_close(&md->file->f);
		stored_free(md->file->st);
		free(md->file);
	}
	if (md->vocab)
		vocab_free(md->vocab);
	free(md->param);
	free(md->cur);
	free(md->adam_m);
	free(md->adam_v);
	free(md->ema);
	free(md);
}

int
model_sniff(const char *path)
{
	FILE *fp = fopen(path, "rb");
	unsigned char b[8];
	size_t got;

	if (!fp) {
		rv_warn("%s: %s", path, strerror(errno));
		return -1;
	}
	got = fread(b, 1, 8, fp);
	if (ferror(fp)) {
		rv_warn("%s: %s", path, strerror(errno ? errno : EIO));
		fclose(fp);
		return -1;
	}
	fclose(fp);
	return got == 8 && !memcmp(b, magic, 8);
}

struct model *
model_load_head(const char *path)
{
	struct frame f;
	struct zpull z;
	struct model *md;

	if (frame_open(&f, path) < 0)
		return NULL;
	md = xcalloc(1, sizeof(*md));
	md->version = f.version;
	md->flags = f.flags;
	zpull_init(&z, &f);
	if (load_head(md, &z, path) < 0 || check_config(md, path) < 0) {
		model_free(md);
		md = NULL;
	}
	zpull_end(&z);
	frame_close(&f);
	return md;
}

struct vocab *
model_load_vocab(const char *path)
{
	struct model *md = model_load_head(path);
	struct vocab *v;

	if (!md)
		return NULL;
	v = md->vocab;
	md->vocab = NULL;
	model_free(md);
	return v;
}
