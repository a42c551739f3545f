#!/bin/sh
# Tensor streams concatenate: cat of two runs, and rv-tokenize split by parallel, read as one stream.
. "$RV_TOP/tests/lib.sh"

v=$G/0300-vocab-basic.out
in=$G/0300-vocab-basic.in
rv-tokenize -n 4 -v "$v" "$in" > "$T/all.rvt"
head -n 2 "$in" | rv-tokenize -n 4 -v "$v" > "$T/a.rvt"
tail -n +3 "$in" | rv-tokenize -n 4 -v "$v" > "$T/b.rvt"
rv-tokenize -d "$T/all.rvt" > "$T/want"
cat "$T/a.rvt" "$T/b.rvt" > "$T/ab.rvt"
expect_exit 0 rv-tokenize -d "$T/ab.rvt"
same "$T/out" "$T/want"
# gzip members, and an empty stream in between
rv-tokenize -n 4 -v "$v" < /dev/null > "$T/e.rvt"
{ gzip -c "$T/a.rvt"; gzip -c "$T/e.rvt"; gzip -c "$T/b.rvt"; } > "$T/ab.rvt.gz"
expect_exit 0 rv-tokenize -d "$T/ab.rvt.gz"
same "$T/out" "$T/want"

# another sequence length cannot be joined
rv-tokenize -n 5 -v "$v" "$in" > "$T/c.rvt"
cat "$T/a.rvt" "$T/c.rvt" > "$T/ac.rvt"
expect_exit 1 rv-tokenize -d "$T/ac.rvt"
err_has "rv-tokenize: $T/ac.rvt: after record 2: a header that differs from the first"
err_lines 1

if command -v parallel > /dev/null; then
	awk '{ for (i = 0; i < 50; i++) print }' "$in" > "$T/big"
	rv-tokenize -n 4 -v "$v" "$T/big" > "$T/serial.rvt"
	parallel --will-cite --pipe -k -N 37 rv-tokenize -n 4 -v "$v" < "$T/big" > "$T/par.rvt" ||
	    fail "parallel"
	rv-tokenize -d "$T/serial.rvt" > "$T/want"
	expect_exit 0 rv-tokenize -d "$T/par.rvt"
	same "$T/out" "$T/want"
fi
