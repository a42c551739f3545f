#!/bin/sh
# rv-vocab: counts words and labels; most frequent first, ties by bytes; the same from a file, stdin or gzip.
. "$RV_TOP/tests/lib.sh"

expect_exit 0 rv-vocab "$G/0300-vocab-basic.in"
same "$T/out" "$G/0300-vocab-basic.out"
err_lines 0

expect_exit 0 sh -c 'rv-vocab < "$1"' sh "$G/0300-vocab-basic.in"
same "$T/out" "$G/0300-vocab-basic.out"

gzip -c "$G/0300-vocab-basic.in" > "$T/in.gz"
expect_exit 0 rv-vocab "$T/in.gz"
same "$T/out" "$G/0300-vocab-basic.out"

# two operands count as one text; "-" is stdin
head -n 2 "$G/0300-vocab-basic.in" > "$T/a"
tail -n +3 "$G/0300-vocab-basic.in" > "$T/b"
expect_exit 0 sh -c 'rv-vocab "$1" - < "$2"' sh "$T/a" "$T/b"
same "$T/out" "$G/0300-vocab-basic.out"

# the order of the input lines does not matter
sort -r "$G/0300-vocab-basic.in" > "$T/rev"
expect_exit 0 rv-vocab "$T/rev"
same "$T/out" "$G/0300-vocab-basic.out"
