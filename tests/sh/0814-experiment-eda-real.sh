#!/bin/sh
# make exp-eda on the real split: the data charts without training; the class
# counts agree with the files, and the real word clouds have no overlapping words.
. "$RV_TOP/tests/lib.sh"
need_data
command -v gnuplot > /dev/null || skip "no gnuplot"

expect_exit 0 env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -j2 -C "$RV_TOP" --no-print-directory \
    RVBIN="$RV_BIN" SPLIT="$DATA" EXP="$T/exp" exp-eda
e=$T/exp/eda

for s in train valid test; do
	n1=$(grep -c '^__label__1 ' "$DATA/$s.ft.txt")
	n2=$(grep -c '^__label__2 ' "$DATA/$s.ft.txt")
	grep -qx "$s	$n1	$n2" "$e/balance.tsv" || fail "balance.tsv lacks $s $n1 $n2: $(cat "$e/balance.tsv")"
done
# Every training review has one length.
n1=$(grep -c '^__label__1 ' "$DATA/train.ft.txt")
n2=$(grep -c '^__label__2 ' "$DATA/train.ft.txt")
awk -F '\t' 'NR > 1 { a += $2; b += $3 } END { print a "\t" b }' "$e/lengths.tsv" > "$T/got"
printf '%s\t%s\n' "$n1" "$n2" > "$T/want"
same "$T/got" "$T/want"

for c in 1 2; do
	awk -F '\t' 'NR > 1 {
		for (i = 2; i < NR; i++) {
			dx = x[i] - $2; if (dx < 0) dx = -dx
			dy = y[i] - $3; if (dy < 0) dy = -dy
			if (2 * dx < w[i] + $5 && 2 * dy < h[i] + $6) { print "overlap: " word[i] " and " $1; bad = 1 }
		}
		word[NR] = $1; x[NR] = $2; y[NR] = $3; w[NR] = $5; h[NR] = $6
	} END { if (NR < 100) { print NR - 1 " words"; bad = 1 } exit bad }' "$e/wordcloud-$c.tsv" > "$T/check" ||
	    fail "wordcloud-$c: $(head -n 5 "$T/check")"
done
# The negative cloud's words have a higher (smoothed) rate in negative reviews.
awk -F '\t' 'NR == FNR { if (FNR > 1) { n1[$1] = $3; n2[$1] = $4; t1 += $3; t2 += $4; v++ } next }
    FNR > 1 && (n1[$1] + 1) / (t1 + v) <= (n2[$1] + 1) / (t2 + v) { print "not negative: " $1; bad = 1 }
    END { exit bad }' "$e/words.tsv" "$e/wordcloud-1.tsv" > "$T/check" || fail "$(head -n 5 "$T/check")"
for c in balance lengths topwords wordcloud-1 wordcloud-2; do
	od -An -tx1 -N8 "$T/exp/charts/$c.png" | tr -d ' \n' | grep -qx 89504e470d0a1a0a || fail "$c.png is not a PNG"
done
