#!/bin/sh
# rv-clean: NUL bytes separate words and never end a line early.
. "$RV_TOP/tests/lib.sh"

printf '__label__1 one\000two\000\000three\nfour\000\n\000\n' > "$T/in"
expect_exit 0 rv-clean "$T/in"
printf '__label__1 one two three\nfour\n\n' > "$T/want"
same "$T/out" "$T/want"
err_lines 0
