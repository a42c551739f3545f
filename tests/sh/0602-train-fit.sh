# The sample reviews are fitted to near-perfect accuracy and low loss.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 40 < "$T/s.txt" > "$T/s.rvt"

expect_exit 0 rv-train -e 40 -b 8 --embed 16 --hidden 16 --dense 16 --dropout 0,0,0 \
    --lr 0.01 --log "$T/log" -v "$T/v.txt" -o "$T/m.rvm" "$T/s.rvt"
# the skip-gram start, the start line and one line per epoch
err_lines 42
err_has "skip-gram vectors: 5 epochs"
err_has "epoch 40/40: train loss"
[ "$(wc -l < "$T/log")" -eq 41 ] || fail "log has $(wc -l < "$T/log") lines"
head -n 1 "$T/log" | grep -q "^epoch	train_loss	train_acc	valid_loss	valid_acc	seconds$" ||
    fail "log header: $(head -n 1 "$T/log")"
# the training loss went down
awk -F'\t' 'NR == 2 { first = $2 } END { if (!($2 < first / 10)) exit 1 }' "$T/log" ||
    fail "loss did not fall tenfold: $(sed -n '2p;$p' "$T/log")"

expect_exit 0 rv-predict -e -m "$T/m.rvm" "$T/s.rvt"
out_has "records    41"
awk '$1 == "accuracy" && $2 >= 0.95 { ok = 1 } END { exit !ok }' "$T/out" ||
    fail "accuracy below 0.95: $(cat "$T/out")"
awk '$1 == "log" && $3 < 0.2 { ok = 1 } END { exit !ok }' "$T/out" ||
    fail "log loss not below 0.2: $(cat "$T/out")"
