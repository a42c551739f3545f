/* t_model: the model file: save/load round trips, and each kind of damage refused with its own message. */
#include "unit.h"
#include "capture.h"

#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "model.h"
#include "nn.h"
#include "util.h"
#include "vocab.h"

static char dir[64], path[128], bad[128];

static struct vocab *
make_vocab(void)
{
	struct vocab *v = vocab_new();

	vocab_add_token(v, "good", 5);
	vocab_add_token(v, "bad", 3);
	vocab_add_token(v, "film", 2);
	vocab_add_label(v, "2", 6);
	vocab_add_label(v, "1", 4);
	vocab_set_prep(v, "digits=no scripts=latin stemmer=english stopwords=default");
	vocab_finish(v);
	return v;
}

static void
fill(float *p, size_t n, float base)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = base + (float)i * 0.001f - (float)(i % 7) * 0.25f;
}

static unsigned char *
slurp(const char *p, size_t *n)
{
	FILE *fp = fopen(p, "rb");
	unsigned char *b = malloc(1 << 22);

	*n = fread(b, 1, 1 << 22, fp);
	fclose(fp);
	return b;
}

static void
spill(const char *p, const void *b, size_t n)
{
	FILE *fp = fopen(p, "wb");

	fwrite(b, 1, n, fp);
	fclose(fp);
}

/* Loading p fails with exactly one message line containing want. */
static void
check_bad(const char *p, const char *want)
{
	struct capture c;
	struct model *md;
	struct vocab *v;
	const char *msg;

	capture_begin(&c);
	md = model_load(p);
	msg = capture_end(&c);
	CHECKF(md == NULL, "accepted, wanted \"%s\"", want);
	model_free(md);
	CHECKF(strstr(msg, want) != NULL, "message \"%s\" lacks \"%s\"", msg, want);
	CHECKF(strncmp(msg, "t_model: ", 9) == 0, "message \"%s\" lacks the program name", msg);
	CHECKF(capture_lines(msg) == 1, "%d lines: %s", capture_lines(msg), msg);
	/* the vocabulary alone is refused too, unless the damage lies past it */
	if (!strstr(want, "parameters")) {
		capture_begin(&c);
		v = model_load_vocab(p);
		msg = capture_end(&c);
		CHECKF(v == NULL, "vocabulary accepted, wanted \"%s\"", want);
		vocab_free(v);
		CHECKF(strstr(msg, want) != NULL, "message \"%s\" lacks \"%s\"", msg, want);
	}
}

/* Write a frame around an uncompressed payload, with a good checksum. */
static void
write_frame(const char *p, const void *pl, size_t n, uint32_t flags)
{
	uLongf clen = compressBound(n);
	unsigned char *out = malloc(32 + clen + 4);

	compress2(out + 32, &clen, pl, n, 6);
	memcpy(out, "RVMODEL", 8);
	put_u32(out + 8, 1);
	put_u32(out + 12, flags);
	put_u64(out + 16, n);
	put_u64(out + 24, clen);
	put_u32(out + 32 + clen, (uint32_t)crc32(0, out, (uInt)(32 + clen)));
	spill(p, out, 32 + clen + 4);
	free(out);
}

static void
config(struct nn_config *c, const struct vocab *v)
{
	memset(c, 0, sizeof(*c));
	c->V = (int)v->n;
	c->T = 6;
	c->K = 2;
	c->E = 4;
	c->H = 3;
	c->L = 2;
	c->D = 5;
	c->pool = NN_POOL_MEANMAX;
	c->drop_seq = .3f;
	c->drop_vec = .25f;
	c->drop_dense = .2f;
	c->drop_emb = .1f;
}

static int
same_floats(const float *a, const float *b, size_t n)
{
	return a && b && !memcmp(a, b, n * sizeof(float));
}

