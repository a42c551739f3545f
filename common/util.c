/* util.c: messages, checked allocation, number parsing, stream shutdown. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

const char *progname = "rv";

static void
vwarn(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
rv_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void
rv_die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	exit(status);
}

static size_t
checked_size(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		rv_die(1, "out of memory (%zu x %zu bytes)", n, size);
	return n * size;
}

void *
xmalloc(size_t n, size_t size)
{
	size_t t = checked_size(n, size);
	void *p = malloc(t ? t : 1);

	if (!p)
		rv_die(1, "out of memory (%zu bytes)", t);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p;

	checked_size(n, size);
	p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		rv_die(1, "out of memory (%zu x %zu bytes)", n, size);
	return p;
}

#define HUGE_PAGE ((size_t)2 << 20)

/* What table_new maps for n bytes: whole pages, and from half a huge page
 * on, whole huge pages. */
static size_t
table_size(size_t n)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE), unit = n >= HUGE_PAGE / 2 ? HUGE_PAGE : pg;

	return n ? (n + unit - 1) / unit * unit : pg;
}

void *
table_new(size_t n)
{
	size_t len = table_size(n), map = len >= HUGE_PAGE ? len + HUGE_PAGE : len, skip;
	char *p = mmap(NULL, map, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		rv_die(1, "out of memory (%zu bytes)", n);
	if (map == len)
		return p;
	/* a huge page must start at a multiple of its size: the rest goes back */
	skip = (HUGE_PAGE - (uintptr_t)p % HUGE_PAGE) % HUGE_PAGE;
	if (skip)
		munmap(p, skip);
	if (HUGE_PAGE - skip)
		munmap(p + skip + len, HUGE_PAGE - skip);
#ifdef MADV_HUGEPAGE
	madvise(p + skip, len, MADV_HUGEPAGE);
#endif
	return p + skip;
}

void
table_free(void *p, size_t n)
{
	if (p)
		munmap(p, table_size(n));
}

void *
xrealloc(void *p, size_t n, size_t size)
{
	size_t t = checked_size(n, size);

	p = realloc(p, t ? t : 1);
	if (!p)
		rv_die(1, "out of memory (%zu bytes)", t);
	return p;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n, 1), s, n);
}

int
parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
parse_double(const char *s, double min, double max, double *out)
{
	char *end;
	double v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || end == s || !isfinite(v) || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

long
opt_long(const char *opt, const char *s, long min, long max)
{
	long v;

	if (parse_long(s, min, max, &v) < 0)
		rv_die(2, "%s: '%s' is not a whole number in %ld..%ld", opt, s, min, max);
	return v;
}

double
opt_double(const char *opt, const char *s, double min, double max)
{
	double v;

	if (parse_double(s, min, max, &v) < 0)
		rv_die(2, "%s: '%s' is not a number in %g..%g", opt, s, min, max);
	return v;
}

int
opt_choice(const char *opt, const char *s, const char *const names[], int n)
{
	struct buf b = {0};
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, names[i]))
			return i;
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ", names[i]);
	rv_die(2, "%s: '%s' is not %s", opt, s, b.p ? b.p : "");
}

/* 1 if fp writes to a pipe or socket that nobody reads any more. */
static int
reader_gone(FILE *fp)
{
	struct pollfd p;

	p.fd = fileno(fp);
	p.events = POLLOUT;
	p.revents = 0;
	return p.fd >= 0 && poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP));
}

int
fshut(FILE *fp, const char *name)
{
	return fshut_err(fp, name, 0);
}

int
fshut_err(FILE *fp, const char *name, int werr)
{
	int bad = werr;

	errno = 0;
	if (bad) {
		fclose(fp);	/* fails again, for the reason saved */
		if (bad != EPIPE)
			rv_warn("%s: %s", name, strerror(bad));
		return 1;
	}
	/* a write that failed before left no errno: a closed pipe is still EPIPE */
	if (fflush(fp) == EOF || ferror(fp))
		bad = errno ? errno : reader_gone(fp) ? EPIPE : EIO;
	if (fclose(fp) == EOF && !bad)
		bad = errno ? errno : EIO;
	if (!bad)
		return 0;
	if (bad != EPIPE)
		rv_warn("%s: %s", name, strerror(bad));
	return 1;
}

const char *
fname(const char *path)
{
	return (!path || !strcmp(path, "-")) ? "<stdin>" : path;
}

double
now_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec * 1e-9;
}

int
ncpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

int
atomic_write(const char *path, const void *data, size_t n)
{
	char *tmp;
	size_t len = strlen(path) + 32;
	const char *p = data;
	int fd, e = 0;

	tmp = xmalloc(len, 1);
	snprintf(tmp, len, "%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		rv_warn("%s: %s", tmp, strerror(errno));
		free(tmp);
		return 1;
	}
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
			break;
		}
		p += w;
		n -= (size_t)w;
	}
	if (!e && fsync(fd) < 0 && errno != EINVAL && errno != EROFS)
		e = errno;
	if (close(fd) < 0 && !e)
		e = errno;
	if (!e && rename(tmp, path) < 0)
		e = errno;
	if (e) {
		rv_warn("%s: %s", path, strerror(e));
		unlink(tmp);
		free(tmp);
		return 1;
	}
	free(tmp);
	return 0;
}

void
buf_add(struct buf *b, const void *data, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < b->n + n + 1)
			cap = checked_size(cap, 2);
		b->p = xrealloc(b->p, cap, 1);
		b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->n, data, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void
buf_addc(struct buf *b, int c)
{
	char ch = (char)c;

	buf_add(b, &ch, 1);
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_add(b, NULL, 0);
	if (b->n + (size_t)n + 1 > b->cap) {
		b->cap = b->n + (size_t)n + 1;
		b->p = xrealloc(b->p, b->cap, 1);
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)n;
}

char *
buf_grow(struct buf *b, char *o, size_t need)
{
	size_t used = b->p ? (size_t)(o - b->p) : 0;
	size_t cap = b->cap ? b->cap : 256;

	while (cap - used < need)
		cap *= 2;
	if (cap != b->cap || !b->p) {
		b->p = xrealloc(b->p, cap, 1);
		b->cap = cap;
	}
	return b->p + used;
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}

void
put_u32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = (v >> 24) & 0xff;
}

uint32_t
get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

void
put_u64(unsigned char *p, uint64_t v)
{
	put_u32(p, (uint32_t)v);
	put_u32(p + 4, (uint32_t)(v >> 32));
}

uint64_t
get_u64(const unsigned char *p)
{
	return (uint64_t)get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
}

int
cpu_avx512(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
	static int v = -1;

	if (v < 0) {
		__builtin_cpu_init();
		v = __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi2") &&
		    __builtin_cpu_supports("bmi2") && !getenv("RV_PORTABLE");
	}
	return v;
#else
	return 0;
#endif
}
