#!/bin/sh
# rv-tokenize: empty input, empty lines, no final newline, CRLF, NUL bytes and a 10 MB line.
. "$RV_TOP/tests/lib.sh"

v=$G/0300-vocab-basic.out
sum=$(gzip -c < "$v" | tail -c 8 | head -c 4 | od -An -tx4 | tr -d ' \n')

# empty input: a header and no records
rv-tokenize -n 4 -v "$v" < /dev/null > "$T/e.rvt" || fail "empty input"
[ "$(wc -c < "$T/e.rvt")" -eq 46 ] || fail "empty input: not a bare header"
expect_exit 0 rv-tokenize -d "$T/e.rvt"
echo "# seqlen 4 vocab 16 sum $sum classes neg pos" > "$T/want"
same "$T/out" "$T/want"

# an empty line is a record of length 0; no final newline; CRLF; NUL
printf '__label__pos good\n\n__label__neg bad' > "$T/a"
printf '__label__pos good\r\n\r\n__label__neg bad\r\n' > "$T/b"
printf '__label__pos\0good\n\0\n__label__neg bad\0\n' > "$T/c"
printf '1\t1\t3\n-1\t0\t\n0\t1\t6\n' > "$T/want"
for f in a b c; do
	rv-tokenize -n 4 -v "$v" "$T/$f" > "$T/$f.rvt" || fail "input $f"
	expect_exit 0 rv-tokenize -d "$T/$f.rvt"
	tail -n +2 "$T/out" > "$T/got"
	same "$T/got" "$T/want"
done

# a 10 MB line: head and tail, one record each
awk 'BEGIN { printf "__label__neg good"; for (i = 0; i < 1000000; i++) printf " product  "; print " bad" }' > "$T/long"
[ "$(wc -c < "$T/long")" -gt 10000000 ] || fail "long line too short"
rv-tokenize -n 3 -v "$v" "$T/long" > "$T/h.rvt" || fail "long line, head"
rv-tokenize -k tail -n 3 -v "$v" "$T/long" > "$T/t.rvt" || fail "long line, tail"
expect_exit 0 rv-tokenize -d -v "$v" "$T/h.rvt" "$T/t.rvt"
grep -v '^#' "$T/out" > "$T/got"
printf '0\t3\tgood product product\n0\t3\tproduct product bad\n' > "$T/want"
same "$T/got" "$T/want"
