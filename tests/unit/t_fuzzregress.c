/*
 * t_fuzzregress: replay every fuzz input kept in tests/fuzz/regress/NAME/
 * (crashes found and fixed) and the seeds in tests/fuzz/corpus/NAME/
 * through the fuzz targets' own code, built here without libFuzzer.  A
 * target that meets a broken invariant aborts, which fails this test.
 */
#include "unit.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>

#include "util.h"

#define LLVMFuzzerTestOneInput fuzz_text
#include "../fuzz/fuzz_text.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_stem
#include "../fuzz/fuzz_stem.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_vocab
#include "../fuzz/fuzz_vocab.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_tensor
#include "../fuzz/fuzz_tensor.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_model
#include "../fuzz/fuzz_model.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_form
#include "../fuzz/fuzz_form.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_page
#include "../fuzz/fuzz_page.c"
#undef LLVMFuzzerTestOneInput

static const struct target {
	const char *name;
	int (*fn)(const uint8_t *, size_t);
} targets[] = {
	{ "text", fuzz_text }, { "stem", fuzz_stem }, { "vocab", fuzz_vocab },
	{ "tensor", fuzz_tensor }, { "model", fuzz_model }, { "form", fuzz_form },
	{ "page", fuzz_page },
};

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run fn on every file of dir (sorted); returns how many, -1 if no dir. */
static int
replay(const char *dir, int (*fn)(const uint8_t *, size_t))
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, path[4096];
	size_t n = 0, i;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			names = xrealloc(names, n + 1, sizeof(*names));
			names[n++] = xstrdup(e->d_name);
		}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_name);
	for (i = 0; i < n; i++) {
		struct buf b = {0};
		FILE *fp;
		char chunk[4096];
		size_t got;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		fp = fopen(path, "rb");
		CHECKF(fp != NULL, "%s: %s", path, strerror(errno));
		if (fp) {
			while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
				buf_add(&b, chunk, got);
			fclose(fp);
			buf_add(&b, NULL, 0);
			/* the fuzz targets own no copy: give them an exact-size one */
			{
				uint8_t *copy = xmalloc(b.n, 1);

				memcpy(copy, b.p, b.n);
				CHECKF(fn(copy, b.n) == 0, "%s", path);
				free(copy);
			}
		}
		buf_free(&b);
		free(names[i]);
	}
	free(names);
	return (int)n;
}

int
main(void)
{
	char dir[256];
	size_t i;
	int n;

	progname = "t_fuzzregress";
	for (i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		snprintf(dir, sizeof(dir), "tests/fuzz/corpus/%s", targets[i].name);
		n = replay(dir, targets[i].fn);
		CHECKF(n > 0, "%s: no seed inputs", dir);
		snprintf(dir, sizeof(dir), "tests/fuzz/regress/%s", targets[i].name);
		replay(dir, targets[i].fn);
	}
	return UNIT_DONE();
}
