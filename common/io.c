/* io.c: plain-or-gzip buffered reader and optionally compressing writer. */
#include "io.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define RD_BUFSZ (1 << 18)
#define PIPE_SZ (1 << 20)	/* asked for when reading a pipe */

struct rd {
	int fd;
	int own;		/* fd was opened here */
	char *name;
	int gz;			/* input is gzip */
	z_stream zs;
	int zend;		/* inflate reached the end of all members */
	unsigned char *raw;	/* compressed bytes when gz */
	size_t rawcap;
	unsigned char *buf;	/* decoded bytes */
	size_t pos, end;
	int eof, err;
	char *line;
	size_t linecap;
	long lineno;
};

static ssize_t
fill_raw(struct rd *r, unsigned char *p, size_t n)
{
	ssize_t got;

	for (;;) {
		got = read(r->fd, p, n);
		if (got >= 0)
			return got;
		if (errno != EINTR) {
			rv_warn("%s: %s", r->name, strerror(errno));
			r->err = 1;
			return -1;
		}
	}
}

/* Refill r->buf; returns number of bytes now available (0 at end/error). */
static size_t
refill(struct rd *r)
{
	ssize_t got;

	if (r->pos < r->end)
		return r->end - r->pos;
	r->pos = r->end = 0;
	if (r->eof || r->err)
		return 0;
	if (!r->gz) {
		got = fill_raw(r, r->buf, RD_BUFSZ);
		if (got <= 0) {
			r->eof = 1;
			return 0;
		}
		r->end = (size_t)got;
		return r->end;
	}
	r->zs.next_out = r->buf;
	r->zs.avail_out = RD_BUFSZ;
	while (r->zs.avail_out == RD_BUFSZ) {
		int z;

		if (r->zs.avail_in == 0) {
			got = fill_raw(r, r->raw, r->rawcap);
			if (got < 0)
				break;
			if (got == 0) {
				if (!r->zend) {
					rv_warn("%s: truncated gzip data", r->name);
					r->err = 1;
				}
				r->eof = 1;
				break;
			}
			r->zs.next_in = r->raw;
			r->zs.avail_in = (uInt)got;
		}
		if (r->zend) {
			/* another gzip member follows (concatenated files) */
			inflateReset(&r->zs);
			r->zend = 0;
		}
		z = inflate(&r->zs, Z_NO_FLUSH);
		if (z == Z_STREAM_END) {
			r->zend = 1;
		} else if (z != Z_OK && z != Z_BUF_ERROR) {
			rv_warn("%s: gzip data is damaged (%s)", r->name,
			    r->zs.msg ? r->zs.msg : "inflate error");
			r->err = 1;
			break;
		}
	}
	r->end = RD_BUFSZ - r->zs.avail_out;
	return r->end;
}

/*
 * A bigger pipe when fd is one: the program at its other end blocks, and
 * both switch, less often.  Only a hint, so failure is fine.
 */
static void
grow_pipe(int fd)
{
#ifdef F_SETPIPE_SZ
	struct stat st;

	if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode))
		(void)fcntl(fd, F_SETPIPE_SZ, PIPE_SZ);
#else
	(void)fd;
#endif
}

struct rd *
rd_open(const char *path)
{
	struct rd *r;
	ssize_t got;

	r = xcalloc(1, sizeof(*r));
	r->name = xstrdup(fname(path));
	if (!path || !strcmp(path, "-")) {
		r->fd = 0;
	} else if ((r->fd = open(path, O_RDONLY)) >= 0) {
		r->own = 1;
	} else {
		rv_warn("%s: %s", path, strerror(errno));
		free(r->name);
		free(r);
		return NULL;
	}
	grow_pipe(r->fd);
	r->buf = xmalloc(RD_BUFSZ, 1);
	/* sniff the gzip magic from the first bytes */
	got = 0;
	while (got < 2) {
		ssize_t g = fill_raw(r, r->buf + got, RD_BUFSZ - (size_t)got);

		if (g <= 0)
			break;
		got += g;
	}
	if (got < 0)
		got = 0;
	if (got >= 2 && r->buf[0] == 0x1f && r->buf[1] == 0x8b) {
		r->gz = 1;
		r->rawcap = RD_BUFSZ;
		r->raw = xmalloc(r->rawcap, 1);
		memcpy(r->raw, r->buf, (size_t)got);
		if (inflateInit2(&r->zs, 15 + 16) != Z_OK)
			rv_die(1, "%s: cannot start zlib", r->name);
		r->zs.next_in = r->raw;
		r->zs.avail_in = (uInt)got;
	} else {
		r->end = (size_t)got;
		if (got == 0 && !r->err)
			r->eof = 1;
	}
	return r;
}

const char *
rd_name(const struct rd *r)
{
	return r->name;
}

long
rd_lineno(const struct rd *r)
{
	return r->lineno;
}

int
rd_error(const struct rd *r)
{
	return r->err;
}

