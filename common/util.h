/* util.h: what every rv program shares: messages, allocation, numbers, streams. */
#ifndef RV_UTIL_H
#define RV_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Set once by main(): the name used in every message ("rv-clean"). */
extern const char *progname;

/* "progname: fmt\n" on stderr. */
void rv_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* rv_warn, then exit(status). */
void rv_die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

/* Allocators that exit(1) with a message on failure; n * size overflow checked. */
void *xmalloc(size_t n, size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
/*
 * n zeroed bytes for a large table that is read and written at random: its
 * own mapping and, from 1 MiB on, rounded up to whole transparent huge
 * pages where the system gives them: 2 MiB filled at once instead of 512
 * page faults (slow on virtual machines), and fewer TLB misses.
 * table_free(p, n) returns it.
 */
void *table_new(size_t n);
void table_free(void *p, size_t n);

/*
 * 1 if the text code may take its AVX-512 paths (x86-64 with AVX-512 BW
 * and VBMI2, and BMI2): the same results, faster.  0 elsewhere, or when the
 * environment has RV_PORTABLE set (to compare the two ways in tests).
 */
int cpu_avx512(void);

/*
 * Range-checked number parsers for options and files.  They return 0 and
 * store the value, or -1 if s is not a whole number/float in [min, max].
 */
int parse_long(const char *s, long min, long max, long *out);
int parse_double(const char *s, double min, double max, double *out);
/* Option forms: on a bad value print "progname: -n: 'abc' is not a number
 * in min..max" and exit 2. */
long opt_long(const char *opt, const char *s, long min, long max);
double opt_double(const char *opt, const char *s, double min, double max);
/* The index of s among the n names, or exit 2 with "opt: 's' is not a, b
 * or c". */
int opt_choice(const char *opt, const char *s, const char *const names[], int n);

/* Flush and close a stream; on error print "progname: name: strerror" and
 * return 1, else 0.  EPIPE on stdout is quiet failure (1). */
int fshut(FILE *fp, const char *name);
/* fshut for a stream whose write already failed with errno werr (0: none):
 * glibc keeps only the error flag, so the reason saved then is reported. */
int fshut_err(FILE *fp, const char *name, int werr);

/* Display name of an operand: "-" or NULL becomes "<stdin>". */
const char *fname(const char *path);

/* Seconds from a monotonic clock. */
double now_seconds(void);

/* Number of online processors (at least 1). */
int ncpus(void);

/*
 * Write a whole file atomically: data goes to "path.tmp.PID", is fsynced,
 * then renamed over path.  Returns 0, or 1 after a message naming path.
 */
int atomic_write(const char *path, const void *data, size_t n);

/* Growable byte buffer. */
struct buf {
	char *p;
	size_t n, cap;
};
void buf_add(struct buf *b, const void *data, size_t n);
void buf_addc(struct buf *b, int c);
void buf_adds(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);
/* Writing b through a pointer o into b->p: make room for need more bytes
 * after o, returning the new o (buf_grow is the slow path). */
char *buf_grow(struct buf *b, char *o, size_t need);
static inline char *
buf_room(struct buf *b, char *o, size_t need)
{
	if (!b->p || b->cap - (size_t)(o - b->p) < need)
		return buf_grow(b, o, need);
	return o;
}

/* Little-endian integer (de)serialisation. */
void put_u32(unsigned char *p, uint32_t v);
uint32_t get_u32(const unsigned char *p);
void put_u64(unsigned char *p, uint64_t v);
uint64_t get_u64(const unsigned char *p);

#endif
