/* capture.h: collect what a call writes to stderr, so tests can check messages. */
#ifndef RV_CAPTURE_H
#define RV_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct capture {
	int saved;		/* the real stderr */
	FILE *tmp;
	char text[4096];	/* what was written, NUL-terminated, truncated */
};

/* Start sending stderr to a temporary file. */
static void
capture_begin(struct capture *c)
{
	fflush(stderr);
	c->saved = dup(2);
	c->tmp = tmpfile();
	if (c->saved < 0 || !c->tmp || dup2(fileno(c->tmp), 2) < 0) {
		perror("capture");
		exit(1);
	}
}

/* Restore stderr; c->text holds what was written.  Returns c->text. */
static const char *
capture_end(struct capture *c)
{
	size_t n;

	fflush(stderr);
	dup2(c->saved, 2);
	close(c->saved);
	rewind(c->tmp);
	n = fread(c->text, 1, sizeof(c->text) - 1, c->tmp);
	c->text[n] = '\0';
	fclose(c->tmp);
	return c->text;
}

/* Number of lines in s. */
static int
capture_lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

#endif
