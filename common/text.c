/*
 * text.c: rv-clean's core.  A line is cleaned in two passes: HTML entities
 * are decoded into a scratch buffer (only when the line has a '&'), then one
 * scan drops tags and splits words.  ASCII letters and separators take a
 * fast path, '<', apostrophes and other bytes leave it: on a CPU with
 * AVX-512 VBMI2, 64 bytes at a time (classified with compares, the kept
 * bytes packed with one compress), else byte by byte through a 256-entry
 * table, without a branch on the byte.  Both give the same output (the
 * tests and the fuzzer compare them).  Code points below U+0800 go through
 * a table built once per cleaner with utf8proc; the rest call utf8proc
 * directly.
 */
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define TEXT_SIMD 64	/* bytes the SIMD path may write past its output */
#else
#define TEXT_SIMD 0
#endif

enum {
	K_SEP,		/* ends a word */
	K_WORD,		/* Latin letter or digit: marks after it are dropped */
	K_WORDX,	/* letter of another script (-a): marks after it are kept */
	K_MARK,		/* combining mark */
	K_APOS,		/* apostrophe: joins two word characters */
	K_IGNORE,	/* invisible (soft hyphen, joiners, BOM): neither */
	K_LT		/* '<': maybe a tag (ASCII table only) */
};

/* Classes of the fast path's table: ASCII separators and letters (and
 * digits with -d) are handled there; everything else leaves it. */
enum { FAST_SEP, FAST_WORD, FAST_OUT };
#define FAST_RUN 64		/* bytes of the fast path between checks for the others */

#define FOLD_MAX 14	/* bytes a character may become */
#define TAG_MAX 2048	/* longest tag or comment recognised */

struct fold {
	unsigned char kind;
	unsigned char len;	/* bytes in s */
	char s[FOLD_MAX];	/* what the character adds to a word */
};

struct text {
	int flags;
	int simd;			/* the AVX-512 fast path */
	unsigned char akind[128];	/* kind of each ASCII byte */
	char alower[128];		/* ASCII lowercase */
	uint16_t fast[256];		/* FAST_* << 8 | the byte it writes */
	struct fold fold[0x800];	/* code points U+0000..U+07FF */
	struct buf dec;			/* the line with its entities decoded */
};

