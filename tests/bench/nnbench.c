/*
 * nnbench: time the network's training step (forward, backward, clip,
 * Adam) over one epoch's worth of records, and its inference, on synthetic
 * ids with real or given lengths.  Prints reviews/s, seconds per epoch and
 * GFLOP/s (training counted as three times the forward FLOPs).
 *
 * usage: nnbench [-f] [-b batch] [-E emb] [-H hidden] [-l lengths] [-L layers]
 *            [-n records] [-p pool] [-r reviews] [-t threads] [-T len] [-V vocab]
 * -f: every record is T long (as a pre-padded peer computes);
 * -l FILE: lengths, one per line (capped at T), cycled; else uniform 40..T;
 * -n: time only this many records and scale to -r (default 18553).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nn.h"
#include "rng.h"
#include "util.h"

static void
usage(void)
{
	fprintf(stderr, "usage: nnbench [-f] [-b batch] [-E emb] [-H hidden] [-l lengths] "
	    "[-L layers] [-n records] [-p pool] [-r reviews] [-t threads] [-T len] "
	    "[-V vocab]\n");
	exit(2);
}

static uint32_t *
read_lengths(const char *path, int T, long *n)
{
	FILE *fp = fopen(path, "r");
	uint32_t *len = NULL;
	long cap = 0, v;
	char line[64];

	if (!fp)
		rv_die(1, "%s: cannot open", path);
	*n = 0;
	while (fgets(line, sizeof(line), fp)) {
		if (parse_long(strtok(line, "\n"), 0, 1000000, &v) != 0)
			rv_die(1, "%s:%ld: not a length", path, *n + 1);
		if (*n == cap) {
			cap = cap ? 2 * cap : 1024;
			len = xrealloc(len, cap, sizeof(uint32_t));
		}
		len[(*n)++] = v > T ? T : v;
	}
	fclose(fp);
	if (*n == 0)
		rv_die(1, "%s: no lengths", path);
	return len;
}

/* CPU seconds of the process (all threads): wall time means little on a
 * shared machine. */
static double
cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* uniform in 40..T (T if T < 40) */
static uint32_t
pick_len(struct rng *r, int T)
{
	return T < 40 ? (uint32_t)T : (uint32_t)(40 + rng_below(r, T - 39));
}

int
main(int argc, char *argv[])
{
	struct nn_config c = { 0 };
	struct nn *m;
	struct rng r;
	uint32_t *ids, *len, *lens = NULL;
	const char *lpath = NULL;
	int32_t *lab;
	float *probs;
	long nlens = 0, records = 18553, ntime = 0, done, tokens, step = 0;
	int B = 64, threads = 2, full = 0, ch, j, t;
	double t0, c0, sec, cpu, flops;

	progname = "nnbench";
	c.V = 1000;
	c.T = 100;
	c.K = 2;
	c.E = 300;
	c.H = 128;
	c.L = 2;
	c.D = 64;
	c.pool = NN_POOL_LAST;
	c.drop_seq = c.drop_vec = 0.3f;
	c.drop_dense = 0.2f;
	while ((ch = getopt(argc, argv, "b:E:fH:l:L:n:p:r:t:T:V:")) != -1)
		switch (ch) {
		case 'b': B = opt_long("-b", optarg, 1, 100000); break;
		case 'E': c.E = opt_long("-E", optarg, 1, 10000); break;
		case 'f': full = 1; break;
		case 'H': c.H = opt_long("-H", optarg, 1, 10000); break;
		case 'l': lpath = optarg; break;
		case 'L': c.L = opt_long("-L", optarg, 1, 3); break;
		case 'n': ntime = opt_long("-n", optarg, 1, 100000000); break;
		case 'p': c.pool = opt_long("-p", optarg, 0, 2); break;
		case 'r': records = opt_long("-r", optarg, 1, 100000000); break;
		case 't': threads = opt_long("-t", optarg, 1, 256); break;
		case 'T': c.T = opt_long("-T", optarg, 1, 100000); break;
		case 'V': c.V = opt_long("-V", optarg, 3, 10000000); break;
		default: usage();
		}
	if (optind != argc)
		usage();
	if (lpath)
		lens = read_lengths(lpath, c.T, &nlens);
	if (ntime == 0 || ntime > records)
		ntime = records;

	nn_set_threads(threads);
	m = nn_new(&c, B);
	nn_init(m, 1);
	ids = xcalloc((size_t)B * c.T, sizeof(uint32_t));
	len = xcalloc(B, sizeof(uint32_t));
	lab = xcalloc(B, sizeof(int32_t));
	probs = xcalloc((size_t)B * c.K, sizeof(float));
	rng_seed(&r, 7);

	/* training */
	tokens = 0;
	t0 = now_seconds();
	c0 = cpu_seconds();
	for (done = 0; done < ntime; done += B) {
		int n = ntime - done < B ? (int)(ntime - done) : B;

		for (j = 0; j < n; j++) {
			len[j] = full ? (uint32_t)c.T : lens ? lens[(done + j) % nlens] :
			    pick_len(&r, c.T);
			lab[j] = rng_below(&r, c.K);
			for (t = 0; t < c.T; t++)
				ids[(size_t)j * c.T + t] = t < (int)len[j] ? 2 + rng_below(&r, c.V - 2) : 0;
			tokens += len[j];
		}
		nn_forward(m, n, ids, len, lab, probs, 1, step);
		nn_backward(m);
		nn_clip(m, 5);
		nn_adam(m, 1e-3, 0.9, 0.999, 1e-8, 0, ++step);
	}
	sec = now_seconds() - t0;
	cpu = cpu_seconds() - c0;
	flops = 3 * nn_flops_per_token(&c) * tokens;
	printf("train: B=%d threads=%d %s: %ld reviews, %.1f tokens/review, %.2f s "
	    "(%.2f s CPU): %.1f reviews/s, %.1f s per %ld-review epoch, %.1f GFLOP/s "
	    "(%.1f per CPU second)\n",
	    B, threads, full ? "full length" : lens ? "given lengths" : "lengths 40..T",
	    ntime, (double)tokens / ntime, sec, cpu, ntime / sec, sec * records / ntime,
	    records, flops / sec / 1e9, flops / cpu / 1e9);

	/* inference, a fresh network in inference mode */
	nn_free(m);
	m = nn_new(&c, B);
	nn_init(m, 1);
	nn_set_inference(m, 1);
	tokens = 0;
	t0 = now_seconds();
	c0 = cpu_seconds();
	for (done = 0; done < ntime; done += B) {
		int n = ntime - done < B ? (int)(ntime - done) : B;

		for (j = 0; j < n; j++) {
			len[j] = full ? (uint32_t)c.T : lens ? lens[(done + j) % nlens] :
			    pick_len(&r, c.T);
			for (t = 0; t < c.T; t++)
				ids[(size_t)j * c.T + t] = t < (int)len[j] ? 2 + rng_below(&r, c.V - 2) : 0;
			tokens += len[j];
		}
		nn_forward(m, n, ids, len, NULL, probs, 0, 0);
	}
	sec = now_seconds() - t0;
	cpu = cpu_seconds() - c0;
	printf("predict: %.1f reviews/s, %.1f GFLOP/s (%.1f per CPU second)\n", ntime / sec,
	    nn_flops_per_token(&c) * tokens / sec / 1e9,
	    nn_flops_per_token(&c) * tokens / cpu / 1e9);
	nn_free(m);
	free(ids);
	free(len);
	free(lab);
	free(probs);
	free(lens);
	return 0;
}