static void
test_roundtrip(void)
{
	struct vocab *v = make_vocab(), *v2;
	struct model md, *got;
	struct nn *net, *net2;
	size_t P;
	float *best, *am, *av;

	memset(&md, 0, sizeof(md));
	config(&md.c, v);
	net = nn_new(&md.c, 4);
	P = net->nparams;
	fill(net->param, P, 0.5f);
	md.vocab = v;
	md.nparams = P;
	md.param = net->param;
	md.tr.seed = 0x123456789abcdefULL;
	md.tr.epochs = 7;
	md.tr.epoch = 3;
	md.tr.step = 123456;
	md.tr.batch = 64;
	md.tr.lr = 2e-3;
	md.tr.beta1 = 0.9;
	md.tr.beta2 = 0.999;
	md.tr.eps = 1e-8;
	md.tr.weight_decay = 1e-4;
	md.tr.clip = 5;
	md.tr.patience = 3;
	md.tr.valid_fraction = 0.1;
	md.tr.bucket = 16;
	md.tr.best_epoch = 2;
	md.tr.best_loss = 1.0 / 3;
	md.tr.bad_epochs = 1;
	md.tr.train_records = 900;
	md.tr.train_sum = 0xdeadbeef;
	md.tr.valid_records = 100;
	md.tr.valid_sum = 0xfeedf00d;
	md.tr.train_loss = 0.1234567890123;
	md.tr.valid_acc = NAN;
	CHECK(model_save(path, &md) == 0);
	CHECK(model_sniff(path) == 1);
	got = model_load(path);
	CHECK(got != NULL);
	if (got) {
		CHECK(got->version == MODEL_VERSION && got->flags == 0);
		CHECK(!memcmp(&got->c, &md.c, sizeof(md.c)));
		CHECK(got->tr.seed == md.tr.seed && got->tr.epochs == 7 && got->tr.epoch == 3);
		CHECK(got->tr.step == 123456 && got->tr.batch == 64);
		CHECK(got->tr.lr == 2e-3 && got->tr.beta1 == 0.9 && got->tr.beta2 == 0.999);
		CHECK(got->tr.eps == 1e-8 && got->tr.weight_decay == 1e-4 && got->tr.clip == 5);
		CHECK(got->tr.patience == 3 && got->tr.valid_fraction == 0.1);
		CHECK(got->tr.bucket == 16 && got->tr.best_epoch == 2 && got->tr.bad_epochs == 1);
		CHECK(got->tr.best_loss == 1.0 / 3);
		CHECK(got->tr.train_records == 900 && got->tr.train_sum == 0xdeadbeef);
		CHECK(got->tr.valid_records == 100 && got->tr.valid_sum == 0xfeedf00d);
		CHECK(got->tr.train_loss == 0.1234567890123 && isnan(got->tr.valid_acc));
		CHECK(got->vocab->sum == v->sum && got->vocab->n == v->n);
		CHECK(!strcmp(got->vocab->label[1], "2") && !strcmp(got->vocab->prep, v->prep));
		CHECK(got->nparams == P && same_floats(got->param, net->param, P));
		CHECK(got->cur == NULL && got->adam_m == NULL && got->adam_v == NULL);
		net2 = model_net(got, path, 2, 0, 0);
		CHECK(net2 && same_floats(net2->param, net->param, P));
		nn_free(net2);
		/* another sequence length: same parameters */
		net2 = model_net(got, path, 2, 50, 0);
		CHECK(net2 && net2->c.T == 50 && same_floats(net2->param, net->param, P));
		nn_free(net2);
		model_free(got);
	}
	v2 = model_load_vocab(path);
	CHECK(v2 && v2->sum == v->sum && v2->nlabel == 2);
	vocab_free(v2);
	got = model_load_head(path);
	CHECK(got && got->c.T == 6 && got->tr.batch == 64 && got->vocab->sum == v->sum);
	CHECK(got && got->nparams == 0 && got->param == NULL);
	model_free(got);

	/* a checkpoint keeps the current parameters and the Adam moments */
	best = malloc(P * sizeof(float));
	am = malloc(P * sizeof(float));
	av = malloc(P * sizeof(float));
	fill(best, P, -1);
	fill(am, P, 1e-3f);
	fill(av, P, 1e-6f);
	md.flags = MODEL_CHECKPOINT;
	md.param = best;
	md.cur = net->param;
	md.adam_m = am;
	md.adam_v = av;
	md.tr.best_loss = INFINITY;
	CHECK(model_save(path, &md) == 0);
	got = model_load(path);
	CHECK(got != NULL);
	if (got) {
		CHECK(got->flags == MODEL_CHECKPOINT && isinf(got->tr.best_loss));
		CHECK(same_floats(got->param, best, P) && same_floats(got->cur, net->param, P));
		CHECK(same_floats(got->adam_m, am, P) && same_floats(got->adam_v, av, P));
		net2 = model_net(got, path, 2, 0, 1);
		CHECK(net2 && same_floats(net2->param, net->param, P));
		CHECK(net2 && same_floats(net2->adam_m, am, P) && same_floats(net2->adam_v, av, P));
		nn_free(net2);
		model_free(got);
	}

	/* a configuration its parameters do not fit */
	md.flags = 0;
	md.param = best;
	md.nparams = P - 1;
	CHECK(model_save(bad, &md) == 0);
	got = model_load(bad);
	CHECK(got != NULL);
	if (got) {
		struct capture c;
		const char *msg;

		capture_begin(&c);
		net2 = model_net(got, bad, 2, 0, 0);
		msg = capture_end(&c);
		CHECK(net2 == NULL);
		CHECKF(strstr(msg, "inconsistent model:") && strstr(msg, "parameters, its configuration needs"),
		    "%s", msg);
		CHECK(capture_lines(msg) == 1);
		model_free(got);
	}
	/* V that is not the vocabulary's */
	md.nparams = P;
	md.c.V++;
	CHECK(model_save(bad, &md) == 0);
	check_bad(bad, "inconsistent model: V is");
	md.c.V--;
	md.c.L = 4;
	CHECK(model_save(bad, &md) == 0);
	check_bad(bad, "inconsistent model: L is out of range");
	md.c.L = 2;

	free(best);
	free(am);
	free(av);
	nn_free(net);
	vocab_free(v);
}

