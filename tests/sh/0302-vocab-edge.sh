#!/bin/sh
# rv-vocab: empty input, no final newline, CRLF, NUL bytes, labels only at the start of a line.
. "$RV_TOP/tests/lib.sh"

expect_exit 0 rv-vocab < /dev/null
head -n 2 "$G/0300-vocab-basic.out" > "$T/want"
same "$T/out" "$T/want"
err_lines 0

# no final newline
printf '__label__a x y\n__label__b y' > "$T/in"
printf '#rv-vocab 1\n#prep digits=no scripts=latin stemmer=english stopwords=default\n__label__a\t1\n__label__b\t1\ny\t2\nx\t1\n' > "$T/want"
expect_exit 0 rv-vocab "$T/in"
same "$T/out" "$T/want"

# CRLF: the CR is white space, not part of a word
printf '__label__a x y\r\n__label__b y\r\n' > "$T/in"
expect_exit 0 rv-vocab "$T/in"
same "$T/out" "$T/want"

# NUL separates words; tabs and runs of spaces too
printf '__label__a\tx\0y\n  __label__b   y \n' > "$T/in"
expect_exit 0 rv-vocab "$T/in"
same "$T/out" "$T/want"

# a label is only the first word; "__label__" alone is a word
printf 'x __label__a\n__label__ x\n' > "$T/in"
printf '#rv-vocab 1\n#prep digits=no scripts=latin stemmer=english stopwords=default\nx\t2\n__label__\t1\n' > "$T/want"
expect_exit 0 rv-vocab "$T/in"
same "$T/out" "$T/want"
