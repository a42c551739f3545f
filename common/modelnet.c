/*
 * modelnet.c: a network holding a model's parameters.  Apart from model.c
 * so that the programs that only read a model's vocabulary or settings
 * (rv-clean -m, rv-stem -m, rv-tokenize -m) do not link the network code,
 * and with it OpenBLAS, whose start-up (a thread per core) they would pay
 * on every run.
 */
#include "model.h"

#include <string.h>

#include "util.h"

struct nn *
model_net(const struct model *md, const char *path, int maxB, int T, int cur)
{
	struct nn_config c = md->c;
	struct nn *m;
	size_t n = md->nparams;

	if (T > 0)
		c.T = T;
	/* before nn_new allocates for it: a damaged configuration may ask for
	 * terabytes */
	if (nn_nparams(&c) != n) {
		rv_warn("%s: inconsistent model: %zu parameters, its configuration needs %zu",
		    path, n, nn_nparams(&c));
		return NULL;
	}
	m = nn_new(&c, maxB);
	if (m->nparams != n) {
		rv_warn("%s: inconsistent model: %zu parameters, its configuration needs %zu",
		    path, n, m->nparams);
		nn_free(m);
		return NULL;
	}
	if (cur && md->cur) {
		memcpy(m->param, md->cur, n * sizeof(float));
		memcpy(m->adam_m, md->adam_m, n * sizeof(float));
		memcpy(m->adam_v, md->adam_v, n * sizeof(float));
	} else {
		memcpy(m->param, md->param, n * sizeof(float));
	}
	return m;
}
