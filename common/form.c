/* form.c: decoding HTML form bodies, making text safe, escaping it for HTML and JSON. */
#include "form.h"
#include "text.h"

#include <string.h>
#include <unistd.h>

static const char replacement[] = "\xef\xbf\xbd";	/* U+FFFD in UTF-8 */

int
form_next(const char *body, size_t n, size_t *pos, struct form_field *f)
{
	size_t i = *pos, end, eq;

	while (i < n && body[i] == '&')
		i++;
	if (i >= n) {
		*pos = n;
		return 0;
	}
	end = i;
	while (end < n && body[end] != '&')
		end++;
	eq = i;
	while (eq < end && body[eq] != '=')
		eq++;
	f->name = body + i;
	f->nname = eq - i;
	if (eq < end) {
		f->value = body + eq + 1;
		f->nvalue = end - eq - 1;
	} else {
		f->value = body + end;
		f->nvalue = 0;
	}
	*pos = end;
	return 1;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent and plus decoding only, into raw (replacing its contents). */
static void
unescape(struct buf *raw, const char *s, size_t n)
{
	size_t i;
	int hi, lo;

	raw->n = 0;
	buf_add(raw, NULL, 0);
	for (i = 0; i < n; i++) {
		if (s[i] == '+') {
			buf_addc(raw, ' ');
		} else if (s[i] == '%' && i + 2 < n &&
		    (hi = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hexval((unsigned char)s[i + 2])) >= 0) {
			buf_addc(raw, hi << 4 | lo);
			i += 2;
		} else {
			buf_addc(raw, s[i]);
		}
	}
}

void
form_decode(struct buf *out, const char *s, size_t n)
{
	struct buf raw = {0};

	unescape(&raw, s, n);
	form_sanitize(out, raw.p, raw.n);
	buf_free(&raw);
}

int
form_get(const char *body, size_t n, const char *name, struct buf *out)
{
	struct buf nm = {0};
	struct form_field f;
	size_t pos = 0, len = strlen(name);
	int found = 0;

	while (!found && form_next(body, n, &pos, &f)) {
		nm.n = 0;
		form_decode(&nm, f.name, f.nname);
		if (nm.n == len && memcmp(nm.p, name, len) == 0) {
			form_decode(out, f.value, f.nvalue);
			found = 1;
		}
	}
	buf_free(&nm);
	return found;
}

/*
 * Length of the valid UTF-8 sequence at s[0..n), 0 if none starts there
 * (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
 */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (n < len)
		return 0;
	if (s[0] == 0xe0)
		lo = 0xa0;	/* overlong */
	else if (s[0] == 0xed)
		hi = 0x9f;	/* surrogates */
	else if (s[0] == 0xf0)
		lo = 0x90;	/* overlong */
	else if (s[0] == 0xf4)
		hi = 0x8f;	/* above U+10FFFF */
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

void
form_sanitize(struct buf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len;

	buf_add(out, NULL, 0);
	while (i < n) {
		if (u[i] == 0) {
			i++;
		} else if (u[i] == '\r') {
			buf_addc(out, '\n');
			i += i + 1 < n && u[i + 1] == '\n' ? 2 : 1;
		} else if (u[i] == '\t' || u[i] == '\n') {
			buf_addc(out, u[i++]);
		} else if (u[i] < 0x20 || u[i] == 0x7f) {
			buf_adds(out, replacement);
			i++;
		} else if ((len = utf8_len(u + i, n - i)) == 0) {
			buf_adds(out, replacement);
			i++;
		} else if (len == 2 && u[i] == 0xc2 && u[i + 1] < 0xa0) {
			buf_adds(out, replacement);	/* C1 control */
			i += 2;
		} else {
			buf_add(out, s + i, len);
			i += len;
		}
	}
}

void
form_escape_html(struct buf *out, const char *s, size_t n)
{
	size_t i, start = 0;
	const char *e;

	buf_add(out, NULL, 0);
	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&#39;"; break;
		default: continue;
		}
		buf_add(out, s + start, i - start);
		buf_adds(out, e);
		start = i + 1;
	}
	buf_add(out, s + start, n - start);
}

void
form_escape_json(struct buf *out, const char *s, size_t n)
{
	size_t i, start = 0;
	unsigned char c;
	char e[8];

	buf_add(out, NULL, 0);
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		switch (c) {
		case '"': strcpy(e, "\\\""); break;
		case '\\': strcpy(e, "\\\\"); break;
		case '\n': strcpy(e, "\\n"); break;
		case '\r': strcpy(e, "\\r"); break;
		case '\t': strcpy(e, "\\t"); break;
		case '\b': strcpy(e, "\\b"); break;
		case '\f': strcpy(e, "\\f"); break;
		default:
			if (c >= 0x20 && c != 0x7f && c != '<' && c != '>' && c != '&')
				continue;
			snprintf(e, sizeof e, "\\u%04x", c);
		}
		buf_add(out, s + start, i - start);
		buf_adds(out, e);
		start = i + 1;
	}
	buf_add(out, s + start, n - start);
}

int
form_read(int fd, size_t max, struct buf *b)
{
	ssize_t r;

	buf_add(b, NULL, 0);
	while (b->n < max) {
		size_t chunk = max - b->n < 65536 ? max - b->n : 65536;

		if (b->cap - b->n < chunk + 1) {
			b->cap = b->n + chunk + 1;
			b->p = xrealloc(b->p, b->cap, 1);
		}
		if ((r = read(fd, b->p + b->n, chunk)) < 0)
			return -1;
		if (r == 0)
			break;
		b->n += (size_t)r;
		b->p[b->n] = '\0';
	}
	return 0;
}

void
form_emit(const char *s, size_t n, int label, int esc, int newline, struct buf *out)
{
	struct buf t = {0};
	size_t i, start = 0;

	if (label) {
		for (i = 0; i <= n; i++) {
			if (i < n && s[i] != '\n')
				continue;
			if (i - start >= TEXT_LABEL_PREFIX_LEN &&
			    memcmp(s + start, TEXT_LABEL_PREFIX, TEXT_LABEL_PREFIX_LEN) == 0)
				buf_addc(&t, ' ');
			buf_add(&t, s + start, i < n ? i + 1 - start : i - start);
			start = i + 1;
		}
		s = t.p;
		n = t.n;
	}
	newline = newline && n;
	if (newline && s[n - 1] == '\n')
		n--;
	if (esc == 'H')
		form_escape_html(out, s, n);
	else if (esc == 'J')
		form_escape_json(out, s, n);
	else
		buf_add(out, s, n);
	if (newline)
		buf_addc(out, '\n');
	buf_free(&t);
}

void
form_fields(const char *body, size_t n, const char *const *field, int nfield, int label, int esc,
    struct buf *out)
{
	struct buf val = {0};
	size_t j;
	int i;

	for (i = 0; i < nfield; i++) {
		val.n = 0;
		if (!form_get(body, n, field[i], &val) && i == nfield - 1)
			break;
		if (i < nfield - 1) {
			for (j = 0; j < val.n; j++)
				if (val.p[j] == '\n')
					val.p[j] = ' ';
			form_emit(val.p, val.n, label, esc, 0, out);
			buf_addc(out, '\n');
		} else {
			form_emit(val.p, val.n, label, esc, 1, out);
		}
	}
	buf_free(&val);
}
