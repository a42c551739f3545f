#!/bin/sh
# rv-tokenize -d -v: a stream made with another vocabulary is named, not printed with wrong words.
. "$RV_TOP/tests/lib.sh"

v=$G/0300-vocab-basic.out
in=$G/0300-vocab-basic.in
rv-tokenize -v "$v" "$in" > "$T/t.rvt"
# the same words with one count changed: another checksum
sed 's/^great\t4$/great\t5/' "$v" > "$T/other.txt"
cmp -s "$v" "$T/other.txt" && fail "sed did not change the vocabulary"
expect_exit 1 rv-tokenize -d -v "$T/other.txt" "$T/t.rvt"
err_has "rv-tokenize: $T/t.rvt: made with another vocabulary than $T/other.txt"
err_lines 1
[ ! -s "$T/out" ] || fail "printed a stream of another vocabulary"
