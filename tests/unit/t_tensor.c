/* t_tensor: the tensor stream writer and reader, good streams and damaged ones. */
#include "unit.h"
#include "capture.h"

#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <zlib.h>

#include "tensor.h"
#include "util.h"

#define T 5
#define V 10

static char *classes[] = {"neg", "pos"};
static const struct tensor_hdr hdr = {
	.version = 1, .seqlen = T, .vocab_size = V, .vocab_sum = 0xdeadbeefu,
	.nclass = 2, .keep = TENSOR_KEEP_HEAD, .classes = classes,
};
static uint32_t ids[3][T] = {
	{2, 3, 4, 5, 9},
	{7, 1, 77, 77, 77},	/* len 2: the 77s must not be written */
	{0, 0, 0, 0, 0},	/* len 0 */
};
static const struct tensor_rec recs[3] = {
	{1, T, ids[0]}, {0, 2, ids[1]}, {-1, 0, ids[2]},
};
/* header: magic 8, 5 u32, 2 names (4 + 3 each), crc 4 */
#define HDR_BYTES (8 + 20 + 2 * 7 + 4)
#define REC_BYTES (8 + 4 * T)

static char path[] = "/tmp/t_tensor.XXXXXX";

static void
write_stream(const char *p, int gz, int nrec)
{
	struct wr *w = wr_open(p, gz);
	int i, rc;

	rc = tensor_write_header(w, &hdr);
	for (i = 0; i < nrec; i++)
		rc |= tensor_write(w, &hdr, &recs[i]);
	rc |= wr_close(w);
	CHECK(rc == 0);
}

static size_t
slurp(const char *p, unsigned char *out, size_t cap)
{
	FILE *fp = fopen(p, "rb");
	size_t n = fread(out, 1, cap, fp);

	fclose(fp);
	return n;
}

static void
spit(const char *p, const unsigned char *data, size_t n)
{
	FILE *fp = fopen(p, "wb");

	fwrite(data, 1, n, fp);
	fclose(fp);
}

/* Read every record of p; returns records read, *last the final tensor_read result. */
static int
read_all(const char *p, int *last, int check)
{
	struct tensor_reader *t = tensor_open(p);
	uint32_t *got;
	struct tensor_rec r;
	int n = 0, k;

	*last = -2;
	if (!t)
		return -1;
	got = r.ids = xcalloc(t->h.seqlen, sizeof(uint32_t));
	while ((k = tensor_read(t, &r)) == 1) {
		if (check && n < 3) {
			CHECK(r.label == recs[n].label && r.len == recs[n].len);
			CHECK(!memcmp(got, ids[n], r.len * sizeof(uint32_t)));
			for (uint32_t i = r.len; i < T; i++)
				CHECK(got[i] == 0);
		}
		n++;
	}
	*last = k;
	CHECK(t->nrec == n);
	tensor_close(t);
	free(got);
	return n;
}