/* HTML entities: HTML 4 and the common HTML 5 punctuation names, sorted. */
static const struct entity {
	const char *name;
	int32_t cp;
} entities[] = {
	{"AElig", 198}, {"Aacute", 193}, {"Acirc", 194}, {"Agrave", 192},
	{"Aring", 197}, {"Atilde", 195}, {"Auml", 196}, {"Ccedil", 199},
	{"Dagger", 8225}, {"ETH", 208}, {"Eacute", 201}, {"Ecirc", 202},
	{"Egrave", 200}, {"Euml", 203}, {"Hat", 94}, {"Iacute", 205}, {"Icirc", 206},
	{"Igrave", 204}, {"Iuml", 207}, {"Ntilde", 209}, {"OElig", 338},
	{"Oacute", 211}, {"Ocirc", 212}, {"Ograve", 210}, {"Oslash", 216},
	{"Otilde", 213}, {"Ouml", 214}, {"Prime", 8243}, {"Scaron", 352},
	{"THORN", 222}, {"Uacute", 218}, {"Ucirc", 219}, {"Ugrave", 217},
	{"Uuml", 220}, {"Yacute", 221}, {"Yuml", 376}, {"Zcaron", 381},
	{"aacute", 225}, {"acirc", 226}, {"acute", 180}, {"aelig", 230},
	{"agrave", 224}, {"amp", 38}, {"apos", 39}, {"aring", 229}, {"ast", 42},
	{"atilde", 227}, {"auml", 228}, {"bdquo", 8222}, {"brvbar", 166},
	{"bsol", 92}, {"bull", 8226}, {"ccedil", 231}, {"cedil", 184}, {"cent", 162},
	{"check", 10003}, {"circ", 710}, {"clubs", 9827}, {"colon", 58},
	{"comma", 44}, {"commat", 64}, {"copy", 169}, {"curren", 164},
	{"dagger", 8224}, {"darr", 8595}, {"dash", 8208}, {"deg", 176},
	{"diams", 9830}, {"divide", 247}, {"dollar", 36}, {"eacute", 233},
	{"ecirc", 234}, {"egrave", 232}, {"emsp", 8195}, {"ensp", 8194},
	{"equals", 61}, {"eth", 240}, {"euml", 235}, {"euro", 8364}, {"excl", 33},
	{"fnof", 402}, {"frac12", 189}, {"frac14", 188}, {"frac34", 190},
	{"frasl", 8260}, {"grave", 96}, {"gt", 62}, {"half", 189}, {"harr", 8596},
	{"hearts", 9829}, {"hellip", 8230}, {"hyphen", 8208}, {"iacute", 237},
	{"icirc", 238}, {"iexcl", 161}, {"igrave", 236}, {"iquest", 191},
	{"iuml", 239}, {"laquo", 171}, {"larr", 8592}, {"lcub", 123}, {"ldquo", 8220},
	{"lowbar", 95}, {"lpar", 40}, {"lrm", 8206}, {"lsaquo", 8249}, {"lsqb", 91},
	{"lsquo", 8216}, {"lt", 60}, {"macr", 175}, {"mdash", 8212}, {"micro", 181},
	{"middot", 183}, {"nbsp", 160}, {"ndash", 8211}, {"not", 172},
	{"ntilde", 241}, {"num", 35}, {"oacute", 243}, {"ocirc", 244}, {"oelig", 339},
	{"ograve", 242}, {"oline", 8254}, {"ordf", 170}, {"ordm", 186},
	{"oslash", 248}, {"otilde", 245}, {"ouml", 246}, {"para", 182},
	{"percnt", 37}, {"period", 46}, {"permil", 8240}, {"plus", 43},
	{"plusmn", 177}, {"pound", 163}, {"prime", 8242}, {"quest", 63}, {"quot", 34},
	{"raquo", 187}, {"rarr", 8594}, {"rcub", 125}, {"rdquo", 8221}, {"reg", 174},
	{"rlm", 8207}, {"rpar", 41}, {"rsaquo", 8250}, {"rsqb", 93}, {"rsquo", 8217},
	{"sbquo", 8218}, {"scaron", 353}, {"sect", 167}, {"semi", 59}, {"shy", 173},
	{"sol", 47}, {"spades", 9824}, {"star", 9734}, {"sup1", 185}, {"sup2", 178},
	{"sup3", 179}, {"szlig", 223}, {"thinsp", 8201}, {"thorn", 254},
	{"tilde", 732}, {"times", 215}, {"trade", 8482}, {"uacute", 250},
	{"uarr", 8593}, {"ucirc", 251}, {"ugrave", 249}, {"uml", 168}, {"uuml", 252},
	{"verbar", 124}, {"yacute", 253}, {"yen", 165}, {"yuml", 255},
	{"zcaron", 382}, {"zwj", 8205}, {"zwnj", 8204},
};

/* Windows-1252 for numeric references &#128; .. &#159; (as HTML 5 reads them). */
static const uint16_t cp1252[32] = {
	0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
	0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
};

/* HTML element names whose tags are dropped, sorted. */
static const char *const tags[] = {
	"a", "abbr", "acronym", "address", "area", "article", "aside", "audio",
	"b", "base", "basefont", "bdi", "bdo", "big", "blink", "blockquote",
	"body", "br", "button", "caption", "center", "cite", "code", "col",
	"colgroup", "dd", "del", "dfn", "dir", "div", "dl", "dt", "em", "embed",
	"fieldset", "figcaption", "figure", "font", "footer", "form", "frame",
	"frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
	"html", "i", "iframe", "img", "input", "ins", "kbd", "label", "legend",
	"li", "link", "main", "map", "mark", "marquee", "meta", "nav", "nobr",
	"noscript", "object", "ol", "optgroup", "option", "p", "param", "pre",
	"q", "s", "samp", "script", "section", "select", "small", "source",
	"span", "strike", "strong", "style", "sub", "summary", "sup", "table",
	"tbody", "td", "textarea", "tfoot", "th", "thead", "time", "title", "tr",
	"tt", "u", "ul", "var", "video", "wbr",
};

