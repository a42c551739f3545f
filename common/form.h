/* form.h: HTML form bodies (application/x-www-form-urlencoded) and escaping for HTML and JSON. */
#ifndef RV_FORM_H
#define RV_FORM_H

#include <stddef.h>

#include "util.h"

/* One field of a form body, still encoded: name[0..nname), value[0..nvalue). */
struct form_field {
	const char *name, *value;
	size_t nname, nvalue;
};

/*
 * The next field of body[0..n) at or after *pos, which it advances: the
 * '&'-separated pieces, each "name=value" or a bare "name" (empty value);
 * empty pieces are skipped.  1 and *f filled, or 0 at the end.
 */
int form_next(const char *body, size_t n, size_t *pos, struct form_field *f);

/*
 * Append to out the decoded s[0..n): '+' is a space, %XX (hexadecimal,
 * either case) the byte XX, a '%' not followed by two hex digits itself;
 * the bytes are then made safe text with form_sanitize.
 */
void form_decode(struct buf *out, const char *s, size_t n);

/*
 * The decoded value of the first field named name (compared after
 * decoding) appended to out: 1, or 0 and out untouched when there is none.
 */
int form_get(const char *body, size_t n, const char *name, struct buf *out);

/*
 * Append s[0..n) to out as safe text: valid UTF-8 (no overlong forms,
 * surrogates or values above U+10FFFF) is copied, each byte that does not
 * start a valid sequence becomes U+FFFD; NUL bytes are dropped; CR LF and
 * a lone CR become LF; other C0 controls but tab and LF, DEL and the C1
 * controls become U+FFFD.
 */
void form_sanitize(struct buf *out, const char *s, size_t n);

/* Append s[0..n) escaped for HTML text and attribute values: & < > " '. */
void form_escape_html(struct buf *out, const char *s, size_t n);

/*
 * Append s[0..n) escaped as the inside of a JSON string: " and \, the
 * controls below U+0020 and DEL (\n, \t... or \u00XX), and < > & as
 * \u003c \u003e \u0026 so the text is also safe inside HTML.  Other bytes
 * are copied; give it sanitized text to get valid JSON.
 */
void form_escape_json(struct buf *out, const char *s, size_t n);

/*
 * Read fd into b, after what it holds, until the end of the input or until
 * b holds max bytes, with read(2): not one byte more is taken from a pipe.
 * b->p stays NUL-terminated.  0, or -1 and errno (EINTR too: a signal
 * caught ends it).
 */
int form_read(int fd, size_t max, struct buf *b);

/*
 * Append s[0..n) to out: with label, a space before each line that starts
 * with a fastText label, so that it stays text; then escaped with
 * form_escape_html (esc 'H'), form_escape_json ('J') or not (0).  With
 * newline, a text that is not empty ends in one newline, not escaped.
 */
void form_emit(const char *s, size_t n, int label, int esc, int newline, struct buf *out);

/*
 * Append to out the decoded values of the fields named field[0..nfield)
 * of body[0..n), each through form_emit: every one but the last on a line
 * of its own (its newlines as spaces; a missing field an empty line), the
 * last as it is, ending in a newline (nothing when it is missing).
 */
void form_fields(const char *body, size_t n, const char *const *field, int nfield, int label, int esc,
    struct buf *out);

#endif
