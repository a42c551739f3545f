#!/bin/sh
# rv-tokenize -z writes gzip; gzip text in and gzip tensors in read the same as plain.
. "$RV_TOP/tests/lib.sh"

v=$G/0300-vocab-basic.out
in=$G/0300-vocab-basic.in
rv-tokenize -n 4 -v "$v" "$in" > "$T/plain.rvt"
expect_exit 0 sh -c 'rv-tokenize -z -n 4 -v "$1" "$2" > "$3"' sh "$v" "$in" "$T/z.rvt"
[ "$(od -An -tx1 -N2 "$T/z.rvt" | tr -d ' ')" = 1f8b ] || fail "-z output is not gzip"
gzip -dc "$T/z.rvt" > "$T/unz.rvt"
same "$T/unz.rvt" "$T/plain.rvt"

# the reader takes gzip: the dump of both is the same
rv-tokenize -d "$T/plain.rvt" > "$T/a"
expect_exit 0 rv-tokenize -d "$T/z.rvt"
same "$T/out" "$T/a"

# gzip text in, through a pipe too
gzip -c "$in" > "$T/in.gz"
rv-tokenize -n 4 -v "$v" "$T/in.gz" > "$T/b.rvt"
same "$T/b.rvt" "$T/plain.rvt"
gzip -c "$in" | rv-tokenize -n 4 -v "$v" > "$T/c.rvt"
same "$T/c.rvt" "$T/plain.rvt"
# a gzip vocabulary
gzip -c "$v" > "$T/v.gz"
rv-tokenize -n 4 -v "$T/v.gz" "$in" > "$T/d.rvt"
same "$T/d.rvt" "$T/plain.rvt"