static void
test_roundtrip(void)
{
	unsigned char b[1024];
	struct tensor_reader *t;
	size_t n;
	int last;

	write_stream(path, 0, 3);
	n = slurp(path, b, sizeof(b));
	CHECK(n == HDR_BYTES + 3 * REC_BYTES);
	CHECK(!memcmp(b, "RVTENSOR", 8));
	CHECK(get_u32(b + 8) == 1 && get_u32(b + 12) == T && get_u32(b + 16) == V);
	CHECK(get_u32(b + 20) == 0xdeadbeefu && get_u32(b + 24) == 2);
	CHECK(get_u32(b + 28) == 3 && !memcmp(b + 32, "neg", 3));
	CHECK(get_u32(b + HDR_BYTES - 4) == (uint32_t)crc32(0, b, HDR_BYTES - 4));
	/* record 2: label 0, len 2, ids 7 1 then zero padding */
	CHECK(get_u32(b + HDR_BYTES + REC_BYTES) == 0);
	CHECK(get_u32(b + HDR_BYTES + REC_BYTES + 4) == 2);
	CHECK(get_u32(b + HDR_BYTES + REC_BYTES + 12) == 1);
	CHECK(get_u32(b + HDR_BYTES + REC_BYTES + 16) == 0);
	/* record 3: label -1 */
	CHECK(get_u32(b + HDR_BYTES + 2 * REC_BYTES) == 0xffffffffu);

	t = tensor_open(path);
	CHECK(t != NULL);
	if (t) {
		CHECK(t->h.version == 1 && t->h.seqlen == T && t->h.vocab_size == V);
		CHECK(t->h.vocab_sum == 0xdeadbeefu && t->h.nclass == 2);
		CHECK(!strcmp(t->h.classes[0], "neg") && !strcmp(t->h.classes[1], "pos"));
		tensor_close(t);
	}
	CHECK(read_all(path, &last, 1) == 3 && last == 0);

	/* gzip output reads back the same */
	write_stream(path, 1, 3);
	n = slurp(path, b, sizeof(b));
	CHECK(n > 2 && b[0] == 0x1f && b[1] == 0x8b);
	CHECK(read_all(path, &last, 1) == 3 && last == 0);

	/* header only */
	write_stream(path, 0, 0);
	CHECK(read_all(path, &last, 1) == 0 && last == 0);
}