static void
test_damage(void)
{
	unsigned char *b, *c;
	size_t n;
	struct buf pl = { 0 };
	unsigned char num[8];
	FILE *fp;

	b = slurp(path, &n);	/* the checkpoint from test_roundtrip */
	c = malloc(n);
	CHECK(n > 40);

	memcpy(c, b, n);
	c[0] = 'X';
	spill(bad, c, n);
	check_bad(bad, "not a model (wrong magic)");
	CHECK(model_sniff(bad) == 0);

	memcpy(c, b, n);
	put_u32(c + 8, 2);
	spill(bad, c, n);
	check_bad(bad, "version 2 is newer than this program reads (1)");

	memcpy(c, b, n);
	put_u32(c + 8, 0);
	spill(bad, c, n);
	check_bad(bad, "unknown version 0");

	spill(bad, b, n - 9);
	check_bad(bad, "truncated model");
	spill(bad, b, 20);
	check_bad(bad, "truncated model (20 bytes)");
	spill(bad, b, 5);
	check_bad(bad, "truncated model (5 bytes)");
	spill(bad, b, 0);
	check_bad(bad, "truncated model (0 bytes)");

	memcpy(c, b, n);
	c[n / 2] ^= 0x10;
	spill(bad, c, n);
	check_bad(bad, "checksum mismatch");

	memcpy(c, b, n);
	c[n - 1] ^= 1;
	spill(bad, c, n);
	check_bad(bad, "checksum mismatch");

	memcpy(c, b, n);
	c[12] ^= 4;	/* flags: the checksum covers the header */
	spill(bad, c, n);
	check_bad(bad, "checksum mismatch");

	check_bad("/nonexistent/m.rvm", "No such file or directory");

	fp = fopen(bad, "w");
	fputs("__label__1 not a model at all\n", fp);
	fclose(fp);
	check_bad(bad, "wrong magic");
	CHECK(model_sniff(bad) == 0);

	/* well-framed payloads whose contents do not hold together */
	buf_adds(&pl, "junk");
	write_frame(bad, pl.p, pl.n, 0);
	check_bad(bad, "inconsistent model: the payload ends in the settings");
	pl.n = 0;
	put_u32(num, 11);
	buf_add(&pl, num, 4);
	buf_add(&pl, "V 5\nT 3\nK 2", 11);
	write_frame(bad, pl.p, pl.n, 0);
	check_bad(bad, "inconsistent model: no E in the settings");
	{
		/* good settings and vocabulary, then too few parameters */
		struct vocab *v = make_vocab();
		struct buf s = { 0 }, vt = { 0 };

		buf_printf(&s, "V %zu\nT 6\nK 2\nE 4\nH 3\nL 1\nD 5\npool max\n"
		    "drop_emb 0\ndrop_seq 0\ndrop_vec 0\ndrop_dense 0\nfuture_key 1\n", v->n);
		vocab_format(v, &vt);
		pl.n = 0;
		put_u32(num, (uint32_t)s.n);
		buf_add(&pl, num, 4);
		buf_add(&pl, s.p, s.n);
		put_u32(num, (uint32_t)vt.n);
		buf_add(&pl, num, 4);
		buf_add(&pl, vt.p, vt.n);
		write_frame(bad, pl.p, pl.n, 0);
		check_bad(bad, "inconsistent model: the payload ends before the parameters");
		put_u64(num, 1000);
		buf_add(&pl, num, 8);
		buf_add(&pl, "abcdefgh", 8);
		write_frame(bad, pl.p, pl.n, 0);
		check_bad(bad, "inconsistent model: 1000 parameters need 4000 bytes, the payload has 8");
		/* 2 parameters: fine as a model (an unknown key is ignored) ... */
		put_u64((unsigned char *)pl.p + pl.n - 16, 2);
		write_frame(bad, pl.p, pl.n, 0);
		{
			struct model *md = model_load(bad);

			CHECK(md && md->nparams == 2 && md->c.pool == NN_POOL_MAX);
			model_free(md);
		}
		/* ... but not as a checkpoint, which needs 4 blocks */
		write_frame(bad, pl.p, pl.n, MODEL_CHECKPOINT);
		check_bad(bad, "inconsistent model: 2 parameters need 32 bytes, the payload has 8");
		/* a damaged vocabulary is named */
		pl.n = 0;
		put_u32(num, (uint32_t)s.n);
		buf_add(&pl, num, 4);
		buf_add(&pl, s.p, s.n);
		put_u32(num, 9);
		buf_add(&pl, num, 4);
		buf_add(&pl, "bad\tbad\n\n", 9);
		write_frame(bad, pl.p, pl.n, 0);
		check_bad(bad, "(vocabulary)");
		buf_free(&s);
		buf_free(&vt);
		vocab_free(v);
	}
	buf_free(&pl);
	free(b);
	free(c);
}

/* Saving leaves no temporary file behind. */
static void
test_atomic(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while ((e = readdir(d)))
		if (strstr(e->d_name, ".tmp."))
			n++;
	closedir(d);
	CHECK(n == 0);
}

int
main(void)
{
	progname = "t_model";
	snprintf(dir, sizeof(dir), "/tmp/t_model.XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/m.rvm", dir);
	snprintf(bad, sizeof(bad), "%s/bad.rvm", dir);
	test_roundtrip();
	test_damage();
	test_atomic();
	unlink(path);
	unlink(bad);
	rmdir(dir);
	return UNIT_DONE();
}