static int
cmp_entity(const void *key, const void *elem)
{
	return strcmp(key, ((const struct entity *)elem)->name);
}

static int
cmp_str(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static int
is_alpha(unsigned c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int
is_digit(unsigned c)
{
	return c >= '0' && c <= '9';
}

static int
is_hspace(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static int
is_apos(int32_t c)
{
	return c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x00B4;
}

/* Letters of the Latin script (called for letters only). */
static int
is_latin(int32_t c)
{
	return (c >= 0xC0 && c <= 0x2AF) || c == 0xAA || c == 0xBA ||
	    (c >= 0x1D00 && c <= 0x1DBF) || (c >= 0x1E00 && c <= 0x1EFF) ||
	    c == 0x2071 || c == 0x207F || (c >= 0x2090 && c <= 0x209C) ||
	    c == 0x212A || c == 0x212B || (c >= 0x2C60 && c <= 0x2C7F) ||
	    (c >= 0xA720 && c <= 0xA7FF) || (c >= 0xAB30 && c <= 0xAB6F) ||
	    (c >= 0xFB00 && c <= 0xFB06) || (c >= 0xFF21 && c <= 0xFF3A) ||
	    (c >= 0xFF41 && c <= 0xFF5A) || (c >= 0x1D400 && c <= 0x1D6A5);
}

/* Latin letters that have no decomposition but a usual base spelling. */
static const char *
latin_base(int32_t c)
{
	switch (c) {
	case 0xE6: return "ae";		/* æ */
	case 0xF0: return "d";		/* ð */
	case 0xF8: return "o";		/* ø */
	case 0xFE: return "th";		/* þ */
	case 0x111: return "d";		/* đ */
	case 0x127: return "h";		/* ħ */
	case 0x131: return "i";		/* dotless i */
	case 0x142: return "l";		/* ł */
	case 0x153: return "oe";	/* œ */
	case 0x167: return "t";		/* ŧ */
	}
	return NULL;
}

static int
is_letter(int32_t c)
{
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return 1;
	default:
		return 0;
	}
}

static void
fold_add(struct fold *f, const char *s, size_t n)
{
	if (f->len + n > FOLD_MAX)
		return;		/* cannot happen for real code points; stay safe */
	memcpy(f->s + f->len, s, n);
	f->len += (unsigned char)n;
}

static void
fold_add_cp(struct fold *f, int32_t c)
{
	utf8proc_uint8_t u[4];
	utf8proc_ssize_t n = utf8proc_encode_char(c, u);

	fold_add(f, (const char *)u, (size_t)n);
}

/* Map c through utf8proc with options into dst (up to 18 code points). */
static int
decompose(int32_t c, int32_t *dst, utf8proc_option_t opt)
{
	int boundclass = 0;
	utf8proc_ssize_t n = utf8proc_decompose_char(c, dst, 18, opt, &boundclass);

	return n < 0 || n > 18 ? 0 : (int)n;
}

/* What code point c (not ASCII) is in a line cleaned with flags. */
static void
classify(int flags, int32_t c, struct fold *f)
{
	int32_t d[18];
	int i, n;

	f->kind = K_SEP;
	f->len = 0;
	if (is_apos(c)) {
		f->kind = K_APOS;
		return;
	}
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		if (is_latin(c)) {
			n = decompose(c, d, UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE |
			    UTF8PROC_COMPAT | UTF8PROC_STRIPMARK);
			for (i = 0; i < n; i++) {
				const char *b = latin_base(d[i]);

				if (d[i] < 0x80) {
					if (is_alpha((unsigned)d[i]))
						fold_add(f, (char[]){(char)(d[i] | 0x20)}, 1);
				} else if (b) {
					fold_add(f, b, strlen(b));
				} else if (is_letter(d[i]) && is_latin(d[i]) && !is_apos(d[i])) {
					/* Latin only: U+1D5D, a Latin modifier,
					 * decomposes to a Greek beta */
					fold_add_cp(f, d[i]);
				}
			}
			f->kind = f->len ? K_WORD : K_IGNORE;
		} else if (flags & TEXT_ALL_SCRIPTS) {
			n = decompose(c, d, UTF8PROC_CASEFOLD);
			for (i = 0; i < n; i++)
				fold_add_cp(f, d[i]);
			if (n == 0)
				fold_add_cp(f, c);
			f->kind = K_WORDX;
		}
		return;
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		f->kind = K_MARK;
		fold_add_cp(f, c);
		return;
	case UTF8PROC_CATEGORY_ND:
		if (!(flags & TEXT_DIGITS))
			return;
		n = decompose(c, d, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT);
		if (n == 1 && is_digit((unsigned)d[0])) {
			fold_add(f, (char[]){(char)d[0]}, 1);
			f->kind = K_WORD;
		} else if (flags & TEXT_ALL_SCRIPTS) {
			fold_add_cp(f, c);
			f->kind = K_WORDX;
		}
		return;
	case UTF8PROC_CATEGORY_CF:
		if (c != 0x200B)	/* zero width space separates */
			f->kind = K_IGNORE;
		return;
	default:
		return;
	}
}

struct text *
text_new(int flags)
{
	struct text *t = xcalloc(1, sizeof(*t));
	int c;

	t->flags = flags;
	for (c = 0; c < 128; c++) {
		t->alower[c] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		if (is_alpha((unsigned)c) || (is_digit((unsigned)c) && (flags & TEXT_DIGITS)))
			t->akind[c] = K_WORD;
		else if (c == '\'' || c == '`')
			t->akind[c] = K_APOS;
		else if (c == '<')
			t->akind[c] = K_LT;
		else
			t->akind[c] = K_SEP;
	}
	for (c = 0; c < 256; c++) {
		if (c < 0x80 && t->akind[c] == K_WORD)
			t->fast[c] = (uint16_t)(FAST_WORD << 8 | (unsigned char)t->alower[c]);
		else if (c < 0x80 && t->akind[c] == K_SEP)
			t->fast[c] = (uint16_t)(FAST_SEP << 8 | ' ');
		else
			t->fast[c] = (uint16_t)(FAST_OUT << 8);
	}
	for (c = 0x80; c < 0x800; c++)
		classify(flags, c, &t->fold[c]);
#if TEXT_SIMD
	t->simd = !(flags & TEXT_PORTABLE) && cpu_avx512();
#endif
	return t;
}

void
text_free(struct text *t)
{
	if (!t)
		return;
	buf_free(&t->dec);
	free(t);
}

size_t
text_label(const char *s, size_t n)
{
	size_t i;

	if (n <= TEXT_LABEL_PREFIX_LEN || memcmp(s, TEXT_LABEL_PREFIX, TEXT_LABEL_PREFIX_LEN))
		return 0;
	for (i = TEXT_LABEL_PREFIX_LEN; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || (c >= '\t' && c <= '\r') || c == '\0')
			break;
	}
	return i > TEXT_LABEL_PREFIX_LEN ? i : 0;
}

