/* t_modelopen: model_open and model_read: stored models read in place, across any block boundaries, the same parameters as model_load. */
#include "unit.h"
#include "capture.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "model.h"
#include "nn.h"
#include "util.h"
#include "vocab.h"

static char dir[64], path[128], other[128];

static struct vocab *
make_vocab(int n)
{
	struct vocab *v = vocab_new();
	char w[32];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(w, sizeof(w), "w%d", i);
		vocab_add_token(v, w, (uint64_t)(n - i) + 1);
	}
	vocab_add_label(v, "1", 4);
	vocab_add_label(v, "2", 6);
	vocab_set_prep(v, "digits=no scripts=latin stemmer=english stopwords=default");
	vocab_finish(v);
	return v;
}

/* A frame around payload pl (saying its size is claim), the stream made of
 * stored blocks of the sizes in sizes[] (0 allowed) then one final block
 * with the rest, or compressed at level 6 when sizes is NULL. */
static void
write_frame(const char *p, const unsigned char *pl, size_t n, const size_t *sizes, size_t claim)
{
	struct buf z = { 0 };
	unsigned char h[8];
	size_t at = 0, k;
	FILE *fp;

	buf_add(&z, "RVMODEL", 8);
	put_u32(h, 1);
	buf_add(&z, h, 4);
	put_u32(h, 0);
	buf_add(&z, h, 4);
	put_u64(h, claim);
	buf_add(&z, h, 8);
	buf_add(&z, h, 8);	/* the compressed size, set below */
	if (!sizes) {
		uLongf clen = compressBound(n);

		z.p = xrealloc(z.p, 32 + clen + 4, 1);
		compress2((unsigned char *)z.p + 32, &clen, pl, n, 6);
		z.n = 32 + clen;
	} else {
		buf_add(&z, "\x78\x01", 2);
		for (;; sizes++) {
			int last = *sizes == (size_t)-1 || n - at <= *sizes;

			k = last ? n - at : *sizes;
			h[0] = last;
			h[1] = k & 0xff;
			h[2] = k >> 8;
			h[3] = ~k & 0xff;
			h[4] = (~k >> 8) & 0xff;
			buf_add(&z, h, 5);
			buf_add(&z, pl + at, k);
			at += k;
			if (last)
				break;
		}
		k = adler32(1, pl, (uInt)n);
		h[0] = k >> 24;
		h[1] = k >> 16;
		h[2] = k >> 8;
		h[3] = k;
		buf_add(&z, h, 4);
	}
	put_u64((unsigned char *)z.p + 24, z.n - 32);
	put_u32(h, (uint32_t)crc32(0, (unsigned char *)z.p, (uInt)z.n));
	buf_add(&z, h, 4);
	fp = fopen(p, "wb");
	fwrite(z.p, 1, z.n, fp);
	fclose(fp);
	buf_free(&z);
}

/* The payload of a stored model file written by model_save. */
static unsigned char *
payload(const char *p, size_t *n)
{
	FILE *fp = fopen(p, "rb");
	unsigned char *f = malloc(1 << 22), *pl;
	size_t size = fread(f, 1, 1 << 22, fp), i = 34, len;
	int final = 0;

	fclose(fp);
	*n = get_u64(f + 16);
	pl = malloc(*n + 1);
	len = 0;
	while (!final && i + 5 <= size) {
		size_t k = f[i + 1] | (size_t)f[i + 2] << 8;

		final = f[i] & 1;
		memcpy(pl + len, f + i + 5, k);
		len += k;
		i += 5 + k;
	}
	CHECK(len == *n);
	free(f);
	return pl;
}

/* p opens with model_open, stored (in place) or not, and every way of
 * reading its parameters gives want[0..P). */
