#!/bin/sh
# rv-tokenize: a missing operand is reported, the others still tokenized in order, exit 1.
. "$RV_TOP/tests/lib.sh"

v=$G/0300-vocab-basic.out
in=$G/0300-vocab-basic.in
head -n 2 "$in" > "$T/a"
tail -n +3 "$in" > "$T/b"
expect_exit 1 sh -c 'rv-tokenize -n 4 -v "$1" "$2" "$3" "$4" > "$5"' sh \
    "$v" "$T/a" "$T/missing" "$T/b" "$T/t.rvt"
err_has "rv-tokenize: $T/missing: No such file or directory"
err_lines 1
rv-tokenize -n 4 -v "$v" "$in" > "$T/want.rvt"
same "$T/t.rvt" "$T/want.rvt"
