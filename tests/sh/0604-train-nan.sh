# A loss that is not finite stops training with a clear error; the last checkpoint stays.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 30 < "$T/s.txt" > "$T/s.rvt"
tiny="-q -e 3 -b 8 --embed 8 --hidden 8 --dense 8 -v $T/v.txt"

# 41 records in batches of 8: 6 batches an epoch, so step 8 is epoch 2 batch 2
RV_TRAIN_NAN_STEP=8 expect_exit 1 rv-train $tiny -o "$T/m.rvm" "$T/s.rvt"
err_has "rv-train: epoch 2 batch 2: loss is not finite"
err_lines 1
[ ! -e "$T/m.rvm" ] || fail "a model was written"
# the checkpoint of epoch 1 is whole: it predicts, and resuming from it
# gives the model of a clean run
expect_exit 0 rv-predict -m "$T/m.rvm.ckpt" "$T/s.rvt"
[ "$(wc -l < "$T/out")" -eq 41 ] || fail "no predictions from the checkpoint"
expect_exit 0 rv-train $tiny --resume -o "$T/m.rvm" "$T/s.rvt"
expect_exit 0 rv-train $tiny -o "$T/clean.rvm" "$T/s.rvt"
same "$T/clean.rvm" "$T/m.rvm"

