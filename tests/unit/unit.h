/* unit.h: a tiny harness for the C unit tests: CHECK() counts and reports. */
#ifndef RV_UNIT_H
#define RV_UNIT_H

#include <stdio.h>
#include <stdlib.h>

static int unit_fails, unit_checks;

#define CHECK(cond) do { \
	unit_checks++; \
	if (!(cond)) { \
		unit_fails++; \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECKF(cond, ...) do { \
	unit_checks++; \
	if (!(cond)) { \
		unit_fails++; \
		fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
	} \
} while (0)

/* Return from main: 0 if every check passed. */
#define UNIT_DONE() (fprintf(stderr, "%d checks, %d failed\n", unit_checks, unit_fails), \
	unit_fails ? 1 : 0)

#endif
