#!/bin/sh
# rv-stem: a missing file among several is named, the others are still stemmed, exit 1.
. "$RV_TOP/tests/lib.sh"

printf 'running\n' > "$T/a"
printf 'books\n' > "$T/b"
expect_exit 1 rv-stem "$T/a" "$T/nosuch" "$T/b"
printf 'run\nbook\n' > "$T/want"
same "$T/out" "$T/want"
err_has "rv-stem: $T/nosuch: No such file or directory"
err_lines 1
