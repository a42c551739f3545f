/* tensor.c: the tensor stream (rv-tensor(5)): header and fixed-size records. */
#include "tensor.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static const char magic[8] = "RVTENSOR";

static void
add_u32(struct buf *b, uint32_t v)
{
	unsigned char u[4];

	put_u32(u, v);
	buf_add(b, u, 4);
}

int
tensor_write_header(struct wr *w, const struct tensor_hdr *h)
{
	struct buf b = {0};
	uint32_t i;
	int rc;

	buf_add(&b, magic, sizeof(magic));
	add_u32(&b, h->keep == TENSOR_KEEP_HEAD ? 1 : 2);
	add_u32(&b, h->seqlen);
	add_u32(&b, h->vocab_size);
	add_u32(&b, h->vocab_sum);
	add_u32(&b, h->nclass);
	if (h->keep != TENSOR_KEEP_HEAD)
		add_u32(&b, h->keep);
	for (i = 0; i < h->nclass; i++) {
		size_t n = strlen(h->classes[i]);

		add_u32(&b, (uint32_t)n);
		buf_add(&b, h->classes[i], n);
	}
	add_u32(&b, (uint32_t)crc32_z(0, (const unsigned char *)b.p, b.n));
	rc = wr_write(w, b.p, b.n);
	buf_free(&b);
	return rc;
}

const char *
tensor_keep_name(uint32_t keep)
{
	return keep == TENSOR_KEEP_TAIL ? "tail" : "head";
}

int
tensor_write(struct wr *w, const struct tensor_hdr *h, const struct tensor_rec *rec)
{
	unsigned char out[4096];
	size_t n = 0;
	uint32_t i;

	put_u32(out, (uint32_t)rec->label);
	put_u32(out + 4, rec->len);
	n = 8;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (8 + 4 * (size_t)h->seqlen <= sizeof(out) && rec->len <= h->seqlen) {
		/* the ids are little-endian already: one copy, then the padding */
		memcpy(out + 8, rec->ids, 4 * (size_t)rec->len);
		memset(out + 8 + 4 * (size_t)rec->len, 0, 4 * (size_t)(h->seqlen - rec->len));
		return wr_write(w, out, 8 + 4 * (size_t)h->seqlen);
	}
#endif
	for (i = 0; i < h->seqlen; i++) {
		if (n == sizeof(out)) {
			if (wr_write(w, out, n))
				return 1;
			n = 0;
		}
		put_u32(out + n, i < rec->len ? rec->ids[i] : 0);
		n += 4;
	}
	return wr_write(w, out, n);
}

void
tensor_hdr_free(struct tensor_hdr *h)
{
	uint32_t i;

	if (h->classes)
		for (i = 0; i < h->nclass; i++)
			free(h->classes[i]);
	free(h->classes);
	h->classes = NULL;
	h->nclass = 0;
}

/* Read n more header bytes onto hb; 0, or -1 after a message. */
static int
hdr_need(struct tensor_reader *t, struct buf *hb, size_t n)
{
	unsigned char tmp[256];
	size_t want = hb->n + n;

	while (n > 0) {
		size_t k = n < sizeof(tmp) ? n : sizeof(tmp);
		size_t got = rd_read(t->rd, tmp, k);

		buf_add(hb, tmp, got);
		n -= got;
		if (got < k) {
			if (!rd_error(t->rd))
				rv_warn("%s: truncated header: got %zu of %zu bytes",
				    t->name, hb->n, want);
			return -1;
		}
	}
	return 0;
}

static void
reader_free(struct tensor_reader *t)
{
	tensor_hdr_free(&t->h);
	free(t->raw);
	free(t->hdr);
	free(t);
}

