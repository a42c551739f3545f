/* io.h: buffered input that reads plain or gzip files alike, and output that may gzip. */
#ifndef RV_IO_H
#define RV_IO_H

#include <stddef.h>
#include <sys/types.h>

struct rd;

/*
 * Open path for reading ("-" or NULL is stdin).  gzip input is recognised
 * by its magic and inflated; anything else is read as it is.  On failure
 * prints "progname: path: reason" and returns NULL.
 */
struct rd *rd_open(const char *path);

/* The display name ("<stdin>" for stdin) and the number of the last line read. */
const char *rd_name(const struct rd *r);
long rd_lineno(const struct rd *r);

/*
 * Next line, without its '\n' (a '\r' before it is kept; NUL bytes are kept).
 * A last line without '\n' is still a line.  Returns its length and points
 * *line at it (writable, valid until the next rd_line or rd_read; often in
 * the reader's own buffer, not copied), or -1 at end of input or on a
 * read error (then rd_error() is non-zero and a message has been printed).
 */
ssize_t rd_line(struct rd *r, char **line);

/* Read up to n bytes; returns how many were read (fewer only at end or error). */
size_t rd_read(struct rd *r, void *p, size_t n);

/* Non-zero after a read or decompression error (already reported). */
int rd_error(const struct rd *r);

/* Close; returns 1 if any read error happened, else 0. */
int rd_close(struct rd *r);

struct wr;

/*
 * Give stdout a large buffer of its own when it is not a terminal, and a
 * large pipe when it is a pipe, so a filter writes in big blocks and the
 * next program in the pipeline wakes less often.  Call before the first
 * output.  (glibc's setvbuf with a NULL buffer keeps its 4 KiB for pipes
 * whatever size is asked for.)
 */
void out_buffer(void);

/* Write to stdout, gzip-compressed when gz is non-zero. */
struct wr *wr_stdout(int gz);
/* Write to a file (created/truncated), gzip when gz. NULL + message on failure. */
struct wr *wr_open(const char *path, int gz);
/* Returns 0, or 1 after the first error (reported once). */
int wr_write(struct wr *w, const void *p, size_t n);
/* Flush without closing (for interactive pipelines). */
int wr_flush(struct wr *w);
/* Flush and close; 0 on success, 1 if any write failed (reported). */
int wr_close(struct wr *w);

#endif
