#!/bin/sh
# rv-stem: English stems, default stop words dropped, negations kept, labels untouched; file, stdin, gzip.
. "$RV_TOP/tests/lib.sh"

in=$G/0200-stem-basic.in
expect_exit 0 rv-stem "$in"
same "$T/out" "$G/0200-stem-basic.out"
err_lines 0
expect_exit 0 sh -c 'rv-stem < "$1"' sh "$in"
same "$T/out" "$G/0200-stem-basic.out"
gzip -c "$in" > "$T/in.gz"
expect_exit 0 rv-stem - "$T/in.gz" < /dev/null
same "$T/out" "$G/0200-stem-basic.out"
expect_exit 0 rv-stem -l english "$in"
same "$T/out" "$G/0200-stem-basic.out"
[ "$(wc -l < "$T/out")" -eq "$(wc -l < "$in")" ] || fail "line count"

# -S -l none changes nothing in cleaned text
expect_exit 0 rv-stem -S -l none "$in"
same "$T/out" "$in"
