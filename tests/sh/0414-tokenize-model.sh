#!/bin/sh
# rv-tokenize -m takes the vocabulary from a model: the same stream as -v with the vocabulary it was trained with.
. "$RV_TOP/tests/lib.sh"

v=$G/0300-vocab-basic.out
grep '^__label__' "$G/0300-vocab-basic.in" > "$T/in"
rv-tokenize -n 4 -v "$v" "$T/in" > "$T/v.rvt"
rv-train -q -e 1 --embed 4 --hidden 4 --dense 4 -v "$v" -o "$T/m.rvm" "$T/v.rvt" 2> "$T/train.err" ||
    fail "rv-train: $(cat "$T/train.err")"
expect_exit 0 sh -c 'rv-tokenize -n 4 -m "$1" "$2" > "$3"' sh "$T/m.rvm" "$T/in" "$T/m.rvt"
same "$T/m.rvt" "$T/v.rvt"
expect_exit 0 rv-tokenize -d -m "$T/m.rvm" "$T/m.rvt"
rv-tokenize -d -v "$v" "$T/v.rvt" > "$T/want"
same "$T/out" "$T/want"

# not a model
expect_exit 1 sh -c 'rv-tokenize -m "$1" "$2" > "$3"' sh "$v" "$T/in" "$T/x.rvt"
err_has "rv-tokenize: $v:"
err_lines 1
expect_exit 1 sh -c 'rv-tokenize -m "$1" "$2" > "$3"' sh "$T/none.rvm" "$T/in" "$T/x.rvt"
err_has "rv-tokenize: $T/none.rvm: No such file or directory"