/*
 * Decode one UTF-8 sequence of s[0..n) (n >= 1) into *cp; returns its length.
 * An invalid byte gives 1 and U+FFFD.
 */
static size_t
utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
	unsigned c = s[0];
	unsigned lo = 0x80, hi = 0xBF;
	size_t len, i;
	int32_t v;

	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (n < len || s[1] < lo || s[1] > hi) {
		*cp = 0xFFFD;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = v << 6 | (s[i] & 0x3F);
	}
	*cp = v;
	return len;
}

int
text_utf8_valid(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len;
	int32_t cp;

	while (i < n) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		if ((len = utf8_decode(u + i, n - i, &cp)) == 1)
			return 0;	/* a sequence of one byte >= 0x80 is invalid */
		i += len;
	}
	return 1;
}

/*
 * The entity at s[0..n), just after its '&': returns its length (without
 * the '&') and sets *cp, or 0 if it is not one.
 */
static size_t
entity(const unsigned char *s, size_t n, int32_t *cp)
{
	size_t i = 0, j;
	int32_t v = 0;

	if (n >= 2 && s[0] == '#') {
		int hex = (s[1] | 0x20) == 'x';

		for (i = hex ? 2 : 1, j = i; i < n; i++) {
			unsigned c = s[i], dv;

			if (is_digit(c))
				dv = c - '0';
			else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
				dv = (c | 0x20) - 'a' + 10;
			else
				break;
			if (v <= 0x10FFFF)
				v = v * (hex ? 16 : 10) + (int32_t)dv;
		}
		if (i == j)
			return 0;
		if (i < n && s[i] == ';')
			i++;
		if (v >= 0x80 && v <= 0x9F)
			v = cp1252[v - 0x80];
		else if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			v = 0xFFFD;
		*cp = v;
		return i;
	}
	for (i = 0; i < n && i < 8 && (is_alpha(s[i]) || is_digit(s[i])); i++)
		;
	if (i >= 2 && i < n && s[i] == ';' && is_alpha(s[0])) {
		char name[9];
		const struct entity *e;

		memcpy(name, s, i);
		name[i] = '\0';
		e = bsearch(name, entities, sizeof(entities) / sizeof(entities[0]),
		    sizeof(entities[0]), cmp_entity);
		if (!e) {
			/* &QUOT; &AMP; &LT; &GT; &NBSP; in any case */
			for (j = 0; j < i; j++)
				name[j] = (char)(name[j] | 0x20);
			if (!strcmp(name, "quot") || !strcmp(name, "amp") ||
			    !strcmp(name, "lt") || !strcmp(name, "gt") ||
			    !strcmp(name, "nbsp"))
				e = bsearch(name, entities, sizeof(entities) /
				    sizeof(entities[0]), sizeof(entities[0]), cmp_entity);
		}
		if (e) {
			*cp = e->cp;
			return i + 1;
		}
	}
	return 0;
}

