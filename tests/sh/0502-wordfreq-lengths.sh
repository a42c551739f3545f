#!/bin/sh
# rv-wordfreq -l: the number of reviews of each length (in words) per label.
. "$RV_TOP/tests/lib.sh"

in=$G/0500-wordfreq-basic.in
expect_exit 0 rv-wordfreq -l "$in"
same "$T/out" "$G/0502-wordfreq-lengths.out"
err_lines 0
# the counts add up to the number of lines
total=$(awk -F '\t' 'NR > 1 { for (i = 2; i <= NF; i++) s += $i } END { print s }' "$T/out")
[ "$total" -eq "$(wc -l < "$in")" ] || fail "counts add up to $total"
# a long review
awk 'BEGIN { printf "__label__x"; for (i = 0; i < 100000; i++) printf " w"; print "" }' > "$T/long"
expect_exit 0 rv-wordfreq -l "$T/long"
printf 'length\tx\n100000\t1\n' > "$T/want"
same "$T/out" "$T/want"