struct tensor_reader *
tensor_open(const char *path)
{
	struct tensor_reader *t;
	struct buf hb = {0};
	const unsigned char *u;
	struct tensor_hdr *h;
	uint32_t i, crc;
	char m[sizeof(magic)];
	size_t got;

	t = xcalloc(1, sizeof(*t));
	if (!(t->rd = rd_open(path))) {
		free(t);
		return NULL;
	}
	t->name = rd_name(t->rd);
	h = &t->h;
	got = rd_read(t->rd, m, sizeof(m));
	if (rd_error(t->rd))
		goto bad;
	if (got < sizeof(magic) || memcmp(m, magic, sizeof(magic))) {
		if (got == 0)
			rv_warn("%s: empty input, not a tensor stream", t->name);
		else if (!memcmp(m, magic, got))
			rv_warn("%s: truncated header: got %zu of %zu bytes",
			    t->name, got, sizeof(magic));
		else
			rv_warn("%s: not a tensor stream", t->name);
		goto bad;
	}
	buf_add(&hb, m, sizeof(m));
	if (hdr_need(t, &hb, 4) < 0)
		goto bad;
	h->version = get_u32((unsigned char *)hb.p + 8);
	if (h->version > TENSOR_VERSION) {
		rv_warn("%s: version %lu is newer than this program reads (%d)",
		    t->name, (unsigned long)h->version, TENSOR_VERSION);
		goto bad;
	}
	if (h->version == 0) {
		rv_warn("%s: damaged header (version 0)", t->name);
		goto bad;
	}
	if (hdr_need(t, &hb, 16) < 0)
		goto bad;
	u = (unsigned char *)hb.p + 12;
	h->seqlen = get_u32(u);
	h->vocab_size = get_u32(u + 4);
	h->vocab_sum = get_u32(u + 8);
	h->nclass = get_u32(u + 12);
	if (h->seqlen == 0 || h->seqlen > TENSOR_MAX_SEQLEN) {
		rv_warn("%s: damaged header (sequence length %lu)", t->name,
		    (unsigned long)h->seqlen);
		goto bad;
	}
	if (h->vocab_size < 2) {
		rv_warn("%s: damaged header (vocabulary size %lu)", t->name,
		    (unsigned long)h->vocab_size);
		goto bad;
	}
	if (h->nclass > TENSOR_MAX_CLASSES) {
		rv_warn("%s: damaged header (%lu classes)", t->name,
		    (unsigned long)h->nclass);
		goto bad;
	}
	h->keep = TENSOR_KEEP_HEAD;
	if (h->version >= 2) {
		if (hdr_need(t, &hb, 4) < 0)
			goto bad;
		h->keep = get_u32((unsigned char *)hb.p + hb.n - 4);
		if (h->keep != TENSOR_KEEP_HEAD && h->keep != TENSOR_KEEP_TAIL) {
			rv_warn("%s: damaged header (keep %lu)", t->name, (unsigned long)h->keep);
			goto bad;
		}
	}
	h->classes = xcalloc(h->nclass ? h->nclass : 1, sizeof(*h->classes));
	for (i = 0; i < h->nclass; i++) {
		uint32_t len;
		size_t at;

		if (hdr_need(t, &hb, 4) < 0)
			goto bad;
		len = get_u32((unsigned char *)hb.p + hb.n - 4);
		if (len == 0 || len > TENSOR_MAX_NAME) {
			rv_warn("%s: damaged header (class name of %lu bytes)",
			    t->name, (unsigned long)len);
			goto bad;
		}
		at = hb.n;
		if (hdr_need(t, &hb, len) < 0)
			goto bad;
		if (memchr(hb.p + at, '\0', len)) {
			rv_warn("%s: damaged header (NUL in class name)", t->name);
			goto bad;
		}
		h->classes[i] = xmalloc(len + 1, 1);
		memcpy(h->classes[i], hb.p + at, len);
		h->classes[i][len] = '\0';
	}
	crc = (uint32_t)crc32_z(0, (const unsigned char *)hb.p, hb.n);
	if (hdr_need(t, &hb, 4) < 0)
		goto bad;
	if (get_u32((unsigned char *)hb.p + hb.n - 4) != crc) {
		rv_warn("%s: damaged header (checksum mismatch)", t->name);
		goto bad;
	}
	t->hdr = (unsigned char *)hb.p;
	t->hdrsz = hb.n;
	t->recsz = 8 + 4 * (size_t)h->seqlen;
	t->raw = xmalloc(t->recsz, 1);
	return t;
bad:
	buf_free(&hb);
	rd_close(t->rd);
	reader_free(t);
	return NULL;
}