/* Decode the entities of s[0..n) into b.  "&amp;quot;" (escaped twice) is '"'. */
static void
decode_entities(const unsigned char *s, size_t n, struct buf *b)
{
	size_t i = 0, len;

	b->n = 0;
	while (i < n) {
		const unsigned char *amp = memchr(s + i, '&', n - i);
		int32_t cp;

		if (!amp) {
			buf_add(b, s + i, n - i);
			break;
		}
		buf_add(b, s + i, (size_t)(amp - (s + i)));
		i = (size_t)(amp - s) + 1;
		if (!(len = entity(s + i, n - i, &cp))) {
			buf_addc(b, '&');
			continue;
		}
		i += len;
		while (cp == '&' && (len = entity(s + i, n - i, &cp)) > 0)
			i += len;
		if (cp < 0x80) {
			buf_addc(b, (int)cp);
		} else {
			utf8proc_uint8_t u[4];

			buf_add(b, u, (size_t)utf8proc_encode_char(cp, u));
		}
	}
}

/*
 * Length of the HTML tag or comment at s[0..n) (s[0] is '<'), or 0 if it
 * does not look like one: a known element name, then attributes
 * (name, name=value, name="value", name='value') separated by white space.
 */
static size_t
tag_len(const unsigned char *s, size_t n)
{
	size_t i = 1, j, k;
	char name[12];

	if (n > TAG_MAX)
		n = TAG_MAX;
	if (n >= 4 && !memcmp(s, "<!--", 4)) {
		const unsigned char *e = memmem(s + 4, n - 4, "-->", 3);

		return e ? (size_t)(e - s) + 3 : 0;
	}
	if (i < n && s[i] == '/')
		i++;
	for (j = i; i < n && i - j < sizeof(name) - 1 && (is_alpha(s[i]) || is_digit(s[i])); i++)
		name[i - j] = (char)(s[i] | (is_alpha(s[i]) ? 0x20 : 0));
	if (i == j || !is_alpha(s[j]) || (i < n && (is_alpha(s[i]) || is_digit(s[i]))))
		return 0;
	name[i - j] = '\0';
	if (!bsearch(name, tags, sizeof(tags) / sizeof(tags[0]), sizeof(tags[0]), cmp_str))
		return 0;
	for (;;) {
		k = i;
		while (i < n && is_hspace(s[i]))
			i++;
		if (i >= n)
			return 0;
		if (s[i] == '>')
			return i + 1;
		if (s[i] == '/')
			return i + 1 < n && s[i + 1] == '>' ? i + 2 : 0;
		if (i == k)
			return 0;	/* attributes are separated by white space */
		for (j = i; i < n && !is_hspace(s[i]) && !strchr("\"'<>/=", s[i]) && s[i]; i++)
			;
		if (i == j)
			return 0;
		while (i < n && is_hspace(s[i]))
			i++;
		if (i >= n || s[i] != '=')
			continue;
		i++;
		while (i < n && is_hspace(s[i]))
			i++;
		if (i < n && (s[i] == '"' || s[i] == '\'')) {
			const unsigned char *q = memchr(s + i + 1, s[i], n - i - 1);

			if (!q)
				return 0;
			i = (size_t)(q - s) + 1;
		} else {
			for (j = i; i < n && !is_hspace(s[i]) && !strchr("\"'<>`", s[i]) && s[i]; i++)
				;
			if (i == j)
				return 0;
		}
	}
}

