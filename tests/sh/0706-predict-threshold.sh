# --threshold P: class 2 exactly when its probability is at least P.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 30 < "$T/s.txt" > "$T/s.rvt"
rv-train -q -e 2 -b 8 --embed 8 --hidden 8 --dense 8 -v "$T/v.txt" -o "$T/m.rvm" "$T/s.rvt"

for p in 0 0.2 0.5 0.8 1; do
	expect_exit 0 rv-predict -p --threshold "$p" -m "$T/m.rvm" "$T/s.rvt"
	awk -F'\t' -v p="$p" '($1 == "2") != ($3 >= p - 0.00005) && ($3 < p - 0.00005 || $3 > p + 0.00005) {
	    print "p=" p ": " $0; bad = 1 } END { exit bad }' "$T/out" || fail "threshold $p"
done
expect_exit 0 rv-predict --threshold 0 -m "$T/m.rvm" "$T/s.rvt"
grep -v '^2	' "$T/out" && fail "threshold 0 predicted class 1"
# the probability printed is the predicted class's
expect_exit 0 rv-predict --threshold 0 -p -m "$T/m.rvm" "$T/s.rvt"
cut -f 3 "$T/out" > "$T/p2"
expect_exit 0 rv-predict --threshold 0 -m "$T/m.rvm" "$T/s.rvt"
cut -f 2 "$T/out" > "$T/printed"
same "$T/p2" "$T/printed"
