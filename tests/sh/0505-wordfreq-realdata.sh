#!/bin/sh
# Real data: word and length tables of the prepared training text add up to its words and reviews.
. "$RV_TOP/tests/lib.sh"
need_data

rv-clean "$DATA/valid.ft.txt" | rv-stem > "$T/prep"
expect_exit 0 rv-wordfreq "$T/prep"
head -n 1 "$T/out" > "$T/head"
printf 'word\ttotal\t1\t2\n' > "$T/want"
same "$T/head" "$T/want"
words=$(sed 's/^__label__[^ ]*//' "$T/prep" | wc -w)
sum=$(awk -F '\t' 'NR > 1 { s += $2 } END { print s }' "$T/out")
[ "$sum" -eq "$words" ] || fail "totals add up to $sum, not $words"
expect_exit 0 rv-wordfreq -l "$T/prep"
n=$(awk -F '\t' 'NR > 1 { s += $2 + $3 } END { print s }' "$T/out")
[ "$n" -eq "$(wc -l < "$T/prep")" ] || fail "lengths count $n reviews"
