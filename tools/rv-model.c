/* rv-model: show what a model file holds, or write it again with this version's writer. */
#include "model.h"
#include "tensor.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
usage(void)
{
	fprintf(stderr, "usage: rv-model [-o output] model\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	const char *out = NULL;
	const char *pool[] = { "last", "max", "meanmax" };
	struct model *md;
	int ch, rc;

	progname = "rv-model";
	while ((ch = getopt(argc, argv, "ho:")) != -1) {
		switch (ch) {
		case 'o':
			out = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage();
	if (out) {
		if (!(md = model_load(argv[0])))
			return 1;
		rc = model_save(out, md);
		model_free(md);
		return rc;
	}
	if (!(md = model_open(argv[0])))
		return 1;
	printf("version %lu\nflags %lu%s\nlayout %s\n", (unsigned long)md->version,
	    (unsigned long)md->flags, md->flags & MODEL_CHECKPOINT ? " checkpoint" : "",
	    md->file ? "stored" : "compressed");
	printf("V %d\nT %d\nkeep %s\nK %d\nE %d\nH %d\nL %d\nD %d\npool %s\nparameters %zu\n",
	    md->c.V, md->c.T, tensor_keep_name((uint32_t)md->c.keep), md->c.K, md->c.E, md->c.H,
	    md->c.L, md->c.D,
	    md->c.pool >= 0 && md->c.pool < 3 ? pool[md->c.pool] : "?", md->nparams);
	printf("vocabulary %zu sum %08lx\nepoch %d\nbest_epoch %d\n", md->vocab->n,
	    (unsigned long)md->vocab->sum, md->tr.epoch, md->tr.best_epoch);
	model_free(md);
	return fshut(stdout, "<stdout>");
}
