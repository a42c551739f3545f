# --pretrain: skip-gram vectors start the embedding; deterministic, it
# changes the model, an interrupted run resumes to the same bytes, and it
# cannot change on --resume.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 30 < "$T/s.txt" > "$T/s.rvt"
tiny="-e 3 -b 8 --embed 8 --hidden 8 --dense 8 --patience 50"

expect_exit 0 rv-train $tiny --pretrain 2 -t 2 -v "$T/v.txt" -o "$T/a.rvm" "$T/s.rvt"
err_has "skip-gram vectors: 2 epochs"
expect_exit 0 rv-train -q $tiny --pretrain 2 -t 1 -v "$T/v.txt" -o "$T/b.rvm" "$T/s.rvt"
same "$T/a.rvm" "$T/b.rvm"
expect_exit 0 rv-train -q $tiny --pretrain 0 -t 2 -v "$T/v.txt" -o "$T/c.rvm" "$T/s.rvt"
if cmp -s "$T/a.rvm" "$T/c.rvm"; then fail "--pretrain changed nothing"; fi
# 41 records in batches of 8: 6 batches an epoch; stop in epoch 2, resume
RV_TRAIN_NAN_STEP=9 expect_exit 1 rv-train -q $tiny --pretrain 2 -v "$T/v.txt" \
    -o "$T/d.rvm" "$T/s.rvt"
expect_exit 0 rv-train -q $tiny --resume -o "$T/d.rvm" "$T/s.rvt"
same "$T/a.rvm" "$T/d.rvm"
expect_exit 2 rv-train -q $tiny -e 4 --resume --pretrain 3 -o "$T/d.rvm" "$T/s.rvt"
err_has "rv-train: --pretrain: differs from the checkpoint"
expect_exit 2 rv-train --pretrain -2 -v "$T/v.txt" -o "$T/x.rvm" "$T/s.rvt"
err_has "rv-train: --pretrain: '-2' is not a whole number in 0..1000"
[ ! -e "$T/x.rvm" ] || fail "a model was written"
exit 0