#if TEXT_SIMD
/*
 * The fast path 64 bytes at a time, for s[0..n): the same as the table
 * loop in text_clean, until the first byte that leaves it (returns how many
 * bytes it took).  Per block: masks of the word bytes and of the bytes
 * that leave; a separator is kept only right after a word byte; the kept
 * bytes, letters lowered and separators as spaces, are packed with one
 * compress and stored whole, so up to TEXT_SIMD bytes past *op are written.
 */
__attribute__((target("avx512f,avx512bw,avx512vbmi2,bmi,bmi2,popcnt")))
static size_t
fast_simd(const unsigned char *s, size_t n, char **op, unsigned *inword, int digits)
{
	const __m512i a = _mm512_set1_epi8('a'), n26 = _mm512_set1_epi8(26);
	const __m512i zero = _mm512_set1_epi8('0'), n10 = _mm512_set1_epi8(10);
	const __m512i sp = _mm512_set1_epi8(' '), apos = _mm512_set1_epi8('\'');
	const __m512i grave = _mm512_set1_epi8('`'), lt = _mm512_set1_epi8('<');
	uint64_t prev = *inword;
	char *o = *op;
	size_t i = 0;

	while (i < n) {
		size_t len = n - i < 64 ? n - i : 64;
		__mmask64 in = _bzhi_u64(~(uint64_t)0, (unsigned)len), word, letter, leave, keep;
		__m512i x = _mm512_maskz_loadu_epi8(in, s + i), lx, v;

		lx = _mm512_or_si512(x, sp);	/* | 0x20: A-Z to a-z */
		letter = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(lx, a), n26);
		word = letter;
		if (digits)
			word |= _mm512_cmplt_epu8_mask(_mm512_sub_epi8(x, zero), n10);
		leave = (_mm512_movepi8_mask(x) | _mm512_cmpeq_epi8_mask(x, apos) |
		    _mm512_cmpeq_epi8_mask(x, grave) | _mm512_cmpeq_epi8_mask(x, lt)) & in;
		if (leave) {
			len = (size_t)_tzcnt_u64(leave);
			if (len == 0)
				break;
			in = _bzhi_u64(~(uint64_t)0, (unsigned)len);
		}
		word &= in;
		keep = word | (in & ~word & (word << 1 | prev));
		/* digits are unchanged by | 0x20 */
		v = _mm512_mask_blend_epi8(word, sp, lx);
		_mm512_storeu_si512((void *)o, _mm512_maskz_compress_epi8(keep, v));
		o += _mm_popcnt_u64(keep);
		prev = word >> (len - 1) & 1;
		i += len;
		if (leave)
			break;
	}
	*op = o;
	*inword = (unsigned)prev;
	return i;
}
#endif

