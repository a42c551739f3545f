/* rv-predict: label each record of a tensor stream with a model, or report how well it does. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "metrics.h"
#include "model.h"
#include "nn.h"
#include "tensor.h"
#include "util.h"

enum { O_JSON = 256, O_THRESHOLD };

static const struct option longopts[] = {
	{ "batch", required_argument, NULL, 'b' },
	{ "json", no_argument, NULL, O_JSON },
	{ "threads", required_argument, NULL, 't' },
	{ "threshold", required_argument, NULL, O_THRESHOLD },
	{ NULL, 0, NULL, 0 }
};

struct pred {
	const char *mpath;
	struct model *md;
	struct nn *net;
	int B, eval, all, json;
	double threshold;	/* < 0: none */
	/* the batch */
	int n, T;
	uint32_t *ids;		/* (B, T) */
	uint32_t *len;		/* (B) */
	int32_t *label;		/* (B) */
	float *probs;		/* (B, K) */
	struct metrics met;
	long unlabelled;
	int werr;		/* stdout failed */
};

static void
usage(void)
{
	fprintf(stderr, "usage: rv-predict [-ep] [-b batch] [-t threads] [--json] "
	    "[--threshold p] -m model [file ...]\n");
	exit(2);
}

static void
json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* Run the network on the batch and print or score its records. */
static void
flush_batch(struct pred *p)
{
	int K = p->md->c.K, i, k;
	char *const *names = p->md->vocab->label;

	if (p->n == 0)
		return;
	nn_forward(p->net, p->n, p->ids, p->len, NULL, p->probs, 0, 0);
	for (i = 0; i < p->n; i++) {
		const float *pr = p->probs + (size_t)i * K;
		int best = 0;

		if (p->threshold >= 0) {
			best = pr[1] >= p->threshold;
		} else {
			for (k = 1; k < K; k++)
				if (pr[k] > pr[best])
					best = k;
		}
		if (p->eval) {
			if (p->label[i] < 0)
				p->unlabelled++;
			else
				metrics_add(&p->met, p->label[i], best, pr);
		} else if (p->json) {
			fputs("{\"label\":", stdout);
			json_string(names[best]);
			printf(",\"probability\":%.4f", pr[best]);
			if (p->all) {
				fputs(",\"probabilities\":{", stdout);
				for (k = 0; k < K; k++) {
					if (k)
						putchar(',');
					json_string(names[k]);
					printf(":%.4f", pr[k]);
				}
				putchar('}');
			}
			fputs("}\n", stdout);
		} else {
			fputs(names[best], stdout);
			if (p->all)
				for (k = 0; k < K; k++)
					printf("\t%.4f", pr[k]);
			else
				printf("\t%.4f", pr[best]);
			putchar('\n');
		}
	}
	p->n = 0;
	errno = 0;
	if (!p->eval && (fflush(stdout) == EOF || ferror(stdout))) {
		if (errno != EPIPE)
			rv_warn("<stdout>: %s", strerror(errno ? errno : EIO));
		p->werr = 1;
	}
}

/* A network for sequences of T ids (rebuilt when a stream's length differs). */
static int
need_net(struct pred *p, int T)
{
	struct nn *old = p->net;

	if (old && p->T == T)
		return 0;
	if (!(p->net = model_net(p->md, p->mpath, p->B, T, 0))) {
		p->net = old;
		return -1;
	}
	nn_set_inference(p->net, 1);
	/* the network holds the parameters now (md->param was the old one's) */
	if (old)
		nn_free(old);
	else
		free(p->md->param);
	p->md->param = p->net->param;
	p->T = T;
	p->ids = xrealloc(p->ids, (size_t)p->B * T, sizeof(uint32_t));
	return 0;
}

/* True when more input may take a while: records should not wait for a full batch. */
static int
input_idle(int interactive)
{
	struct pollfd pf = { 0, POLLIN, 0 };

	return interactive && poll(&pf, 1, 0) == 0;
}