ssize_t
rd_line(struct rd *r, char **line)
{
	size_t n = 0;

	for (;;) {
		size_t avail = refill(r);
		unsigned char *start, *nl;
		size_t take;

		if (avail == 0) {
			if (n == 0 || r->err)
				return -1;
			break;	/* last line without newline */
		}
		start = r->buf + r->pos;
		nl = memchr(start, '\n', avail);
		if (nl && n == 0) {
			/* the whole line is in the buffer: hand it out there */
			*nl = '\0';
			r->pos += (size_t)(nl - start) + 1;
			r->lineno++;
			*line = (char *)start;
			return nl - start;
		}
		take = nl ? (size_t)(nl - start) : avail;
		if (n + take + 1 > r->linecap) {
			size_t cap = r->linecap ? r->linecap : 256;

			while (cap < n + take + 1)
				cap *= 2;
			r->line = xrealloc(r->line, cap, 1);
			r->linecap = cap;
		}
		memcpy(r->line + n, start, take);
		n += take;
		r->pos += take + (nl ? 1 : 0);
		if (nl)
			break;
	}
	if (!r->line)
		r->line = xmalloc(r->linecap = 256, 1);
	r->line[n] = '\0';
	r->lineno++;
	*line = r->line;
	return (ssize_t)n;
}

size_t
rd_read(struct rd *r, void *p, size_t n)
{
	size_t done = 0;

	while (done < n) {
		size_t avail = refill(r), take;

		if (avail == 0)
			break;
		take = avail < n - done ? avail : n - done;
		memcpy((char *)p + done, r->buf + r->pos, take);
		r->pos += take;
		done += take;
	}
	return done;
}

int
rd_close(struct rd *r)
{
	int err;

	if (!r)
		return 0;
	err = r->err;
	if (r->gz)
		inflateEnd(&r->zs);
	if (r->own)
		close(r->fd);
	free(r->raw);
	free(r->buf);
	free(r->line);
	free(r->name);
	free(r);
	return err;
}

#define OUT_BUFSZ (1 << 18)

void
out_buffer(void)
{
	static char buf[OUT_BUFSZ];

	if (isatty(STDOUT_FILENO))
		return;
	(void)setvbuf(stdout, buf, _IOFBF, sizeof(buf));
	grow_pipe(STDOUT_FILENO);
}

struct wr {
	FILE *fp;
	gzFile gz;
	char *name;
	int err;
};

static struct wr *
wr_new(FILE *fp, const char *name, int gz)
{
	struct wr *w = xcalloc(1, sizeof(*w));

	w->name = xstrdup(name);
	w->fp = fp;
	if (gz) {
		fflush(fp);
		w->gz = gzdopen(dup(fileno(fp)), "wb1");
		if (!w->gz)
			rv_die(1, "%s: cannot start gzip", name);
	}
	return w;
}

struct wr *
wr_stdout(int gz)
{
	return wr_new(stdout, "<stdout>", gz);
}

struct wr *
wr_open(const char *path, int gz)
{
	FILE *fp = fopen(path, "wb");

	if (!fp) {
		rv_warn("%s: %s", path, strerror(errno));
		return NULL;
	}
	return wr_new(fp, path, gz);
}

static void
wr_fail(struct wr *w, int e)
{
	if (!w->err && e != EPIPE)
		rv_warn("%s: %s", w->name, strerror(e ? e : EIO));
	w->err = 1;
}

int
wr_write(struct wr *w, const void *p, size_t n)
{
	if (w->err)
		return 1;
	if (n == 0)
		return 0;
	errno = 0;
	if (w->gz) {
		const char *q = p;

		while (n > 0 && !w->err) {
			unsigned chunk = n > (1u << 30) ? (1u << 30) : (unsigned)n;

			if (gzwrite(w->gz, q, chunk) != (int)chunk) {
				int ze;

				gzerror(w->gz, &ze);
				wr_fail(w, ze == Z_ERRNO ? errno : EIO);
			}
			q += chunk;
			n -= chunk;
		}
	} else if (fwrite(p, 1, n, w->fp) != n) {
		wr_fail(w, errno);
	}
	return w->err;
}

int
wr_flush(struct wr *w)
{
	if (w->err)
		return 1;
	errno = 0;
	if (w->gz) {
		if (gzflush(w->gz, Z_SYNC_FLUSH) != Z_OK)
			wr_fail(w, errno);
	} else if (fflush(w->fp) == EOF) {
		wr_fail(w, errno);
	}
	return w->err;
}

int
wr_close(struct wr *w)
{
	int err;

	if (w->gz) {
		errno = 0;
		if (gzclose(w->gz) != Z_OK)
			wr_fail(w, errno);
	}
	if (w->err)
		fclose(w->fp);	/* the error has been reported once already */
	else if (fshut(w->fp, w->name))
		w->err = 1;
	err = w->err;
	free(w->name);
	free(w);
	return err;
}
