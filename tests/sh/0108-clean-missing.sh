#!/bin/sh
# rv-clean: a missing file among several is named, the others are still cleaned, exit 1.
. "$RV_TOP/tests/lib.sh"

printf 'One\n' > "$T/a"
printf 'Two\n' > "$T/b"
expect_exit 1 rv-clean "$T/a" "$T/nosuch" "$T/b"
printf 'one\ntwo\n' > "$T/want"
same "$T/out" "$T/want"
err_has "rv-clean: $T/nosuch: No such file or directory"
err_lines 1
expect_exit 1 rv-clean "$T/nosuch"
[ ! -s "$T/out" ] || fail "output for a missing file"
err_lines 1
# a directory cannot be read
expect_exit 1 rv-clean "$T"
err_has "rv-clean: $T:"
