#!/bin/sh
# rv-wordfreq: empty input is a header only; no final newline, CRLF and NUL bytes are input like any other.
. "$RV_TOP/tests/lib.sh"

expect_exit 0 rv-wordfreq < /dev/null
printf 'word\ttotal\n' > "$T/want"
same "$T/out" "$T/want"
expect_exit 0 rv-wordfreq -l < /dev/null
printf 'length\n' > "$T/want"
same "$T/out" "$T/want"

printf '__label__a x\r\n__label__a x\000y\r\n__label__b y' > "$T/in"
expect_exit 0 rv-wordfreq "$T/in"
printf 'word\ttotal\ta\tb\nx\t2\t2\t0\ny\t2\t1\t1\n' > "$T/want"
same "$T/out" "$T/want"
expect_exit 0 rv-wordfreq -l "$T/in"
printf 'length\ta\tb\n1\t1\t1\n2\t1\t0\n' > "$T/want"
same "$T/out" "$T/want"
