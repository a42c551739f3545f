#!/bin/sh
# make learning-curve trains on the first N training reviews for each N in
# LC_SIZES and on all of them, tabulates test accuracy and charts it.
. "$RV_TOP/tests/lib.sh"
command -v gnuplot > /dev/null || skip "no gnuplot"

xmake() {
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -j2 -C "$RV_TOP" --no-print-directory \
	    RVBIN="$RV_BIN" SPLIT= EXP="$T/exp" CHART_SIZE=600,360 VOCAB=300 SEQLEN=40 \
	    EPOCHS=1 THREADS=1 TRAIN_OPTS='--embed 8 --hidden 8 --dense 8' LC_SIZES='5 10' "$@"
}
expect_exit 0 xmake learning-curve
ntrain=$(wc -l < "$T/exp/data/train.ft.txt")
[ "$(wc -l < "$T/exp/lc/5/stem-train.txt")" -eq 5 ] || fail "lc/5 does not train on 5 reviews"
cut -f 1 "$T/exp/eda/learning.tsv" > "$T/sizes"
printf 'n\n5\n10\n%s\n' "$ntrain" > "$T/want"
same "$T/sizes" "$T/want"
# Each accuracy is that model's own rv-predict figure.
for n in 5 10; do
	a=$(sed -n 's/.*"accuracy":\([0-9.]*\).*/\1/p' "$T/exp/lc/$n/metrics.json")
	grep -q "^$n	$a\$" "$T/exp/eda/learning.tsv" || fail "learning.tsv lacks $n $a: $(cat "$T/exp/eda/learning.tsv")"
done
od -An -tx1 -N8 "$T/exp/charts/learning.png" | tr -d ' \n' | grep -qx 89504e470d0a1a0a || fail "learning.png is not a PNG"
grep -q 'src="charts/learning.png"' "$T/exp/report.html" || fail "the report lacks the learning curve"
expect_exit 0 xmake -q learning-curve
