/*
 * fuzz.h: what the fuzz targets share.  Each tests/fuzz/fuzz_NAME.c defines
 * LLVMFuzzerTestOneInput; libFuzzer drives it (make fuzz), and
 * tests/unit/t_fuzzregress.c replays the kept inputs through it under the
 * normal test build.  A broken invariant aborts, which both report.
 */
#ifndef RV_FUZZ_H
#define RV_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* With a sanitizer, its report channel, which libFuzzer keeps open when it
 * closes the target's stderr (-close_fd_mask). */
void __sanitizer_report_error_summary(const char *msg) __attribute__((weak));

/* Abort with a message when an invariant does not hold. */
#define FUZZ_CHECK(cond) do { \
	if (!(cond)) \
		fuzz_fail(__FILE__, __LINE__, #cond); \
} while (0)

static inline void
fuzz_fail(const char *file, int line, const char *what)
{
	char msg[512];

	snprintf(msg, sizeof(msg), "%s:%d: fuzz invariant failed: %s", file, line, what);
	fprintf(stderr, "%s\n", msg);
	if (__sanitizer_report_error_summary)
		__sanitizer_report_error_summary(msg);
	abort();
}

/*
 * Put data[0..n) in an anonymous in-memory file and write its name
 * ("/proc/self/fd/N") into path; the readers under test open it by name.
 * Returns the descriptor (close it after), or aborts.
 */
static inline int
fuzz_memfile(const void *data, size_t n, char *path, size_t pathsz)
{
	const char *p = data;
	int fd = memfd_create("rv-fuzz", 0);

	FUZZ_CHECK(fd >= 0);
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		FUZZ_CHECK(w > 0);
		p += w;
		n -= (size_t)w;
	}
	snprintf(path, pathsz, "/proc/self/fd/%d", fd);
	return fd;
}

#endif
