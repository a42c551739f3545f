#!/bin/sh
# rv-tokenize: a label missing from the vocabulary names file:line and exits 1; no label gives -1.
. "$RV_TOP/tests/lib.sh"

v=$G/0300-vocab-basic.out
printf '__label__pos good\nplain stuff\n__label__maybe good\n__label__neg bad\n' > "$T/in"
expect_exit 1 sh -c 'rv-tokenize -n 2 -v "$1" "$2" > "$3"' sh "$v" "$T/in" "$T/t.rvt"
err_has "rv-tokenize: $T/in:3: label \"maybe\" is not in the vocabulary"
err_lines 1
# the records before it were written, nothing after it
expect_exit 0 rv-tokenize -d "$T/t.rvt"
tail -n +2 "$T/out" > "$T/got"
printf '1\t1\t3\n-1\t2\t1 1\n' > "$T/want"
same "$T/got" "$T/want"

# a label later in a line is a word (unknown here), not a label
printf 'good __label__pos\n' | rv-tokenize -n 2 -v "$v" > "$T/u.rvt"
expect_exit 0 rv-tokenize -d "$T/u.rvt"
out_has "$(printf -- '-1\t2\t3 1')"
