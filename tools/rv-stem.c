/* rv-stem: drop stop words and stem the words of cleaned text, one line out per line in. */
#include "io.h"
#include "prep.h"
#include "stem.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
usage(void)
{
	fprintf(stderr, "usage: rv-stem [-S] [-l algorithm] [-m model] [-p profile] "
	    "[-s stopfile] [file ...]\n");
	exit(2);
}

/* Stem one operand to stdout; 1 on a read error or a failed write. */
static int
stem_file(struct stem *st, const char *path, struct buf *out, int *werr)
{
	struct rd *r = rd_open(path);
	char *line;
	ssize_t n;

	if (!r)
		return 1;
	while ((n = rd_line(r, &line)) >= 0) {
		stem_line(st, line, (size_t)n, out);
		out->p[out->n] = '\n';	/* over the NUL stem_line leaves */
		if (fwrite_unlocked(out->p, 1, out->n + 1, stdout) != out->n + 1) {
			*werr = errno ? errno : EIO;
			break;
		}
	}
	return rd_close(r) | (*werr != 0);
}

static int
list_algorithms(void)
{
	const char **l;

	for (l = stem_algorithms(); *l; l++)
		printf("%s\n", *l);
	printf("none\n");
	return fshut(stdout, "<stdout>");
}

int
main(int argc, char *argv[])
{
	const char *model = NULL, *profile = NULL, *algo = NULL, *stopfile = NULL, **l;
	struct prep p;
	struct buf out = {0};
	struct stem *st;
	int c, Sflag = 0, rc = 0, i, werr = 0;

	progname = "rv-stem";
	while ((c = getopt(argc, argv, "hSl:m:p:s:")) != -1) {
		switch (c) {
		case 'S':
			Sflag = 1;
			break;
		case 'l':
			algo = optarg;
			break;
		case 'm':
			model = optarg;
			break;
		case 'p':
			profile = optarg;
			break;
		case 's':
			stopfile = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (algo && !strcmp(algo, "list"))
		return list_algorithms();
	if (model && profile) {
		rv_warn("-m and -p cannot be used together");
		usage();
	}
	if ((model || profile) && (Sflag || algo || stopfile)) {
		rv_warn("-%c: the settings come from %s", Sflag ? 'S' : algo ? 'l' : 's',
		    model ? model : profile);
		usage();
	}
	if (Sflag && stopfile) {
		rv_warn("-S and -s cannot be used together");
		usage();
	}
	if (algo && strcmp(algo, "none")) {
		for (l = stem_algorithms(); *l && strcmp(*l, algo); l++)
			;
		if (!*l)
			rv_die(2, "-l: unknown algorithm '%s' (rv-stem -l list shows them)", algo);
	}
	if (model || profile) {
		if (prep_load(&p, model ? model : profile) < 0)
			return 1;
	} else {
		prep_default(&p);
		if (algo) {
			free(p.stemmer);
			p.stemmer = xstrdup(algo);
		}
		if (Sflag) {
			free(p.stopwords);
			p.stopwords = xstrdup("none");
		} else if (stopfile) {
			struct buf list = {0};

			if (stem_read_stopfile(stopfile, &list) < 0) {
				buf_free(&list);
				prep_free(&p);
				return 1;
			}
			free(p.stopwords);
			p.stopwords = list.p;
		}
	}
	st = stem_new(&p);
	prep_free(&p);
	if (!st)
		return 1;
	out_buffer();
	if (argc == 0) {
		rc = stem_file(st, "-", &out, &werr);
	} else {
		for (i = 0; i < argc && !werr; i++)
			rc |= stem_file(st, argv[i], &out, &werr);
	}
	stem_free(st);
	buf_free(&out);
	return rc | fshut_err(stdout, "<stdout>", werr);
}
