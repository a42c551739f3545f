/*
 * fuzz_model.c: the model loader (model_load, model_load_vocab), fed
 * through an in-memory file.  The first byte picks how the rest is used:
 *   0  the file as it is;
 *   1  the file with its compressed size and checksum made right, so the
 *      payload's checks are reached;
 *   2  the payload, compressed and framed here (flags from the first byte).
 * A model it accepts must be consistent; a network built from it must
 * have the parameter count the file holds.
 */
#include <zlib.h>

#include "fuzz.h"
#include "model.h"

#define MODEL_FUZZ_HDR 32

static unsigned char *
model_fuzz_frame(const uint8_t *data, size_t size, int mode, int flags, size_t *outn)
{
	unsigned char *f;
	uLongf clen;
	size_t n;

	if (mode == 0) {
		f = xmalloc(size, 1);
		memcpy(f, data, size);
		*outn = size;
		return f;
	}
	if (mode == 1) {
		if (size < MODEL_FUZZ_HDR + 4)
			return NULL;
		f = xmalloc(size, 1);
		memcpy(f, data, size);
		put_u64(f + 24, size - MODEL_FUZZ_HDR - 4);
		put_u32(f + size - 4, (uint32_t)crc32(0, f, (uInt)(size - 4)));
		*outn = size;
		return f;
	}
	clen = compressBound(size);
	f = xmalloc(MODEL_FUZZ_HDR + clen + 4, 1);
	FUZZ_CHECK(compress2(f + MODEL_FUZZ_HDR, &clen, data, size, 1) == Z_OK);
	memcpy(f, MODEL_MAGIC, 8);
	put_u32(f + 8, MODEL_VERSION);
	put_u32(f + 12, (uint32_t)flags);
	put_u64(f + 16, size);
	put_u64(f + 24, clen);
	n = MODEL_FUZZ_HDR + clen;
	put_u32(f + n, (uint32_t)crc32(0, f, (uInt)n));
	*outn = n + 4;
	return f;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model *md;
	struct vocab *v;
	struct nn *m;
	unsigned char *f;
	char path[64];
	size_t n;
	int fd, mode;

	if (size < 1)
		return 0;
	mode = data[0] % 3;
	if (!(f = model_fuzz_frame(data + 1, size - 1, mode, (data[0] >> 2) & 1, &n)))
		return 0;
	fd = fuzz_memfile(f, n, path, sizeof(path));
	free(f);
	md = model_load(path);
	v = model_load_vocab(path);
	/* the vocabulary alone is read whenever the whole model is */
	FUZZ_CHECK(!md || v);
	if (md) {
		FUZZ_CHECK(md->vocab && md->param && md->nparams > 0);
		FUZZ_CHECK((size_t)md->c.V == md->vocab->n);
		FUZZ_CHECK((size_t)md->c.K == md->vocab->nlabel);
		FUZZ_CHECK(v->sum == md->vocab->sum);
		FUZZ_CHECK(!(md->flags & MODEL_CHECKPOINT) ||
		    (md->cur && md->adam_m && md->adam_v));
		/* what rv-predict does next: a network for it, or a message */
		if ((m = model_net(md, path, 1, 4, 0)) != NULL) {
			FUZZ_CHECK(m->nparams == md->nparams);
			nn_free(m);
		}
		model_free(md);
	}
	vocab_free(v);
	close(fd);
	return 0;
}
