/*
 * fuzz_vocab.c: the vocabulary reader (vocab_parse).  Whatever it accepts
 * must format back to text it accepts again with the same contents and
 * checksum, and every token and label must be found again.
 */
#include "fuzz.h"
#include "vocab.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vocab *v, *v2;
	struct buf t1 = {0}, t2 = {0};
	size_t i;

	if (!(v = vocab_parse((const char *)data, size, "fuzz")))
		return 0;
	FUZZ_CHECK(v->n >= 2 && v->prep != NULL);
	for (i = 2; i < v->n; i++)
		FUZZ_CHECK(vocab_lookup(v, v->tok[i], v->tlen[i]) == i);
	for (i = 0; i < v->nlabel; i++)
		FUZZ_CHECK(vocab_label(v, v->label[i], strlen(v->label[i])) == (long)i);
	vocab_format(v, &t1);
	v2 = vocab_parse(t1.p, t1.n, "fuzz(again)");
	FUZZ_CHECK(v2 != NULL);
	vocab_format(v2, &t2);
	FUZZ_CHECK(t1.n == t2.n && !memcmp(t1.p, t2.p, t1.n));
	FUZZ_CHECK(v->n == v2->n && v->nlabel == v2->nlabel);
	FUZZ_CHECK(v->sum == v2->sum);
	for (i = 2; i < v->n; i++)
		FUZZ_CHECK(v->count[i] == v2->count[i]);
	buf_free(&t1);
	buf_free(&t2);
	vocab_free(v);
	vocab_free(v2);
	return 0;
}
