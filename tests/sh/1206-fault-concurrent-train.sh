# Two rv-train processes writing the same -o path (and so the same
# checkpoint) at once: whenever the model or the checkpoint is there it is
# whole (rv-predict accepts it), and at the end the model is the one of
# either run, byte for byte.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
i=0
while [ $i -lt 10 ]; do cat "$T/s.txt"; i=$((i + 1)); done |
	rv-tokenize -v "$T/v.txt" -n 20 > "$T/s.rvt"
n=$(( $(wc -l < "$T/s.txt") * 10 ))
tiny="-q -e 6 -b 4 --embed 4 --hidden 4 --dense 4 -t 1 -v $T/v.txt"

expect_exit 0 rv-train $tiny --seed 1 -o "$T/a.rvm" "$T/s.rvt"
expect_exit 0 rv-train $tiny --seed 2 -o "$T/b.rvm" "$T/s.rvt"
cmp -s "$T/a.rvm" "$T/b.rvm" && fail "seeds 1 and 2 gave the same model"

# accepted FILE: rv-predict reads FILE and predicts every record
accepted() {
	set +e
	rv-predict -m "$1" "$T/s.rvt" > "$T/pout" 2> "$T/perr"
	prc=$?
	set -e
	# the file may be renamed away between the test and the open
	if [ $prc -eq 1 ] && grep -q "No such file" "$T/perr"; then
		return 0
	fi
	[ $prc -eq 0 ] || fail "round $round: $1 refused (exit $prc): $(cat "$T/perr")"
	[ "$(wc -l < "$T/pout")" -eq "$n" ] || fail "round $round: $1: $(wc -l < "$T/pout") lines"
}

round=1
looks=0
while [ $round -le 3 ]; do
	rm -f "$T/m.rvm" "$T/m.rvm.ckpt"
	rv-train $tiny --seed 1 -o "$T/m.rvm" "$T/s.rvt" 2> "$T/e1" &
	p1=$!
	rv-train $tiny --seed 2 -o "$T/m.rvm" "$T/s.rvt" 2> "$T/e2" &
	p2=$!
	while kill -0 $p1 2> /dev/null || kill -0 $p2 2> /dev/null; do
		for f in "$T/m.rvm" "$T/m.rvm.ckpt"; do
			if [ -e "$f" ]; then
				accepted "$f"
				looks=$((looks + 1))
			fi
		done
	done
	wait $p1 || fail "round $round: rv-train 1 failed: $(cat "$T/e1")"
	wait $p2 || fail "round $round: rv-train 2 failed: $(cat "$T/e2")"
	[ ! -s "$T/e1" ] && [ ! -s "$T/e2" ] || fail "round $round: $(cat "$T/e1" "$T/e2")"
	accepted "$T/m.rvm"
	accepted "$T/m.rvm.ckpt"
	cmp -s "$T/m.rvm" "$T/a.rvm" || cmp -s "$T/m.rvm" "$T/b.rvm" ||
		fail "round $round: the model is neither run's"
	cmp -s "$T/m.rvm.ckpt" "$T/a.rvm.ckpt" || cmp -s "$T/m.rvm.ckpt" "$T/b.rvm.ckpt" ||
		fail "round $round: the checkpoint is neither run's"
	ls "$T" | grep -q '\.tmp\.' && fail "round $round: temporary file left: $(ls "$T")"
	round=$((round + 1))
done
[ $looks -gt 0 ] || fail "never saw a checkpoint while training"
exit 0
