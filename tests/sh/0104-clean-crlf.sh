#!/bin/sh
# rv-clean: CRLF line ends give the same output as LF; a lone CR separates words.
. "$RV_TOP/tests/lib.sh"

sed 's/$/\r/' "$G/0100-clean-basic.in" > "$T/crlf"
grep -q "$(printf '\r')" "$T/crlf" || fail "no CR in the input"
expect_exit 0 rv-clean "$T/crlf"
same "$T/out" "$G/0100-clean-basic.out"
err_lines 0
printf '__label__1\r\nmid\rdle\r\n' | rv-clean > "$T/got"
printf '__label__1\nmid dle\n' > "$T/want"
same "$T/got" "$T/want"
