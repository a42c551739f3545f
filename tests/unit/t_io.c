/* t_io: plain and gzip input line by line and in blocks, and the writer. */
#include "unit.h"
#include "capture.h"

#include <string.h>
#include <sys/wait.h>
#include <zlib.h>

#include "io.h"
#include "util.h"

static char path[] = "/tmp/t_io.XXXXXX";

static void
spit(const void *data, size_t n)
{
	FILE *fp = fopen(path, "wb");

	fwrite(data, 1, n, fp);
	fclose(fp);
}

/* Append n bytes as one gzip member to path (gzip files concatenate). */
static void
gz_member(const void *data, size_t n, const char *mode)
{
	gzFile z = gzopen(path, mode);

	if (n)
		gzwrite(z, data, (unsigned)n);
	gzclose(z);
}

static void
gzspit(const void *data, size_t n)
{
	gz_member(data, n, "wb");
}

/* The lines of path equal the n lines want[] (lengths wl[]), then a clean end. */
static void
check_lines(const char *const *want, const size_t *wl, size_t n)
{
	struct rd *r = rd_open(path);
	char *line;
	ssize_t got;
	size_t k = 0;

	CHECK(r != NULL);
	if (!r)
		return;
	while ((got = rd_line(r, &line)) >= 0) {
		CHECKF(k < n && (size_t)got == wl[k] && !memcmp(line, want[k], wl[k]),
		    "line %zu: got %zd bytes", k + 1, got);
		CHECK(line[got] == '\0');
		k++;
		CHECK(rd_lineno(r) == (long)k);
	}
	CHECKF(k == n, "%zu lines, wanted %zu", k, n);
	CHECK(!rd_error(r));
	CHECK(rd_close(r) == 0);
}

static void
test_lines(void)
{
	static const char text[] = "a\nb\r\n\nx\0y\nlast";
	const char *want[] = {"a", "b\r", "", "x\0y", "last"};
	size_t wl[] = {1, 2, 0, 3, 4};
	int gz;

	for (gz = 0; gz < 2; gz++) {
		(gz ? gzspit : spit)(text, sizeof(text) - 1);
		check_lines(want, wl, 5);
		/* empty input: no lines */
		(gz ? gzspit : spit)("", 0);
		check_lines(NULL, NULL, 0);
		/* one newline: one empty line */
		(gz ? gzspit : spit)("\n", 1);
		check_lines(want + 2, wl + 2, 1);
		/* one byte, no newline */
		(gz ? gzspit : spit)("a", 1);
		check_lines(want, wl, 1);
	}
}

/* Long lines and lines across buffer boundaries, plain and gzip. */
static void
test_long(void)
{
	size_t sizes[] = {1, 65535, 65536, 65537, 3 << 20, 0, 7, 200000};
	const size_t n = sizeof(sizes) / sizeof(sizes[0]);
	const char *want[8];
	size_t total = 0, i, off = 0;
	char *text;
	int gz;

	for (i = 0; i < n; i++)
		total += sizes[i] + 1;
	text = xmalloc(total, 1);
	for (i = 0; i < n; i++) {
		size_t j;

		for (j = 0; j < sizes[i]; j++)
			text[off + j] = (char)('a' + (i + j) % 26);
		want[i] = text + off;
		off += sizes[i];
		text[off++] = '\n';
	}
	for (gz = 0; gz < 2; gz++) {
		(gz ? gzspit : spit)(text, total);
		check_lines(want, sizes, n);
		/* the same without the final newline */
		(gz ? gzspit : spit)(text, total - 1);
		check_lines(want, sizes, n);
	}
	free(text);
}

static void
test_members(void)
{
	const char *want[] = {"one", "two", "three", "four"};
	size_t wl[] = {3, 3, 5, 4};

	/* a member boundary inside a line, and an empty member */
	gz_member("one\ntw", 6, "wb");
	gz_member("", 0, "ab");
	gz_member("o\nthree\n", 8, "ab");
	gz_member("four", 4, "ab");
	check_lines(want, wl, 4);
}

/*
 * Many lines of every length, so some cross the reader's buffer at every
 * place; a caller may write over the line it got (it is handed out from
 * the buffer when it fits) without touching the next ones.
 */
static void
test_many_lines(void)
{
	const size_t N = 20000;
	struct buf text = {0};
	size_t *len = xmalloc(N, sizeof(*len)), *off = xmalloc(N, sizeof(*off)), i, k;
	int gz, bad;

	for (i = 0; i < N; i++) {
		len[i] = (i * 7919) % 997 + (i % 50 == 0 ? 70000 : 0) - (i % 13 == 0 ? (i * 7919) % 997 : 0);
		off[i] = text.n;
		for (k = 0; k < len[i]; k++)
			buf_addc(&text, (int)('a' + (i + k) % 26));
		buf_addc(&text, '\n');
	}
	for (gz = 0; gz < 2; gz++) {
		struct rd *r;
		char *line;
		ssize_t got;

		(gz ? gzspit : spit)(text.p, text.n);
		r = rd_open(path);
		for (i = 0, bad = 0; (got = rd_line(r, &line)) >= 0; i++) {
			bad += i >= N || (size_t)got != len[i] || line[got] != '\0' ||
			    memcmp(line, text.p + off[i], len[i]);
			memset(line, '#', (size_t)got + 1);	/* and its NUL */
		}
		CHECKF(bad == 0 && i == N, "%d lines differ, %zu lines", bad, i);
		CHECK(rd_close(r) == 0);
	}
	free(len);
	free(off);
	buf_free(&text);
}

