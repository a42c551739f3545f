#!/bin/sh
# rv-stem: empty input, no final newline, CRLF, NUL bytes, invalid UTF-8, a 10 MB line.
. "$RV_TOP/tests/lib.sh"

expect_exit 0 rv-stem < /dev/null
[ ! -s "$T/out" ] || fail "output from empty input"
err_lines 0

printf '__label__1 running\n\nthe\nlast running' > "$T/in"
expect_exit 0 rv-stem "$T/in"
printf '__label__1 run\n\n\nlast run\n' > "$T/want"
same "$T/out" "$T/want"

printf '__label__1 running\r\nbooks\r\n' > "$T/in"
expect_exit 0 rv-stem "$T/in"
printf '__label__1 run\nbook\n' > "$T/want"
same "$T/out" "$T/want"

printf 'running\000books\000\000the\n\000\n' > "$T/in"
expect_exit 0 rv-stem "$T/in"
printf 'run book\n\n' > "$T/want"
same "$T/out" "$T/want"

# invalid UTF-8 words pass through unstemmed; nothing crashes
printf 'runs\377 caf\303\251s \300\257 books\n' > "$T/in"
expect_exit 0 rv-stem "$T/in"
printf 'runs\377 caf\303\251 \300\257 book\n' > "$T/want"
same "$T/out" "$T/want"

awk 'BEGIN { printf "__label__2"; for (i = 0; i < 1000000; i++) printf " running the"; print "" }' > "$T/long"
[ "$(wc -c < "$T/long")" -gt 10000000 ] || fail "input is not 10 MB"
expect_exit 0 rv-stem "$T/long"
[ "$(wc -l < "$T/out")" -eq 1 ] || fail "not one line"
[ "$(wc -w < "$T/out")" -eq 1000001 ] || fail "words: $(wc -w < "$T/out")"
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "abcdefghij"; print "ing" }' > "$T/word"
expect_exit 0 rv-stem "$T/word"
same "$T/out" "$T/word"
