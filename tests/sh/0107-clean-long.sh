#!/bin/sh
# rv-clean: a 10 MB single line is one line of output with every word.
. "$RV_TOP/tests/lib.sh"

awk 'BEGIN { printf "__label__2 "; for (i = 0; i < 1000000; i++) printf "Word&amp;%d ", i % 10; print "END" }' > "$T/long"
[ "$(wc -c < "$T/long")" -gt 10000000 ] || fail "input is not 10 MB"
expect_exit 0 rv-clean "$T/long"
err_lines 0
[ "$(wc -l < "$T/out")" -eq 1 ] || fail "not one line"
[ "$(wc -w < "$T/out")" -eq 1000002 ] || fail "words: $(wc -w < "$T/out")"
cut -c 1-22 "$T/out" > "$T/head"
printf '__label__2 word word w\n' > "$T/want"
same "$T/head" "$T/want"
expect_exit 0 rv-clean -d "$T/long"
[ "$(wc -w < "$T/out")" -eq 2000002 ] || fail "words with -d: $(wc -w < "$T/out")"
# one 10 MB word
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "AbCdEfGhIj"; print "" }' > "$T/word"
expect_exit 0 rv-clean "$T/word"
[ "$(wc -c < "$T/out")" -eq 10000001 ] || fail "the long word is cut"