static int
predict_file(struct pred *p, const char *path)
{
	struct tensor_reader *t = tensor_open(path);
	const struct vocab *v = p->md->vocab;
	struct tensor_rec rec;
	struct stat st;
	int r, interactive;

	if (!t)
		return 1;
	if (t->h.vocab_sum != v->sum) {
		rv_warn("%s: vocabulary checksum %08lx differs from the model's (%08lx, %s)",
		    t->name, (unsigned long)t->h.vocab_sum, (unsigned long)v->sum, p->mpath);
		tensor_close(t);
		return 1;
	}
	if (t->h.vocab_size != v->n || t->h.nclass != v->nlabel) {
		rv_warn("%s: header does not match the model %s", t->name, p->mpath);
		tensor_close(t);
		return 1;
	}
	if (need_net(p, (int)t->h.seqlen) < 0) {
		tensor_close(t);
		return 1;
	}
	interactive = (!path || !strcmp(path, "-")) && fstat(0, &st) == 0 &&
	    !S_ISREG(st.st_mode);
	for (;;) {
		rec.ids = p->ids + (size_t)p->n * p->T;
		r = tensor_read(t, &rec);
		if (r <= 0)
			break;
		p->len[p->n] = rec.len;
		p->label[p->n] = rec.label;
		p->n++;
		if (p->n == p->B || input_idle(interactive))
			flush_batch(p);
		if (p->werr)
			break;
	}
	flush_batch(p);
	return tensor_close(t) | (r < 0);
}

int
main(int argc, char *argv[])
{
	struct pred p;
	int ch, rc = 0, threads = ncpus(), i;

	progname = "rv-predict";
	memset(&p, 0, sizeof(p));
	p.B = 32;
	p.threshold = -1;
	while ((ch = getopt_long(argc, argv, "b:ehm:pt:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'b':
			p.B = (int)opt_long("-b", optarg, 1, 65536);
			break;
		case 'e':
			p.eval = 1;
			break;
		case 'm':
			p.mpath = optarg;
			break;
		case 'p':
			p.all = 1;
			break;
		case 't':
			threads = (int)opt_long("-t", optarg, 1, 256);
			break;
		case O_JSON:
			p.json = 1;
			break;
		case O_THRESHOLD:
			p.threshold = opt_double("--threshold", optarg, 0, 1);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (!p.mpath)
		usage();

	/* the model is checked whole before any record is read */
	if (!(p.md = model_load(p.mpath)))
		return 1;
	if (p.threshold >= 0 && p.md->c.K != 2) {
		rv_warn("--threshold: %s has %d classes, not 2", p.mpath, p.md->c.K);
		model_free(p.md);
		return 2;
	}
	nn_set_threads(threads);
	if (need_net(&p, p.md->c.T) < 0) {
		model_free(p.md);
		return 1;
	}
	p.len = xmalloc((size_t)p.B, sizeof(uint32_t));
	p.label = xmalloc((size_t)p.B, sizeof(int32_t));
	p.probs = xmalloc((size_t)p.B * p.md->c.K, sizeof(float));
	if (p.eval)
		metrics_init(&p.met, p.md->c.K, p.md->vocab->label);

	if (argc == 0)
		rc = predict_file(&p, "-");
	for (i = 0; i < argc && !p.werr; i++)
		rc |= predict_file(&p, argv[i]);

	if (p.eval) {
		if (p.unlabelled)
			rv_warn("%ld records without a label were not scored", p.unlabelled);
		if (p.met.n == 0) {
			rv_warn("no labelled records to evaluate");
			rc = 1;
		} else if (p.json) {
			metrics_report_json(&p.met, stdout);
		} else {
			metrics_report_text(&p.met, stdout);
		}
		metrics_free(&p.met);
	}
	/* the network owns the parameters */
	p.md->param = NULL;
	nn_free(p.net);
	model_free(p.md);
	free(p.ids);
	free(p.len);
	free(p.label);
	free(p.probs);
	if (p.werr) {
		/* reported when it happened */
		fclose(stdout);
		return 1;
	}
	return rc | fshut(stdout, "<stdout>");
}
