#!/bin/sh
# rv-wordfreq: counts per word overall and per label, most frequent first, ties by bytes; unlabelled lines under "none".
. "$RV_TOP/tests/lib.sh"

in=$G/0500-wordfreq-basic.in
expect_exit 0 rv-wordfreq "$in"
same "$T/out" "$G/0500-wordfreq-basic.out"
err_lines 0
expect_exit 0 sh -c 'rv-wordfreq < "$1"' sh "$in"
same "$T/out" "$G/0500-wordfreq-basic.out"
gzip -c "$in" > "$T/in.gz"
head -n 3 "$in" > "$T/a"
tail -n +4 "$in" > "$T/b"
expect_exit 0 sh -c 'rv-wordfreq "$1" - < "$2"' sh "$T/a" "$T/b"
same "$T/out" "$G/0500-wordfreq-basic.out"
expect_exit 0 rv-wordfreq "$T/in.gz"
same "$T/out" "$G/0500-wordfreq-basic.out"

# every row: total is the sum of the label columns; rows sorted as promised
awk -F '\t' 'NR > 1 { s = 0; for (i = 3; i <= NF; i++) s += $i; if (s != $2) exit 1 }' "$T/out" ||
    fail "a total is not the sum of its columns"
tail -n +2 "$T/out" > "$T/rows"
sort -t "$(printf '\t')" -k 2,2nr -k 1,1 "$T/rows" > "$T/sorted"
same "$T/rows" "$T/sorted"

# no unlabelled line: no "none" column
grep '^__label__' "$in" | rv-wordfreq | head -n 1 > "$T/head"
printf 'word\ttotal\tneg\tpos\n' > "$T/want"
same "$T/head" "$T/want"
