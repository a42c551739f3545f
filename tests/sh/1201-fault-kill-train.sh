# kill -9 of rv-train in the middle of a run, after a checkpoint was
# written: the checkpoint loads, and --resume finishes with a model and a
# checkpoint byte-identical to those of a run that was never interrupted.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
# the samples 40 times over, so that an epoch takes a moment
i=0
while [ $i -lt 40 ]; do cat "$T/s.txt"; i=$((i + 1)); done > "$T/big.txt"
rv-tokenize -v "$T/v.txt" -n 30 < "$T/big.txt" > "$T/big.rvt"
rv-tokenize -v "$T/v.txt" -n 30 < "$T/s.txt" > "$T/s.rvt"
tiny="-q -e 6 -b 1 --embed 8 --hidden 16 --dense 8 -t 1 --valid-fraction 0.2 -v $T/v.txt"

expect_exit 0 rv-train $tiny -o "$T/ref.rvm" "$T/big.rvt"

# the same run, killed as soon as its first checkpoint is there
rv-train $tiny -o "$T/m.rvm" "$T/big.rvt" 2> "$T/train.err" &
pid=$!
n=0
while [ ! -f "$T/m.rvm.ckpt" ]; do
	kill -0 $pid 2> /dev/null || fail "rv-train ended before its first checkpoint"
	n=$((n + 1))
	[ $n -lt 1200 ] || { kill -9 $pid; fail "no checkpoint after 60 s"; }
	sleep 0.05
done
kill -9 $pid
set +e
wait $pid
rc=$?
set -e
[ $rc -eq 137 ] || fail "rv-train exited $rc before it was killed"
[ ! -e "$T/m.rvm" ] || fail "the model was written: the run was not interrupted"

# the checkpoint left behind is whole: it loads and predicts
expect_exit 0 rv-predict -m "$T/m.rvm.ckpt" "$T/s.rvt"
[ "$(wc -l < "$T/out")" -eq "$(wc -l < "$T/s.txt")" ] || fail "rv-predict: $(head -c 300 "$T/out")"
[ ! -s "$T/err" ] || fail "rv-predict: $(cat "$T/err")"

# and the run goes on from it to the very same model
expect_exit 0 rv-train $tiny --resume -o "$T/m.rvm" "$T/big.rvt"
same "$T/ref.rvm" "$T/m.rvm"
same "$T/ref.rvm.ckpt" "$T/m.rvm.ckpt"
exit 0
