#!/bin/sh
# rv-wordcloud -r weighs words by over-representation: words typical of the other
# class and words spread evenly are left out; without -r frequency decides.
. "$RV_TOP/tests/lib.sh"

printf 'word\ttotal\t1\t2\n' > "$T/w.tsv"
printf 'book\t2000\t1000\t1000\n' >> "$T/w.tsv"
printf 'great\t440\t40\t400\n' >> "$T/w.tsv"
printf 'waste\t440\t400\t40\n' >> "$T/w.tsv"
printf 'love\t220\t20\t200\n' >> "$T/w.tsv"
printf 'refund\t220\t200\t20\n' >> "$T/w.tsv"

expect_exit 0 rv-wordcloud -r -c 2 "$T/w.tsv"
cut -f 1 "$T/out" > "$T/words"
printf 'word\ngreat\nlove\n' > "$T/want"
same "$T/words" "$T/want"

# Both classes have 1660 words, so book is typical of neither.
# The label prefix is accepted; class 1 gets its own words.
expect_exit 0 rv-wordcloud -r -c __label__1 < "$T/w.tsv"
cut -f 1 "$T/out" > "$T/words"
printf 'word\nwaste\nrefund\n' > "$T/want"
same "$T/words" "$T/want"

# By frequency every word with a count shows, most frequent first and largest.
expect_exit 0 rv-wordcloud -c 2 "$T/w.tsv"
cut -f 1 "$T/out" > "$T/words"
printf 'word\nbook\ngreat\nlove\nwaste\nrefund\n' > "$T/want"
same "$T/words" "$T/want"
awk -F '\t' 'NR > 2 && $4 > prev { exit 1 } NR > 1 { prev = $4 }' "$T/out" || fail "sizes do not fall with weight"

# -m drops rare words, -n keeps the heaviest.
expect_exit 0 rv-wordcloud -c 2 -m 100 -n 2 "$T/w.tsv"
cut -f 1 "$T/out" > "$T/words"
printf 'word\nbook\ngreat\n' > "$T/want"
same "$T/words" "$T/want"
