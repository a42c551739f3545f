#!/bin/sh
# rv-vocab -n keeps the most frequent words, -m drops rare ones; labels always stay.
. "$RV_TOP/tests/lib.sh"

# header, 2 labels, then the first 3 words
expect_exit 0 rv-vocab -n 3 "$G/0300-vocab-basic.in"
head -n 7 "$G/0300-vocab-basic.out" > "$T/want"
same "$T/out" "$T/want"

expect_exit 0 rv-vocab -m 2 "$G/0300-vocab-basic.in"
awk -F '\t' '/^#/ || /^__label__/ || $2 >= 2' "$G/0300-vocab-basic.out" > "$T/want"
same "$T/out" "$T/want"

expect_exit 0 rv-vocab -m 3 -n 1 "$G/0300-vocab-basic.in"
head -n 5 "$G/0300-vocab-basic.out" > "$T/want"
same "$T/out" "$T/want"

# nothing is frequent enough: labels only
expect_exit 0 rv-vocab -m 5 "$G/0300-vocab-basic.in"
head -n 4 "$G/0300-vocab-basic.out" > "$T/want"
same "$T/out" "$T/want"
