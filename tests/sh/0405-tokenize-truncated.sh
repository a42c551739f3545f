#!/bin/sh
# rv-tokenize -d: a truncated or damaged tensor stream fails in one line that says what it got.
. "$RV_TOP/tests/lib.sh"

v=$G/0300-vocab-basic.out
rv-tokenize -n 4 -v "$v" "$G/0300-vocab-basic.in" > "$T/t.rvt"
# 46 header bytes, 24-byte records: cut 10 bytes into the third
head -c $((46 + 2 * 24 + 10)) "$T/t.rvt" > "$T/cut.rvt"
expect_exit 1 rv-tokenize -d "$T/cut.rvt"
err_has "rv-tokenize: $T/cut.rvt: truncated record 3: got 10 of 24 bytes"
err_lines 1
# the complete records were printed
[ "$(wc -l < "$T/out")" -eq 3 ] || fail "wanted the header and 2 records"

# the same through a pipe, gzip-compressed
expect_exit 1 sh -c 'gzip -c "$1" | rv-tokenize -d' sh "$T/cut.rvt"
err_has "rv-tokenize: <stdin>: truncated record 3: got 10 of 24 bytes"

head -c 30 "$T/t.rvt" > "$T/hdr.rvt"
expect_exit 1 rv-tokenize -d "$T/hdr.rvt"
err_has "rv-tokenize: $T/hdr.rvt: truncated header: got 30 of 32 bytes"

expect_exit 1 rv-tokenize -d "$v"
err_has "rv-tokenize: $v: not a tensor stream"
err_lines 1

expect_exit 1 rv-tokenize -d /dev/null
err_has "rv-tokenize: /dev/null: empty input, not a tensor stream"

# version 3 (byte 8)
{ head -c 8 "$T/t.rvt"; printf '\003'; tail -c +10 "$T/t.rvt"; } > "$T/v3.rvt"
expect_exit 1 rv-tokenize -d "$T/v3.rvt"
err_has "rv-tokenize: $T/v3.rvt: version 3 is newer than this program reads (2)"

# a flipped byte in a class name (byte 32): the header checksum catches it
{ head -c 32 "$T/t.rvt"; printf 'X'; tail -c +34 "$T/t.rvt"; } > "$T/dmg.rvt"
expect_exit 1 rv-tokenize -d "$T/dmg.rvt"
err_has "rv-tokenize: $T/dmg.rvt: damaged header (checksum mismatch)"

# several operands: each is dumped, a bad one is reported, exit 1
expect_exit 1 rv-tokenize -d "$T/t.rvt" "$T/missing.rvt" "$T/t.rvt"
err_has "rv-tokenize: $T/missing.rvt: No such file or directory"
err_lines 1
[ "$(grep -c '^#' "$T/out")" -eq 2 ] || fail "both good streams should be dumped"
