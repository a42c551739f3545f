#!/bin/sh
# The CPU-specific fast paths (AVX-512, where the CPU has it) and the
# portable ones give the same bytes: rv-clean, rv-stem and rv-tokenize with
# and without RV_PORTABLE, on the samples, on made-up lines of every byte,
# and on real reviews; the unit tests of both again with RV_PORTABLE set.
. "$RV_TOP/tests/lib.sh"
B=$(dirname "$RV_BIN")

RV_PORTABLE=1 "$B/tests/t_text" > "$T/u1" 2>&1 || { cat "$T/u1" >&2; fail "t_text, portable"; }
RV_PORTABLE=1 "$B/tests/t_wkey" > "$T/u2" 2>&1 || { cat "$T/u2" >&2; fail "t_wkey, portable"; }

# lines of letters, separators, apostrophes, tags, entities, digits, UTF-8
# and stray bytes, of every length up to a few blocks
awk 'BEGIN {
	n = split("a|Bc|the|RUNNING|x| |  |,|.|\t|'"'"'|`|<br />|&amp;|&#39;|42|\r|caf\303\251|\303\274ber|\344\270\255|\360\237\230\215|\377|\001|a'"'"'b|don'"'"'t", p, "|")
	srand(7)
	for (l = 0; l < 3000; l++) {
		s = (l % 5 == 0) ? "__label__" (l % 2 + 1) " " : ""
		k = int(rand() * 120)
		for (i = 0; i < k; i++)
			s = s p[int(rand() * n) + 1]
		print s
	}
}' > "$T/made"
cat "$S/reviews.ft.txt" "$T/made" > "$T/in"
if [ -f "$DATA/valid.ft.txt" ]; then
	cat "$DATA/valid.ft.txt" >> "$T/in"
fi
rv-clean < "$S/reviews.ft.txt" | rv-stem | rv-vocab -n 500 > "$T/vocab"
for flags in "" "-d" "-a" "-d -a"; do
	# shellcheck disable=SC2086
	rv-clean $flags "$T/in" > "$T/c1"
	# shellcheck disable=SC2086
	RV_PORTABLE=1 rv-clean $flags "$T/in" > "$T/c2"
	same "$T/c1" "$T/c2"
done
rv-stem -l porter "$T/c1" > "$T/s1"
RV_PORTABLE=1 rv-stem -l porter "$T/c1" > "$T/s2"
same "$T/s1" "$T/s2"
# rv-stem and rv-tokenize on the raw lines too: any bytes
rv-stem -S "$T/in" > "$T/r1"
RV_PORTABLE=1 rv-stem -S "$T/in" > "$T/r2"
same "$T/r1" "$T/r2"
grep -v '^__label__' "$T/in" > "$T/nolab"
for f in "$T/s1" "$T/nolab"; do
	rv-tokenize -v "$T/vocab" -n 300 "$f" > "$T/t1"
	RV_PORTABLE=1 rv-tokenize -v "$T/vocab" -n 300 "$f" > "$T/t2"
	same "$T/t1" "$T/t2"
done
