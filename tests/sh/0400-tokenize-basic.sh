#!/bin/sh
# rv-tokenize: words to ids, labels to class ids, -1 without a label; the dump shows ids or words.
. "$RV_TOP/tests/lib.sh"

v=$G/0300-vocab-basic.out
in=$G/0300-vocab-basic.in
expect_exit 0 sh -c 'rv-tokenize -n 4 -v "$1" "$2" > "$3"' sh "$v" "$in" "$T/t.rvt"
err_lines 0
# header 8+20+(4+3)*2+4 = 46 bytes, 5 records of 8+4*4 bytes
[ "$(wc -c < "$T/t.rvt")" -eq $((46 + 5 * 24)) ] || fail "stream size $(wc -c < "$T/t.rvt")"
[ "$(head -c 8 "$T/t.rvt")" = RVTENSOR ] || fail "no magic"

# the header comment carries the vocabulary checksum: CRC-32 of its text (gzip's trailer)
sum=$(gzip -c < "$v" | tail -c 8 | head -c 4 | od -An -tx4 | tr -d ' \n')
expect_exit 0 rv-tokenize -d "$T/t.rvt"
echo "# seqlen 4 vocab 16 sum $sum classes neg pos" > "$T/want"
cat "$G/0400-tokenize-basic.ids" >> "$T/want"
same "$T/out" "$T/want"

expect_exit 0 rv-tokenize -d -v "$v" "$T/t.rvt"
echo "# seqlen 4 vocab 16 sum $sum classes neg pos" > "$T/want"
cat "$G/0400-tokenize-basic.words" >> "$T/want"
same "$T/out" "$T/want"

# from stdin, and the dump from stdin; unknown words get id 1
printf '__label__pos good zzz great\n' | rv-tokenize -n 4 -v "$v" > "$T/u.rvt"
expect_exit 0 sh -c 'rv-tokenize -d < "$1"' sh "$T/u.rvt"
out_has "$(printf '1\t3\t3 1 2')"
expect_exit 0 rv-tokenize -d -v "$v" "$T/u.rvt"
out_has "$(printf '1\t3\tgood <unk> great')"

# the default sequence length is 100: every record holds 100 ids
expect_exit 0 sh -c 'rv-tokenize -v "$1" "$2" > "$3"' sh "$v" "$in" "$T/d.rvt"
[ "$(wc -c < "$T/d.rvt")" -eq $((46 + 5 * 408)) ] || fail "default length is not 100"
expect_exit 0 rv-tokenize -d "$T/d.rvt"
out_has '# seqlen 100 '
out_has "$(printf -- '-1\t6\t11 9 10 13 3 14')"
