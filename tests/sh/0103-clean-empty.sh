#!/bin/sh
# rv-clean: empty input gives empty output; empty lines stay; a last line without newline gets one.
. "$RV_TOP/tests/lib.sh"

: > "$T/empty"
expect_exit 0 rv-clean "$T/empty"
[ ! -s "$T/out" ] || fail "output from empty input"
err_lines 0
expect_exit 0 sh -c 'rv-clean < /dev/null'
[ ! -s "$T/out" ] || fail "output from /dev/null"

printf '\n\n__label__1 A\n\n' > "$T/in"
expect_exit 0 rv-clean "$T/in"
printf '\n\n__label__1 a\n\n' > "$T/want"
same "$T/out" "$T/want"

printf '__label__2 Last line, no newline' > "$T/in"
expect_exit 0 rv-clean "$T/in"
printf '__label__2 last line no newline\n' > "$T/want"
same "$T/out" "$T/want"
printf '!!! ...' > "$T/in"
expect_exit 0 rv-clean "$T/in"
printf '\n' > "$T/want"
same "$T/out" "$T/want"