static void
test_blocks(void)
{
	unsigned char data[100000], back[100000];
	struct rd *r;
	char *line;
	size_t i, got;
	int gz;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7 + i / 251);
	data[0] = 'h';
	data[1] = '\n';
	for (gz = 0; gz < 2; gz++) {
		(gz ? gzspit : spit)(data, sizeof(data));
		r = rd_open(path);
		CHECK(rd_line(r, &line) == 1 && line[0] == 'h');
		got = rd_read(r, back, 3);
		CHECK(got == 3 && !memcmp(back, data + 2, 3));
		got = rd_read(r, back, sizeof(back));
		CHECK(got == sizeof(data) - 5 && !memcmp(back, data + 5, got));
		CHECK(rd_read(r, back, 10) == 0);
		CHECK(rd_close(r) == 0);
	}
}

static void
test_errors(void)
{
	static const char text[] = "some text that is long enough to compress\n";
	unsigned char z[256];
	struct capture c;
	struct rd *r;
	FILE *fp;
	size_t n;
	char *line;

	/* a gzip file cut short */
	gzspit(text, sizeof(text) - 1);
	fp = fopen(path, "rb");
	n = fread(z, 1, sizeof(z), fp);
	fclose(fp);
	spit(z, n - 6);
	capture_begin(&c);
	r = rd_open(path);
	while (rd_line(r, &line) >= 0)
		;
	CHECK(rd_error(r));
	CHECK(rd_close(r) == 1);
	capture_end(&c);
	CHECKF(strstr(c.text, "truncated gzip data") && capture_lines(c.text) == 1, "%s", c.text);

	/* gzip magic, then garbage */
	spit("\x1f\x8bgarbage that is not deflate data", 34);
	capture_begin(&c);
	r = rd_open(path);
	while (rd_line(r, &line) >= 0)
		;
	CHECK(rd_close(r) == 1);
	capture_end(&c);
	CHECKF(strstr(c.text, "gzip data is damaged") && capture_lines(c.text) == 1, "%s", c.text);

	capture_begin(&c);
	r = rd_open("/nonexistent/file");
	capture_end(&c);
	CHECK(r == NULL);
	CHECKF(!strcmp(c.text, "rv: /nonexistent/file: No such file or directory\n"), "%s", c.text);
	/* a directory opens but fails to read */
	capture_begin(&c);
	r = rd_open("/");
	if (r) {
		while (rd_line(r, &line) >= 0)
			;
		CHECK(rd_close(r) == 1);
	}
	capture_end(&c);
	CHECKF(strstr(c.text, "Is a directory") != NULL, "%s", c.text);
}

/* stdin from a pipe that delivers a byte at a time. */
static void
test_pipe(void)
{
	const char *want[] = {"x", "yz"};
	size_t wl[] = {1, 2};
	int fd[2], saved, status, gz;
	pid_t pid;

	for (gz = 0; gz < 2; gz++) {
		unsigned char b[256];
		FILE *fp;
		size_t n;

		(gz ? gzspit : spit)("x\nyz", 4);
		fp = fopen(path, "rb");
		n = fread(b, 1, sizeof(b), fp);
		fclose(fp);
		CHECK(pipe(fd) == 0);
		pid = fork();
		if (pid == 0) {
			size_t i;

			close(fd[0]);
			for (i = 0; i < n; i++)
				if (write(fd[1], b + i, 1) != 1)
					_exit(1);
			_exit(0);
		}
		close(fd[1]);
		saved = dup(0);
		dup2(fd[0], 0);
		close(fd[0]);
		{
			struct rd *r = rd_open("-");
			char *line;
			ssize_t got;
			size_t k = 0;

			CHECK(!strcmp(rd_name(r), "<stdin>"));
			while ((got = rd_line(r, &line)) >= 0) {
				CHECK(k < 2 && (size_t)got == wl[k] && !memcmp(line, want[k], wl[k]));
				k++;
			}
			CHECK(k == 2);
			CHECK(rd_close(r) == 0);
		}
		dup2(saved, 0);
		close(saved);
		waitpid(pid, &status, 0);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
}

static void
test_writer(void)
{
	const char *want[] = {"hello", "world"};
	size_t wl[] = {5, 5};
	struct capture c;
	struct wr *w;
	int gz;

	for (gz = 0; gz < 2; gz++) {
		w = wr_open(path, gz);
		CHECK(w != NULL);
		CHECK(wr_write(w, "hello\n", 6) == 0);
		CHECK(wr_flush(w) == 0);
		CHECK(wr_write(w, "world\n", 6) == 0);
		CHECK(wr_close(w) == 0);
		check_lines(want, wl, 2);

		/* a full disk is an error, reported once */
		capture_begin(&c);
		w = wr_open("/dev/full", gz);
		CHECK(w != NULL);
		if (w) {
			int rc = 0, i;

			for (i = 0; i < 20000; i++)
				rc |= wr_write(w, "0123456789abcdefghijklmnopqrstuvwxyz\n", 37);
			rc |= wr_close(w);
			CHECK(rc == 1);
		}
		capture_end(&c);
		CHECKF(strstr(c.text, "/dev/full: No space left on device") &&
		    capture_lines(c.text) == 1, "gz %d: %s", gz, c.text);
	}
	capture_begin(&c);
	w = wr_open("/nonexistent/out", 0);
	capture_end(&c);
	CHECK(w == NULL && strstr(c.text, "/nonexistent/out: No such file"));
}

int
main(void)
{
	int fd = mkstemp(path);

	close(fd);
	test_lines();
	test_long();
	test_members();
	test_blocks();
	test_many_lines();
	test_errors();
	test_pipe();
	test_writer();
	unlink(path);
	return UNIT_DONE();
}
