/* tensor.h: the tensor stream (.rvt, rv-tensor(5)): one reader, one writer. */
#ifndef RV_TENSOR_H
#define RV_TENSOR_H

#include <stddef.h>
#include <stdint.h>

#include "io.h"

/*
 * The newest header this code reads.  Version 2 adds the keep field; a
 * writer writes version 1 when keep is TENSOR_KEEP_HEAD, so that what
 * older readers read is still written for them.
 */
#define TENSOR_VERSION 2

enum { TENSOR_KEEP_HEAD, TENSOR_KEEP_TAIL };	/* which end of a long line a record keeps */

struct tensor_hdr {
	uint32_t version;	/* as read (the writer chooses its own) */
	uint32_t seqlen;	/* T: ids per record */
	uint32_t vocab_size;	/* V: ids are < V (includes the 2 reserved ids) */
	uint32_t vocab_sum;	/* checksum of the vocabulary (struct vocab.sum) */
	uint32_t nclass;	/* K */
	uint32_t keep;		/* TENSOR_KEEP_* (rv-tokenize -k) */
	char **classes;		/* (K) class names, without "__label__" */
};

/* One record: label (class id, or -1 for none), true length, T ids (ids past len are 0). */
struct tensor_rec {
	int32_t label;
	uint32_t len;
	uint32_t *ids;		/* (T) */
};

struct tensor_reader {
	struct rd *rd;
	struct tensor_hdr h;
	long nrec;		/* records read so far */
	const char *name;
	/* private */
	unsigned char *raw;	/* (8 + 4T) bytes of one record */
	size_t recsz;
	unsigned char *hdr;	/* (hdrsz) the header as read, to recognise it again */
	size_t hdrsz;
	size_t have;		/* bytes of the next record already in raw */
};

/* Limits a reader accepts in a header (beyond them the header is damaged). */
#define TENSOR_MAX_SEQLEN (1u << 20)
#define TENSOR_MAX_CLASSES 65536u
#define TENSOR_MAX_NAME 4096u

/* Open and read the header; NULL after a one-line message (wrong magic,
 * newer version, truncated or damaged header). */
struct tensor_reader *tensor_open(const char *path);
/* Next record into rec (rec->ids must hold h.seqlen ids).  1 a record,
 * 0 clean end of stream, -1 error (message printed: truncated record with
 * the byte count, an id or label out of range, read error).  Streams may
 * be concatenated: a header identical to the first where a record would
 * start is skipped; a different one is an error. */
int tensor_read(struct tensor_reader *t, struct tensor_rec *rec);
/* Close; returns 1 if a read error happened. */
int tensor_close(struct tensor_reader *t);

/* Write h (its version field is not used: see TENSOR_VERSION). */
int tensor_write_header(struct wr *w, const struct tensor_hdr *h);
/* "head" or "tail" for a TENSOR_KEEP_* value. */
const char *tensor_keep_name(uint32_t keep);
int tensor_write(struct wr *w, const struct tensor_hdr *h, const struct tensor_rec *rec);

void tensor_hdr_free(struct tensor_hdr *h);

#endif