/*
 * raw holds got bytes that start with the magic: another stream's header
 * (streams concatenated).  Check it is the first header again and keep the
 * bytes after it in raw.  0, or -1 after a message.
 */
static int
skip_header(struct tensor_reader *t, size_t got)
{
	unsigned char *b = t->raw;
	size_t n = got;
	int same;

	if (got < t->hdrsz) {
		b = xmalloc(t->hdrsz, 1);
		memcpy(b, t->raw, got);
		n += rd_read(t->rd, b + got, t->hdrsz - got);
		if (rd_error(t->rd)) {
			free(b);
			return -1;
		}
	}
	same = !memcmp(b, t->hdr, n < t->hdrsz ? n : t->hdrsz);
	if (b != t->raw)
		free(b);
	if (same && n < t->hdrsz) {
		rv_warn("%s: after record %ld: truncated header: got %zu of %zu bytes",
		    t->name, t->nrec, n, t->hdrsz);
		return -1;
	}
	if (!same) {
		rv_warn("%s: after record %ld: a header that differs from the first",
		    t->name, t->nrec);
		return -1;
	}
	t->have = got > t->hdrsz ? got - t->hdrsz : 0;
	memmove(t->raw, t->raw + t->hdrsz, t->have);
	return 0;
}

int
tensor_read(struct tensor_reader *t, struct tensor_rec *rec)
{
	const struct tensor_hdr *h = &t->h;
	const unsigned char *u = t->raw + 8;
	long n = t->nrec + 1;
	size_t got;
	uint32_t i;

	for (;;) {
		got = t->have + rd_read(t->rd, t->raw + t->have, t->recsz - t->have);
		t->have = 0;
		if (rd_error(t->rd))
			return -1;
		if (got == 0)
			return 0;
		/* a record cannot start so: its label would be out of range */
		if (got < sizeof(magic) || memcmp(t->raw, magic, sizeof(magic)))
			break;
		if (skip_header(t, got) < 0)
			return -1;
	}
	if (got < t->recsz) {
		rv_warn("%s: truncated record %ld: got %zu of %zu bytes",
		    t->name, n, got, t->recsz);
		return -1;
	}
	rec->label = (int32_t)get_u32(t->raw);
	rec->len = get_u32(t->raw + 4);
	if (rec->label < -1 || rec->label >= (int64_t)h->nclass) {
		rv_warn("%s: record %ld: label %ld out of range (-1..%ld)", t->name,
		    n, (long)rec->label, (long)h->nclass - 1);
		return -1;
	}
	if (rec->len > h->seqlen) {
		rv_warn("%s: record %ld: length %lu exceeds the sequence length %lu",
		    t->name, n, (unsigned long)rec->len, (unsigned long)h->seqlen);
		return -1;
	}
	for (i = 0; i < h->seqlen; i++, u += 4) {
		uint32_t id = get_u32(u);

		if (i < rec->len && id >= h->vocab_size) {
			rv_warn("%s: record %ld: id %lu out of range (0..%lu)", t->name,
			    n, (unsigned long)id, (unsigned long)h->vocab_size - 1);
			return -1;
		}
		if (i >= rec->len && id != 0) {
			rv_warn("%s: record %ld: padding id %lu is not 0", t->name,
			    n, (unsigned long)id);
			return -1;
		}
		rec->ids[i] = id;
	}
	t->nrec = n;
	return 1;
}

int
tensor_close(struct tensor_reader *t)
{
	int rc;

	if (!t)
		return 0;
	rc = rd_close(t->rd);
	reader_free(t);
	return rc;
}