/*
 * Words are written as they end: the space after a word goes out when the
 * word ends (a label counts as a word), and a space left at the end of the
 * line is taken back.  So the ASCII fast path only decides, per byte,
 * whether to keep it: a letter always, a separator only right after a word.
 */
size_t
text_clean(struct text *t, const char *in, size_t n, struct buf *out)
{
	const unsigned char *s;
	size_t lab = text_label(in, n), i, tag, end;
	unsigned inword = lab > 0, apos = 0, latin = 1;
	char *o;

	/* ASCII text never grows: a space needs a separator before it; the
	 * SIMD path writes whole blocks */
	o = buf_room(out, out->p, n + 2 + TEXT_SIMD);
	memcpy(o, in, lab);
	o += lab;
	in += lab;
	n -= lab;
	s = (const unsigned char *)in;
	if (memchr(in, '&', n)) {
		decode_entities(s, n, &t->dec);
		s = (const unsigned char *)t->dec.p;
		n = t->dec.n;
		o = buf_room(out, o, n + 2 + TEXT_SIMD);
	}
	for (i = 0; i < n;) {
		const uint16_t *fast = t->fast;
		const struct fold *f;
		struct fold big;
		size_t i0 = i;
		unsigned c;
		int32_t cp;

		/* the fast path, for the next FAST_RUN bytes at most: fast[c]
		 * is the byte to write (a letter folded, or a space) and
		 * whether it is a word byte; no branch but the one that leaves
		 * for anything else.  (An 8-byte SWAR path in front of it,
		 * left at every ", " or ". ", made review text 15% slower:
		 * mispredicted branches.) */
#if TEXT_SIMD
		if (t->simd)
			i += fast_simd(s + i, n - i, &o, &inword, t->flags & TEXT_DIGITS);
		else
#endif
		for (end = n - i > FAST_RUN ? i + FAST_RUN : n; i < end; i++) {
			unsigned v = fast[s[i]], w = v >> 8;

			if (w > FAST_WORD)
				break;
			*o = (char)v;
			o += w | inword;
			inword = w;
		}
		if (i != i0) {
			apos = 0;
			latin |= inword;
		}
		if (i >= n)
			break;
		c = s[i];
		if (fast[c] >> 8 <= FAST_WORD)
			continue;	/* 8 bytes done; more of the fast path */
		if (c < 0x80) {
			if (c == '<') {
				tag = tag_len(s + i, n - i);
				i += tag ? tag : 1;
			} else {
				i++;
				if (t->akind[c] == K_APOS && inword && !apos) {
					apos = 1;
					continue;
				}
			}
			if (inword)
				*o++ = ' ';
			inword = apos = 0;
			continue;
		}
		i += utf8_decode(s + i, n - i, &cp);
		if (cp < 0x800) {
			f = &t->fold[cp];
		} else {
			classify(t->flags, cp, &big);
			f = &big;
		}
		switch (f->kind) {
		case K_WORD:
		case K_WORDX:
			o = buf_room(out, o, n - i + FOLD_MAX + 2 + TEXT_SIMD);
			inword = 1;
			apos = 0;
			latin = f->kind == K_WORD;
			memcpy(o, f->s, f->len);
			o += f->len;
			break;
		case K_MARK:
			if (inword && !apos && !latin) {
				o = buf_room(out, o, n - i + FOLD_MAX + 2 + TEXT_SIMD);
				memcpy(o, f->s, f->len);
				o += f->len;
			}
			break;
		case K_APOS:
			if (inword && !apos) {
				apos = 1;
				break;
			}
			/* FALLTHROUGH */
		default:
			if (inword)
				*o++ = ' ';
			inword = apos = 0;
			break;
		case K_IGNORE:
			break;
		}
	}
	if (o != out->p && o[-1] == ' ')
		o--;	/* the space after the last word */
	out->n = (size_t)(o - out->p);
	*o = '\0';
	return out->n;
}
