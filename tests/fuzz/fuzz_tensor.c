/*
 * fuzz_tensor.c: the tensor stream reader (tensor_open, tensor_read), fed
 * through an in-memory file, plain or gzip.  Every record it accepts must
 * be in range, and writing the header and records out again must read
 * back the same.
 */
#include "fuzz.h"
#include "tensor.h"
#include "util.h"

#define TENSOR_FUZZ_MAXREC 4096

/* Write what t read (header, then recs) to a new in-memory file and read
 * it back: the same header and records. */
static void
tensor_fuzz_again(const struct tensor_hdr *h, const uint32_t *ids,
    const int32_t *lab, const uint32_t *len, long nrec)
{
	struct tensor_reader *t;
	struct tensor_rec rec;
	struct wr *w;
	char path[64];
	long i;
	int fd;

	fd = fuzz_memfile("", 0, path, sizeof(path));
	FUZZ_CHECK((w = wr_open(path, (int)(nrec & 1))) != NULL);
	FUZZ_CHECK(tensor_write_header(w, h) == 0);
	for (i = 0; i < nrec; i++) {
		rec.label = lab[i];
		rec.len = len[i];
		rec.ids = (uint32_t *)ids + (size_t)i * h->seqlen;
		FUZZ_CHECK(tensor_write(w, h, &rec) == 0);
	}
	FUZZ_CHECK(wr_close(w) == 0);
	FUZZ_CHECK((t = tensor_open(path)) != NULL);
	FUZZ_CHECK(t->h.seqlen == h->seqlen && t->h.vocab_size == h->vocab_size &&
	    t->h.vocab_sum == h->vocab_sum && t->h.nclass == h->nclass);
	for (i = 0; i < (long)h->nclass; i++)
		FUZZ_CHECK(!strcmp(t->h.classes[i], h->classes[i]));
	rec.ids = xmalloc(h->seqlen, sizeof(*rec.ids));
	for (i = 0; i < nrec; i++) {
		FUZZ_CHECK(tensor_read(t, &rec) == 1);
		FUZZ_CHECK(rec.label == lab[i] && rec.len == len[i]);
		FUZZ_CHECK(!memcmp(rec.ids, ids + (size_t)i * h->seqlen,
		    h->seqlen * sizeof(*rec.ids)));
	}
	FUZZ_CHECK(tensor_read(t, &rec) == 0);
	FUZZ_CHECK(tensor_close(t) == 0);
	free(rec.ids);
	close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tensor_reader *t;
	struct tensor_rec rec;
	uint32_t *ids = NULL, *len = NULL, i;
	int32_t *lab = NULL;
	char path[64];
	long nrec = 0;
	int fd, r = 0;

	fd = fuzz_memfile(data, size, path, sizeof(path));
	if (!(t = tensor_open(path))) {
		close(fd);
		return 0;
	}
	FUZZ_CHECK(t->h.version >= 1 && t->h.version <= TENSOR_VERSION);
	FUZZ_CHECK(t->h.seqlen >= 1 && t->h.seqlen <= TENSOR_MAX_SEQLEN);
	FUZZ_CHECK(t->h.vocab_size >= 2 && t->h.nclass <= TENSOR_MAX_CLASSES);
	for (i = 0; i < t->h.nclass; i++)
		FUZZ_CHECK(t->h.classes[i] && *t->h.classes[i]);
	rec.ids = xmalloc(t->h.seqlen, sizeof(*rec.ids));
	while (nrec < TENSOR_FUZZ_MAXREC && (r = tensor_read(t, &rec)) == 1) {
		FUZZ_CHECK(rec.label >= -1 && rec.label < (int64_t)t->h.nclass);
		FUZZ_CHECK(rec.len <= t->h.seqlen);
		for (i = 0; i < t->h.seqlen; i++)
			FUZZ_CHECK(i < rec.len ? rec.ids[i] < t->h.vocab_size : rec.ids[i] == 0);
		ids = xrealloc(ids, (size_t)(nrec + 1) * t->h.seqlen, sizeof(*ids));
		lab = xrealloc(lab, (size_t)nrec + 1, sizeof(*lab));
		len = xrealloc(len, (size_t)nrec + 1, sizeof(*len));
		memcpy(ids + (size_t)nrec * t->h.seqlen, rec.ids, t->h.seqlen * sizeof(*ids));
		lab[nrec] = rec.label;
		len[nrec] = rec.len;
		nrec++;
		FUZZ_CHECK(t->nrec == nrec);
	}
	FUZZ_CHECK(r >= -1 && r <= 1);
	/* the records read so far are well formed: they survive a round trip
	 * (kept small: seqlen can be large) */
	if (r != -1 && (size_t)nrec * t->h.seqlen <= (1u << 16))
		tensor_fuzz_again(&t->h, ids, lab, len, nrec);
	free(rec.ids);
	free(ids);
	free(lab);
	free(len);
	tensor_close(t);
	close(fd);
	return 0;
}