static void
check_reads(const char *p, const float *want, size_t P, int stored)
{
	struct model *md = model_open(p), *full;
	float *got = malloc(P * sizeof(float));
	size_t i, off, n;

	CHECKF(md != NULL, "%s: not opened", p);
	if (!md) {
		free(got);
		return;
	}
	CHECK(md->nparams == P);
	CHECK(stored ? md->file != NULL && md->param == NULL : md->param != NULL);
	model_read(md, 0, P, got);
	CHECK(!memcmp(got, want, P * sizeof(float)));
	for (i = 0; i < 200; i++) {
		off = (i * 7919 + i * i * 104729) % P;
		n = (i * 613) % (P - off) + (i % 3 == 0);
		if (off + n > P)
			n = P - off;
		memset(got, 0, P * sizeof(float));
		model_read(md, off, n, got);
		CHECKF(!memcmp(got, want + off, n * sizeof(float)), "%s: read %zu at %zu", p, n, off);
	}
	full = model_load(p);
	CHECK(full && full->nparams == P && !memcmp(full->param, want, P * sizeof(float)));
	CHECK(full && full->vocab->sum == md->vocab->sum && full->c.E == md->c.E);
	model_free(full);
	model_free(md);
	free(got);
}

static void
refused(const char *p, const char *want)
{
	struct capture c;
	struct model *md;
	const char *msg;

	capture_begin(&c);
	md = model_open(p);
	msg = capture_end(&c);
	CHECKF(md == NULL, "%s: accepted, wanted \"%s\"", p, want);
	model_free(md);
	CHECKF(strstr(msg, want) != NULL, "message \"%s\" lacks \"%s\"", msg, want);
	CHECKF(capture_lines(msg) == 1, "%d lines: %s", capture_lines(msg), msg);
}

int
main(void)
{
	struct vocab *v;
	struct model md;
	struct nn *net;
	unsigned char *pl;
	size_t P, n, i;
	float *w;
	FILE *fp;
	static const size_t odd[] = { 0, 1, 3, 0, 65535, 4097, 2, 0, 65534, (size_t)-1 };
	static const size_t small[] = { 5, 11, 13, 0, 17, (size_t)-1 };

	progname = "t_modelopen";
	snprintf(dir, sizeof(dir), "/tmp/t_modelopen.XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/m.rvm", dir);
	snprintf(other, sizeof(other), "%s/o.rvm", dir);

	/* a model whose embedding spans several 64 KiB stored blocks */
	v = make_vocab(1500);
	memset(&md, 0, sizeof(md));
	md.c.V = (int)v->n;
	md.c.T = 20;
	md.c.K = 2;
	md.c.E = 24;
	md.c.H = 5;
	md.c.L = 1;
	md.c.D = 4;
	md.c.pool = NN_POOL_MAX;
	md.vocab = v;
	net = nn_new(&md.c, 1);
	P = net->nparams;
	w = malloc(P * sizeof(float));
	for (i = 0; i < P; i++)
		w[i] = (float)i * 0.5f - 3.25f;
	md.nparams = P;
	md.param = w;
	CHECK(P * 4 > 2 * 65535);
	CHECK(model_save(path, &md) == 0);
	check_reads(path, w, P, 1);

	/* the same payload in other stored blocks, and compressed */
	pl = payload(path, &n);
	write_frame(other, pl, n, odd, n);
	check_reads(other, w, P, 1);
	write_frame(other, pl, n, NULL, n);
	check_reads(other, w, P, 0);

	/* stored blocks that do not add up to the size the frame says: not read
	 * in place, and inflating finds the payload short or long */
	write_frame(other, pl, n - 4, small, n);
	refused(other, "inconsistent model");
	write_frame(other, pl, n, small, n - 4);
	refused(other, "inconsistent model");
	/* damage anywhere is refused, also in parameters never read */
	write_frame(other, pl, n, odd, n);
	fp = fopen(other, "r+b");
	fseek(fp, -100, SEEK_END);
	fputc(0x55, fp);
	fclose(fp);
	refused(other, "checksum mismatch");

	free(pl);
	free(w);
	nn_free(net);
	vocab_free(v);
	unlink(path);
	unlink(other);
	rmdir(dir);
	return UNIT_DONE();
}
