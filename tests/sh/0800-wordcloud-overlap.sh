#!/bin/sh
# rv-wordcloud: no two word boxes overlap and every box lies inside the canvas,
# also when the words must shrink to fit a small canvas.
. "$RV_TOP/tests/lib.sh"

# 400 words of 1 to 14 letters with counts spread over four decades.
awk 'BEGIN {
	print "word\ttotal\t1\t2"
	srand(7)
	for (i = 0; i < 400; i++) {
		w = ""; n = 1 + int(rand() * 14)
		for (j = 0; j < n; j++) w = w substr("abcdefghijklmnopqrstuvwxyzmw", 1 + int(rand() * 28), 1)
		a = int(10 ^ (rand() * 4)); b = int(10 ^ (rand() * 4))
		print w i "\t" a + b "\t" a "\t" b
	}
}' > "$T/words.tsv"

check_layout() {	# file width height
	awk -F '\t' -v W="$2" -v H="$3" '
	NR == 1 { if ($0 != "word\tx\ty\tfontsize\twidth\theight") { print "bad header: " $0; bad = 1 }; next }
	{
		n++
		if (NF != 6) { print "line " NR ": " NF " fields"; bad = 1 }
		if ($2 - $5 / 2 < 0 || $2 + $5 / 2 > W || $3 - $6 / 2 < 0 || $3 + $6 / 2 > H) {
			print "outside the canvas: " $0; bad = 1
		}
		if ($5 <= 0 || $6 <= 0 || $4 <= 0) { print "empty box: " $0; bad = 1 }
		for (i = 1; i < n; i++) {
			dx = x[i] - $2; if (dx < 0) dx = -dx
			dy = y[i] - $3; if (dy < 0) dy = -dy
			if (2 * dx < w[i] + $5 && 2 * dy < h[i] + $6) {
				print "overlap: " word[i] " and " $1; bad = 1
			}
		}
		word[n] = $1; x[n] = $2; y[n] = $3; w[n] = $5; h[n] = $6
	}
	END { print n " words"; exit bad }' "$1"
}

expect_exit 0 rv-wordcloud -c 2 -n 150 "$T/words.tsv"
err_lines 0
check_layout "$T/out" 1000 620 > "$T/check" || fail "$(cat "$T/check")"
grep -qx '150 words' "$T/check" || fail "wanted 150 words: $(cat "$T/check")"

# The heaviest word comes first and is the largest.
top=$(awk -F '\t' 'NR > 1 { print $1; exit }' "$T/out")
want=$(awk -F '\t' 'NR > 1 { print $4 "\t" $1 }' "$T/words.tsv" | sort -k1,1nr -k2,2 | head -n 1 | cut -f 2)
[ "$top" = "$want" ] || fail "first word is $top, wanted $want"
awk -F '\t' 'NR == 2 { m = $4 } NR > 2 && $4 > m { exit 1 }' "$T/out" || fail "first word is not the largest"

# A small canvas: the sizes shrink until all 200 words fit, still without overlaps.
expect_exit 0 rv-wordcloud -r -c 1 -n 200 -s 300,200 -F 60 "$T/words.tsv"
check_layout "$T/out" 300 200 > "$T/check" || fail "$(cat "$T/check")"
n=$(awk 'END { print NR - 1 }' "$T/out")
[ "$n" -ge 100 ] || fail "only $n words placed on 300x200"
big=$(awk -F '\t' 'NR == 2 { print ($4 < 60) }' "$T/out")
[ "$big" = 1 ] || fail "sizes did not shrink to fit 300x200"
