#!/bin/sh
# rv-clean on samples/: one line per review, labels intact, only lower-case words.
. "$RV_TOP/tests/lib.sh"

[ -f "$S/reviews.ft.txt" ] || skip "no samples/reviews.ft.txt"
expect_exit 0 rv-clean "$S/reviews.ft.txt"
err_lines 0
[ "$(wc -l < "$T/out")" -eq "$(wc -l < "$S/reviews.ft.txt")" ] || fail "line count"
cut -d ' ' -f 1 "$S/reviews.ft.txt" | tr -d '\r' > "$T/want"
cut -d ' ' -f 1 "$T/out" > "$T/got"
same "$T/got" "$T/want"
sed 's/^__label__[^ ]*//' "$T/out" > "$T/text"
! LC_ALL=C grep -q '[^a-z ]' "$T/text" || fail "not only a-z: $(LC_ALL=C grep '[^a-z ]' "$T/text" | head -n 1)"
