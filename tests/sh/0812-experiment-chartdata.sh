#!/bin/sh
# The experiment's chart data: ROC points and their area, the confusion matrix
# cells with row shares, and the class counts per split.
. "$RV_TOP/tests/lib.sh"
P=$RV_TOP/pipelines

# Scores of the last class (2): 2 2 1 2 1 1 from the highest score down, then a
# tie of a 1 and a 2, and an unlabelled line that must not count.
printf '2\n2\n1\n2\n1\n1\n1\n2\n\n' > "$T/labels"
for p in 0.90 0.80 0.70 0.60 0.55 0.20 0.10 0.10 0.50; do
	awk -v p="$p" 'BEGIN { printf "%s\t%.4f\t%.4f\t%.4f\n", (p >= 0.5 ? 2 : 1), (p >= 0.5 ? p : 1 - p), 1 - p, p }'
done > "$T/pred"
expect_exit 0 sh "$P/roc.sh" 2 "$T/labels" "$T/pred"
cat > "$T/want" <<'EOW'
fpr	tpr	threshold
0	0	1
0.000000	0.250000	0.9000
0.000000	0.500000	0.8000
0.250000	0.500000	0.7000
0.250000	0.750000	0.6000
0.500000	0.750000	0.5500
0.750000	0.750000	0.2000
1.000000	1.000000	0.1000
EOW
same "$T/out" "$T/want"
# The area under these points is the rank AUC, the tie counting one half: 11.5 / 16.
auc=$(awk -F '\t' 'NR > 1 { if (NR > 2) a += ($1 - x) * ($2 + y) / 2; x = $1; y = $2 } END { printf "%.6f", a }' "$T/out")
[ "$auc" = 0.718750 ] || fail "area $auc, wanted 0.718750"

printf '1\n2\n' > "$T/short"
expect_exit 1 sh "$P/roc.sh" 2 "$T/short" "$T/pred"
err_has "has 2 lines"

printf '{"records":10,"accuracy":0.700000,"macro_f1":0.69,"log_loss":0.5,"roc_auc":0.8,"classes":[{"name":"1","precision":0.6,"recall":0.75,"f1":0.66,"support":4},{"name":"2","precision":0.8,"recall":0.66,"f1":0.72,"support":6}],"confusion":[[3,1],[2,4]]}\n' > "$T/m.json"
expect_exit 0 awk -f "$P/confusion.awk" "$T/m.json"
printf 'true\tpred\tcount\tshare\n1\t1\t3\t0.750000\n1\t2\t1\t0.250000\n2\t1\t2\t0.333333\n2\t2\t4\t0.666667\n' > "$T/want"
same "$T/out" "$T/want"
printf '{"records":0}\n' > "$T/bad.json"
expect_exit 1 awk -f "$P/confusion.awk" "$T/bad.json"
err_has "no confusion matrix"

mkdir "$T/split"
printf '__label__1 a\n__label__2 b\n__label__2 c\n__label__1 d\n' > "$T/split/train.ft.txt"
printf '__label__2 e\n' > "$T/split/valid.ft.txt"
printf '__label__1 f\nno label\n' > "$T/split/test.ft.txt"
expect_exit 0 awk -f "$P/balance.awk" -v classes='1 2' -v train_n=3 "$T/split/train.ft.txt" \
    "$T/split/valid.ft.txt" "$T/split/test.ft.txt"
printf 'split\t1\t2\ntrain\t1\t2\nvalid\t0\t1\ntest\t1\t0\n' > "$T/want"
same "$T/out" "$T/want"
