# --warmup and --decay: deterministic, they change the model, an interrupted
# run resumes to the same bytes, and with --decay the epochs cannot change on
# --resume (the schedule is planned over them).
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 30 < "$T/s.txt" > "$T/s.rvt"
tiny="-q -e 3 -b 8 --embed 8 --hidden 8 --dense 8 --patience 50 -t 2"

for d in linear cosine; do
	expect_exit 0 rv-train $tiny --warmup 5 --decay $d -v "$T/v.txt" -o "$T/$d.rvm" "$T/s.rvt"
	expect_exit 0 rv-train $tiny --warmup 5 --decay $d -v "$T/v.txt" -o "$T/$d-2.rvm" "$T/s.rvt"
	same "$T/$d.rvm" "$T/$d-2.rvm"
	# 41 records in batches of 8: 6 batches an epoch; stop in epoch 3, resume
	RV_TRAIN_NAN_STEP=14 expect_exit 1 rv-train $tiny --warmup 5 --decay $d \
	    -v "$T/v.txt" -o "$T/$d-3.rvm" "$T/s.rvt"
	err_has "rv-train: epoch 3 batch 2: loss is not finite"
	expect_exit 0 rv-train $tiny --resume -o "$T/$d-3.rvm" "$T/s.rvt"
	same "$T/$d.rvm" "$T/$d-3.rvm"
	same "$T/$d.rvm.ckpt" "$T/$d-3.rvm.ckpt"
done
expect_exit 0 rv-train $tiny -v "$T/v.txt" -o "$T/none.rvm" "$T/s.rvt"
expect_exit 0 rv-train $tiny --warmup 5 -v "$T/v.txt" -o "$T/warm.rvm" "$T/s.rvt"
if cmp -s "$T/none.rvm" "$T/linear.rvm"; then fail "--decay linear changed nothing"; fi
if cmp -s "$T/linear.rvm" "$T/cosine.rvm"; then fail "linear and cosine gave the same model"; fi
if cmp -s "$T/none.rvm" "$T/warm.rvm"; then fail "--warmup changed nothing"; fi
# --decay none and --warmup 0 are the defaults
expect_exit 0 rv-train $tiny --warmup 0 --decay none -v "$T/v.txt" -o "$T/none-2.rvm" "$T/s.rvt"
same "$T/none.rvm" "$T/none-2.rvm"

# resuming: the epochs are fixed with --decay, free without it
expect_exit 2 rv-train $tiny -e 4 --resume -o "$T/linear.rvm" "$T/s.rvt"
err_has "rv-train: -e (with --decay): differs from the checkpoint $T/linear.rvm.ckpt"
expect_exit 2 rv-train $tiny --resume --decay cosine -o "$T/linear.rvm" "$T/s.rvt"
err_has "rv-train: --decay: differs from the checkpoint"
expect_exit 2 rv-train $tiny --resume --warmup 6 -o "$T/linear.rvm" "$T/s.rvt"
err_has "rv-train: --warmup: differs from the checkpoint"
expect_exit 0 rv-train $tiny -e 4 --resume -o "$T/warm.rvm" "$T/s.rvt"

# bad values
expect_exit 2 rv-train --decay step -v "$T/v.txt" -o "$T/x.rvm" "$T/s.rvt"
err_has "rv-train: --decay: 'step' is not none, linear or cosine"
expect_exit 2 rv-train --warmup -1 -v "$T/v.txt" -o "$T/x.rvm" "$T/s.rvt"
err_has "rv-train: --warmup: '-1' is not a whole number"
[ ! -e "$T/x.rvm" ] || fail "a model was written"
exit 0