/* Reading from a pipe: no seeking. */
static void
test_pipe(void)
{
	int fd[2], saved, last, status;
	pid_t pid;

	write_stream(path, 1, 3);
	CHECK(pipe(fd) == 0);
	pid = fork();
	if (pid == 0) {
		unsigned char b[1024];
		FILE *fp = fopen(path, "rb");
		size_t n = fread(b, 1, sizeof(b), fp), i;

		close(fd[0]);
		for (i = 0; i < n; i++)	/* a byte at a time */
			if (write(fd[1], b + i, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(fd[1]);
	saved = dup(0);
	dup2(fd[0], 0);
	close(fd[0]);
	CHECK(read_all("-", &last, 1) == 3 && last == 0);
	dup2(saved, 0);
	close(saved);
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* p holds n bytes: opening or reading fails with one message containing want. */
static void
check_bad(const unsigned char *b, size_t n, int gz, const char *want)
{
	struct capture c;
	int got, last;

	if (gz) {
		gzFile z = gzopen(path, "wb");

		gzwrite(z, b, (unsigned)n);
		gzclose(z);
	} else {
		spit(path, b, n);
	}
	capture_begin(&c);
	got = read_all(path, &last, 0);
	capture_end(&c);
	CHECKF(got < 0 || last == -1, "want failure: %s", want);
	CHECKF(strstr(c.text, want) != NULL, "message \"%s\" lacks \"%s\"", c.text, want);
	CHECKF(capture_lines(c.text) == 1, "%d lines: %s", capture_lines(c.text), c.text);
}

static void
test_damaged(void)
{
	unsigned char good[1024], b[1024];
	size_t n;
	char want[256];
	uint32_t crc;
	int gz;

	write_stream(path, 0, 3);
	n = slurp(path, good, sizeof(good));
	for (gz = 0; gz < 2; gz++) {
		check_bad(good, 0, gz, "empty input, not a tensor stream");
		memcpy(b, good, n);
		b[0] = 'X';
		check_bad(b, n, gz, "not a tensor stream");
		check_bad((const unsigned char *)"hello world\n", 12, gz, "not a tensor stream");
		check_bad(good, 5, gz, "truncated header: got 5 of 8 bytes");
		check_bad(good, 30, gz, "truncated header: got 30 of 32 bytes");
		check_bad(good, 33, gz, "truncated header: got 33 of 35 bytes");
		check_bad(good, HDR_BYTES - 1, gz, "truncated header: got 45 of 46 bytes");

		memcpy(b, good, n);
		put_u32(b + 8, 3);
		check_bad(b, n, gz, "version 3 is newer than this program reads (2)");

		memcpy(b, good, n);
		b[33] = 'X';	/* a class name byte */
		check_bad(b, n, gz, "damaged header (checksum mismatch)");

		memcpy(b, good, n);
		put_u32(b + 12, 0);
		check_bad(b, n, gz, "damaged header (sequence length 0)");

		memcpy(b, good, n);
		put_u32(b + 28, 1u << 30);
		check_bad(b, n, gz, "damaged header (class name of 1073741824 bytes)");

		snprintf(want, sizeof(want), "%s: truncated record 2: got 7 of %d bytes",
		    path, REC_BYTES);
		check_bad(good, HDR_BYTES + REC_BYTES + 7, gz, want);
		snprintf(want, sizeof(want), "truncated record 3: got %d of %d bytes",
		    REC_BYTES - 1, REC_BYTES);
		check_bad(good, n - 1, gz, want);

		memcpy(b, good, n);
		put_u32(b + HDR_BYTES + REC_BYTES, 2);
		check_bad(b, n, gz, "record 2: label 2 out of range (-1..1)");
		memcpy(b, good, n);
		put_u32(b + HDR_BYTES + REC_BYTES, (uint32_t)-2);
		check_bad(b, n, gz, "record 2: label -2 out of range (-1..1)");
		memcpy(b, good, n);
		put_u32(b + HDR_BYTES + 4, T + 1);
		check_bad(b, n, gz, "record 1: length 6 exceeds the sequence length 5");
		memcpy(b, good, n);
		put_u32(b + HDR_BYTES + 8 + 4 * 4, V);
		check_bad(b, n, gz, "record 1: id 10 out of range (0..9)");
		memcpy(b, good, n);
		put_u32(b + HDR_BYTES + REC_BYTES + 8 + 4 * 3, 4);
		check_bad(b, n, gz, "record 2: padding id 4 is not 0");
	}
	/* a damaged header checksum itself */
	memcpy(b, good, n);
	crc = get_u32(b + HDR_BYTES - 4);
	put_u32(b + HDR_BYTES - 4, crc ^ 1);
	check_bad(b, n, 0, "damaged header (checksum mismatch)");
	/* a gzip stream cut short is reported by the reader of io.h */
	{
		gzFile z = gzopen(path, "wb");
		unsigned char zb[1024];
		size_t zn;

		gzwrite(z, good, (unsigned)n);
		gzclose(z);
		zn = slurp(path, zb, sizeof(zb));
		spit(path, zb, zn - 10);
		{
			struct capture c;
			int got, last;

			capture_begin(&c);
			got = read_all(path, &last, 0);
			capture_end(&c);
			CHECK(got < 0 || last == -1);
			CHECKF(strstr(c.text, "truncated gzip data") != NULL, "%s", c.text);
		}
	}
}

/*
 * -k tail is recorded: a version 2 header with the keep field after the
 * class count; a head stream is still written as version 1, which reads
 * back as head.
 */
static void
test_keep(void)
{
	struct tensor_hdr h = hdr;
	struct tensor_reader *t;
	unsigned char b[1024];
	struct wr *w;
	size_t n;
	int rc, last;

	h.keep = TENSOR_KEEP_TAIL;
	w = wr_open(path, 0);
	rc = tensor_write_header(w, &h);
	rc |= tensor_write(w, &h, &recs[0]);
	rc |= wr_close(w);
	CHECK(rc == 0);
	n = slurp(path, b, sizeof(b));
	CHECK(n == HDR_BYTES + 4 + REC_BYTES);
	CHECK(get_u32(b + 8) == 2 && get_u32(b + 24) == 2 && get_u32(b + 28) == TENSOR_KEEP_TAIL);
	CHECK(get_u32(b + 32) == 3 && !memcmp(b + 36, "neg", 3));
	CHECK(get_u32(b + HDR_BYTES) == (uint32_t)crc32(0, b, HDR_BYTES));
	t = tensor_open(path);
	CHECK(t != NULL);
	if (t) {
		CHECK(t->h.version == 2 && t->h.keep == TENSOR_KEEP_TAIL && t->h.nclass == 2);
		CHECK(!strcmp(t->h.classes[1], "pos"));
		tensor_close(t);
	}
	CHECK(read_all(path, &last, 1) == 1 && last == 0);
	/* a keep that is neither */
	put_u32(b + 28, 7);
	put_u32(b + HDR_BYTES, (uint32_t)crc32(0, b, HDR_BYTES));
	check_bad(b, n, 0, "damaged header (keep 7)");
	/* head: version 1, keep read as head */
	write_stream(path, 0, 1);
	t = tensor_open(path);
	CHECK(t != NULL);
	if (t) {
		CHECK(t->h.version == 1 && t->h.keep == TENSOR_KEEP_HEAD);
		tensor_close(t);
	}
	CHECK(!strcmp(tensor_keep_name(TENSOR_KEEP_TAIL), "tail"));
	CHECK(!strcmp(tensor_keep_name(TENSOR_KEEP_HEAD), "head"));
}

/* Streams concatenate: a repeated identical header is skipped. */
static void
test_concat(void)
{
	unsigned char good[1024], b[4096], hb[1024];
	size_t n, hn, m;
	int last, seq;

	write_stream(path, 0, 3);
	n = slurp(path, good, sizeof(good));
	write_stream(path, 0, 0);
	hn = slurp(path, hb, sizeof(hb));
	CHECK(hn == HDR_BYTES);

	/* record (28 bytes) shorter than the header (46) */
	memcpy(b, good, n);
	memcpy(b + n, good, n);
	spit(path, b, 2 * n);
	CHECK(read_all(path, &last, 0) == 6 && last == 0);
	/* header only streams in between, and at the end */
	memcpy(b, good, n);
	memcpy(b + n, hb, hn);
	memcpy(b + n + hn, good, n);
	memcpy(b + 2 * n + hn, hb, hn);
	spit(path, b, 2 * n + 2 * hn);
	CHECK(read_all(path, &last, 0) == 6 && last == 0);
	/* a second header cut short */
	spit(path, b, n + 20);
	{
		struct capture c;
		int got;

		capture_begin(&c);
		got = read_all(path, &last, 0);
		capture_end(&c);
		CHECK(got == 3 && last == -1);
		CHECKF(strstr(c.text, "after record 3: truncated header: got 20 of 46 bytes") &&
		    capture_lines(c.text) == 1, "%s", c.text);
	}
	/* a header of another vocabulary */
	memcpy(b, good, n);
	memcpy(b + n, good, n);
	put_u32(b + n + 20, 0x12345678);
	check_bad(b, 2 * n, 0, "after record 3: a header that differs from the first");

	/* records (88 bytes) longer than the header (32) */
	for (seq = 0; seq < 2; seq++) {
		struct tensor_hdr h = {.version = 1, .seqlen = 20, .vocab_size = V, .vocab_sum = 7};
		uint32_t x[20] = {2, 3, 4};
		struct tensor_rec r = {-1, 3, x};
		struct wr *w = wr_open(path, 0);

		tensor_write_header(w, &h);
		tensor_write(w, &h, &r);
		tensor_write(w, &h, &r);
		wr_close(w);
		m = slurp(path, b, sizeof(b));
		CHECK(m == 32 + 2 * 88);
		memcpy(b + m, b, m);
		memcpy(b + 2 * m, b, 32);
		spit(path, b, seq ? 2 * m : 2 * m + 32);
		CHECK(read_all(path, &last, 0) == 4 && last == 0);
	}
	/* leftover after a header that is then cut short */
	spit(path, b, m + 32 + 50);
	{
		struct capture c;
		int got;

		capture_begin(&c);
		got = read_all(path, &last, 0);
		capture_end(&c);
		CHECK(got == 2 && last == -1);
		CHECKF(strstr(c.text, "truncated record 3: got 50 of 88 bytes"), "%s", c.text);
	}
}

int
main(void)
{
	int fd = mkstemp(path);

	close(fd);
	test_roundtrip();
	test_pipe();
	test_damaged();
	test_keep();
	test_concat();
	unlink(path);
	return UNIT_DONE();
}
