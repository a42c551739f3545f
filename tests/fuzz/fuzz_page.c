/*
 * fuzz_page.c: the web form's renderer (page_render) on any answer a model
 * could send: the first byte's low bit is the JSON flag, the rest the
 * answer.  Only an answer is written; every tag in an HTML answer is one
 * of the page's own, so nothing from the input becomes markup; a JSON
 * answer is one object.
 */
#include "fuzz.h"
#include "page.h"

static const char *const tags[] = {
	"section", "/section", "p>", "p ", "/p>", "div", "/div", "span", "/span", "h2>", "/h2>",
	"blockquote", "/blockquote", "table>", "/table>", "thead>", "/thead>", "tbody>",
	"/tbody>", "tr>", "/tr>", "th>", "/th>", "td>", "td ", "/td>", NULL
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = {0};
	size_t i;
	int rc, json, k;

	if (size < 1)
		return 0;
	json = data[0] & 1;
	rc = page_render((const char *)data + 1, size - 1, json, "1=negative 2=positive x=<b>", 10, &out);
	FUZZ_CHECK(rc == 10 || rc == 11 || rc == 20 || rc == 21 || rc == 30 || rc == 40 || rc == 41 ||
	    rc == 50 || rc == 51 || rc == 60 || rc == 61);
	FUZZ_CHECK((out.n > 0) == (rc == 10 || rc == 11));
	if (rc == 11) {
		FUZZ_CHECK(out.n > 16 && !memcmp(out.p, "{\"reviews\":[{", 13));
		FUZZ_CHECK(!memcmp(out.p + out.n - 3, "}}\n", 3));
		for (i = 0; i < out.n; i++) {
			FUZZ_CHECK(out.p[i] != '<' && out.p[i] != '>');
			FUZZ_CHECK(out.p[i] != '\n' || i == out.n - 1);
		}
	}
	if (rc == 10) {
		static const char top[] = "<section class=\"card\" id=\"result\">\n";

		FUZZ_CHECK(out.n > sizeof(top) && !memcmp(out.p, top, sizeof(top) - 1));
		for (i = 0; i < out.n; i++) {
			if (out.p[i] != '<')
				continue;
			for (k = 0; tags[k]; k++)
				if (out.n - i - 1 >= strlen(tags[k]) && !memcmp(out.p + i + 1, tags[k], strlen(tags[k])))
					break;
			FUZZ_CHECK(tags[k] != NULL);
		}
	}
	buf_free(&out);
	return 0;
}
