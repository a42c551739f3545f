/* rv-clean: normalise raw review text to lowercase words, one line out per line in. */
#include "io.h"
#include "prep.h"
#include "text.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
usage(void)
{
	fprintf(stderr, "usage: rv-clean [-ad] [-m model] [-p profile] [file ...]\n");
	exit(2);
}

/* Clean one operand to stdout; 1 on a read error or a failed write. */
static int
clean_file(struct text *t, const char *path, struct buf *out, int *werr)
{
	struct rd *r = rd_open(path);
	char *line;
	ssize_t n;

	if (!r)
		return 1;
	while ((n = rd_line(r, &line)) >= 0) {
		text_clean(t, line, (size_t)n, out);
		out->p[out->n] = '\n';	/* over the NUL text_clean leaves */
		if (fwrite_unlocked(out->p, 1, out->n + 1, stdout) != out->n + 1) {
			*werr = errno ? errno : EIO;
			break;
		}
	}
	return rd_close(r) | (*werr != 0);
}

int
main(int argc, char *argv[])
{
	const char *model = NULL, *profile = NULL;
	struct prep p;
	struct buf out = {0};
	struct text *t;
	int c, aflag = 0, dflag = 0, rc = 0, i, werr = 0;

	progname = "rv-clean";
	while ((c = getopt(argc, argv, "adhm:p:")) != -1) {
		switch (c) {
		case 'a':
			aflag = 1;
			break;
		case 'd':
			dflag = 1;
			break;
		case 'm':
			model = optarg;
			break;
		case 'p':
			profile = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (model && profile) {
		rv_warn("-m and -p cannot be used together");
		usage();
	}
	if ((model || profile) && (aflag || dflag)) {
		rv_warn("-%c: the settings come from %s", aflag ? 'a' : 'd', model ? model : profile);
		usage();
	}
	if (model || profile) {
		if (prep_load(&p, model ? model : profile) < 0)
			return 1;
	} else {
		prep_default(&p);
		p.digits = dflag;
		p.all_scripts = aflag;
	}
	t = text_new((p.digits ? TEXT_DIGITS : 0) | (p.all_scripts ? TEXT_ALL_SCRIPTS : 0));
	prep_free(&p);
	out_buffer();
	if (argc == 0) {
		rc = clean_file(t, "-", &out, &werr);
	} else {
		for (i = 0; i < argc && !werr; i++)
			rc |= clean_file(t, argv[i], &out, &werr);
	}
	text_free(t);
	buf_free(&out);
	return rc | fshut_err(stdout, "<stdout>", werr);
}
