# Early stopping: training stops after --patience epochs without a better
# validation loss, and the model kept is the best epoch's.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
head -n 30 "$T/s.txt" | rv-tokenize -v "$T/v.txt" -n 30 > "$T/train.rvt"
tail -n 11 "$T/s.txt" | rv-tokenize -v "$T/v.txt" -n 30 > "$T/valid.rvt"

expect_exit 0 rv-train -e 30 --patience 2 -b 4 --embed 16 --hidden 16 --dense 16 \
    --lr 0.02 --log "$T/log" -v "$T/v.txt" -V "$T/valid.rvt" -o "$T/m.rvm" "$T/train.rvt"
# the log stops at the first epoch that is the second in a row without a
# new lowest validation loss, or at 30
awk -F'\t' 'NR > 1 {
	if (NR == 2 || $4 < best) { best = $4; bestep = $1; bad = 0 } else bad++
	if (bad == 2 && stop == "") stop = $1
	last = $1
} END {
	if (stop == "") stop = 30
	if (last != stop) { print "stopped at " last ", wanted " stop; exit 1 }
	print best > "'"$T/best"'"
}' "$T/log" || fail "$(cat "$T/log")"
[ "$(tail -n 1 "$T/log" | cut -f 1)" -lt 30 ] || fail "no early stop in 30 epochs: $(cat "$T/log")"
err_has "no better validation loss in 2 epochs: keeping epoch"
# the model's validation loss is the best one logged, not the last
expect_exit 0 rv-predict -e --json -m "$T/m.rvm" "$T/valid.rvt"
got=$(sed 's/.*"log_loss":\([0-9.]*\).*/\1/' "$T/out")
awk -v a="$got" -v b="$(cat "$T/best")" 'BEGIN { d = a - b; exit !(d < 1e-4 && d > -1e-4) }' ||
    fail "model's validation loss $got is not the best logged $(cat "$T/best")"
