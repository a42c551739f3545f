# -e: the evaluation report agrees with the per-record predictions and the labels.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 30 < "$T/s.txt" > "$T/s.rvt"
rv-train -q -e 3 -b 8 --embed 8 --hidden 8 --dense 8 -v "$T/v.txt" -o "$T/m.rvm" "$T/s.rvt"
nrec=$(wc -l < "$T/s.txt")

rv-predict -p -m "$T/m.rvm" "$T/s.rvt" > "$T/pred"
sed 's/^__label__\([^ ]*\).*/\1/' "$T/s.txt" | paste - "$T/pred" > "$T/both"
# true, predicted, p1, p2: count, accuracy, the confusion matrix and the log loss
awk -F'\t' '{ n++; right += $1 == $2; c[$1 "," $2]++; ll -= log($1 == "1" ? $3 : $4) }
END { printf "records    %d\naccuracy   %.4f\n", n, right / n
      printf "1          %4d %4d\n2          %4d %4d\n", c["1,1"], c["1,2"], c["2,1"], c["2,2"]
      printf "%.3f\n%.6f\n", ll / n, right / n }' "$T/both" > "$T/want"

expect_exit 0 rv-predict -e -m "$T/m.rvm" "$T/s.rvt"
[ ! -s "$T/err" ] || fail "stderr: $(cat "$T/err")"
out_has "$(sed -n 1p "$T/want")"
out_has "$(sed -n 2p "$T/want")"
out_has "macro F1   "
out_has "ROC AUC    "
out_has "class      precision  recall  F1      support"
out_has "confusion matrix (rows: true class, columns: predicted)"
tail -n 2 "$T/out" | awk '{ printf "%-10s %4d %4d\n", $1, $2, $3 }' > "$T/conf"
sed -n 3,4p "$T/want" > "$T/wantconf"
same "$T/wantconf" "$T/conf"
# log loss from four-decimal probabilities: close, not exact
awk -v want="$(sed -n 5p "$T/want")" '$1 == "log" { d = $3 - want; ok = d < 0.01 && d > -0.01 }
    END { exit !ok }' "$T/out" || fail "log loss: $(grep '^log' "$T/out"), wanted $(sed -n 5p "$T/want")"
# support per class is the label count
sup1=$(grep -c '^__label__1\( \|$\)' "$T/s.txt")
grep -Eq "^1 +[0-9.]+ +[0-9.]+ +[0-9.]+ +$sup1\$" "$T/out" || fail "support of class 1 is not $sup1"

# the same report as JSON
expect_exit 0 rv-predict -e --json -m "$T/m.rvm" "$T/s.rvt"
[ "$(wc -l < "$T/out")" -eq 1 ] || fail "JSON report is not one line"
acc=$(sed -n 6p "$T/want")
grep -q "^{\"records\":$nrec,\"accuracy\":$acc,\"macro_f1\":[0-9.]*,\"log_loss\":[0-9.]*,\"roc_auc\":[0-9.]*,\"classes\":\[{\"name\":\"1\",.*\"support\":$sup1},{\"name\":\"2\",.*\],\"confusion\":\[\[[0-9]*,[0-9]*\],\[[0-9]*,[0-9]*\]\]}$" "$T/out" ||
    fail "JSON report: $(cat "$T/out")"

# a threshold changes the predictions the report scores: at 0 every record is class 2
expect_exit 0 rv-predict -e --threshold 0 -m "$T/m.rvm" "$T/s.rvt"
out_has "accuracy   $(awk -v n="$nrec" -v s="$sup1" 'BEGIN { printf "%.4f", (n - s) / n }')"

# unlabelled records are not scored
sed 's/^__label__[^ ]* //' "$T/s.txt" | head -n 5 | rv-tokenize -v "$T/v.txt" -n 30 > "$T/nolabel.rvt"
expect_exit 0 rv-predict -e -m "$T/m.rvm" "$T/s.rvt" "$T/nolabel.rvt"
err_has "rv-predict: 5 records without a label were not scored"
out_has "records    $nrec"
expect_exit 1 rv-predict -e -m "$T/m.rvm" "$T/nolabel.rvt"
err_has "rv-predict: no labelled records to evaluate"
