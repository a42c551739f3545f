#!/bin/sh
# rv-stem -l porter gives the stems of Snowball's own stemwords tool, word for word.
. "$RV_TOP/tests/lib.sh"
command -v stemwords > /dev/null || skip "stemwords (libstemmer-tools) is not installed"

expect_exit 0 rv-stem -l porter "$G/0200-stem-basic.in"
same "$T/out" "$G/0201-stem-porter.out"

# every word of the golden input and of samples/, one per line, without stop words (-S)
{ cat "$G/0200-stem-basic.in"; [ -f "$S/reviews.ft.txt" ] && rv-clean "$S/reviews.ft.txt"; } |
    tr ' ' '\n' | grep -v -e '^$' -e '^__label__' | sort -u > "$T/words"
[ "$(wc -l < "$T/words")" -gt 40 ] || fail "too few words"
for l in porter english; do
	stemwords -l "$l" -i "$T/words" -o "$T/want"
	rv-stem -S -l "$l" "$T/words" > "$T/got"
	same "$T/got" "$T/want"
done
