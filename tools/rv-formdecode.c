/* rv-formdecode: decode an HTML form body (or text) to safe UTF-8, optionally escaped for HTML or JSON. */
#include "form.h"
#include "text.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_BODY (1L << 30)

static void
usage(void)
{
	fprintf(stderr, "usage: rv-formdecode [-HJlt] [-f name] [-n length] [file]\n");
	exit(2);
}

struct opts {
	const char **field;	/* -f, in order */
	int nfield;
	int esc;		/* 'H', 'J' or 0 */
	int label;		/* -l */
	int text;		/* -t */
	long length;		/* -n, or -1 */
};

/*
 * Read the body: with length >= 0 exactly that many bytes (read(2), so not
 * one byte more is taken from a pipe), else everything.  0, or 1 after a
 * message.
 */
static int
read_body(const char *path, long length, struct buf *b)
{
	const char *name = fname(path);
	int fd = STDIN_FILENO, rc = 0;

	if (path && strcmp(path, "-") != 0 && (fd = open(path, O_RDONLY)) < 0) {
		rv_warn("%s: %s", name, strerror(errno));
		return 1;
	}
	if (form_read(fd, length >= 0 ? (size_t)length : (size_t)MAX_BODY + 1, b) < 0) {
		rv_warn("%s: %s", name, strerror(errno));
		rc = 1;
	} else if (length < 0 && b->n > (size_t)MAX_BODY) {
		rv_warn("%s: more than %ld bytes", name, MAX_BODY);
		rc = 1;
	} else if (length >= 0 && b->n < (size_t)length) {
		rv_warn("%s: %zu bytes, fewer than the %ld of -n", name, b->n, length);
		rc = 1;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}

/* Every field as "name<TAB>value", tabs and newlines in either as spaces. */
static void
list_fields(const struct opts *o, const char *body, size_t n, struct buf *out)
{
	struct buf nm = {0}, val = {0};
	struct form_field f;
	size_t pos = 0, i;

	while (form_next(body, n, &pos, &f)) {
		nm.n = val.n = 0;
		form_decode(&nm, f.name, f.nname);
		form_decode(&val, f.value, f.nvalue);
		for (i = 0; i < nm.n; i++)
			if (nm.p[i] == '\t' || nm.p[i] == '\n')
				nm.p[i] = ' ';
		for (i = 0; i < val.n; i++)
			if (val.p[i] == '\t' || val.p[i] == '\n')
				val.p[i] = ' ';
		form_emit(nm.p, nm.n, o->label, o->esc, 0, out);
		buf_addc(out, '\t');
		form_emit(val.p, val.n, o->label, o->esc, 0, out);
		buf_addc(out, '\n');
	}
	buf_free(&nm);
	buf_free(&val);
}

int
main(int argc, char *argv[])
{
	struct opts o = { NULL, 0, 0, 0, 0, -1 };
	struct buf body = {0}, val = {0}, out = {0};
	int c, rc;

	progname = "rv-formdecode";
	while ((c = getopt(argc, argv, "f:HhJln:t")) != -1) {
		switch (c) {
		case 'f':
			o.field = xrealloc(o.field, (size_t)o.nfield + 1, sizeof(*o.field));
			o.field[o.nfield++] = optarg;
			break;
		case 'H':
		case 'J':
			if (o.esc && o.esc != c) {
				rv_warn("-H and -J cannot be used together");
				usage();
			}
			o.esc = c;
			break;
		case 'l':
			o.label = 1;
			break;
		case 'n':
			o.length = opt_long("-n", optarg, 0, MAX_BODY);
			break;
		case 't':
			o.text = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		usage();
	if (o.text && o.nfield) {
		rv_warn("-f and -t cannot be used together");
		usage();
	}
	rc = read_body(argc ? argv[0] : "-", o.length, &body);
	if (!rc) {
		if (o.text) {
			form_sanitize(&val, body.p, body.n);
			form_emit(val.p, val.n, o.label, o.esc, 1, &out);
		} else if (o.nfield) {
			form_fields(body.p, body.n, o.field, o.nfield, o.label, o.esc, &out);
		} else {
			list_fields(&o, body.p, body.n, &out);
		}
		if (out.n && fwrite(out.p, 1, out.n, stdout) != out.n)
			rc = 1;	/* fshut says why */
	}
	free(o.field);
	buf_free(&body);
	buf_free(&val);
	buf_free(&out);
	return rc | fshut(stdout, "<stdout>");
}
