# Three epochs in one run, or two then one more after --resume: byte-identical.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 30 < "$T/s.txt" > "$T/s.rvt"
tiny="-q -b 8 --embed 8 --hidden 8 --dense 8 --patience 50 -t 2"

expect_exit 0 rv-train $tiny -e 3 --valid-fraction 0.25 -v "$T/v.txt" -o "$T/a.rvm" "$T/s.rvt"
expect_exit 0 rv-train $tiny -e 2 --valid-fraction 0.25 -v "$T/v.txt" -o "$T/b.rvm" "$T/s.rvt"
if cmp -s "$T/a.rvm" "$T/b.rvm"; then fail "2 and 3 epochs gave the same model"; fi
# the options may be repeated as they were; -v is not needed
expect_exit 0 rv-train $tiny -e 3 --resume --valid-fraction 0.25 -o "$T/b.rvm" "$T/s.rvt"
same "$T/a.rvm" "$T/b.rvm"
same "$T/a.rvm.ckpt" "$T/b.rvm.ckpt"

# without validation, from stdin, gzipped, with --checkpoint
gzip -c "$T/s.rvt" > "$T/s.rvt.gz"
expect_exit 0 rv-train $tiny -e 3 -v "$T/v.txt" -o "$T/c.rvm" "$T/s.rvt"
expect_exit 0 rv-train $tiny -e 1 -v "$T/v.txt" --checkpoint "$T/ck" -o "$T/d.rvm" < "$T/s.rvt.gz"
expect_exit 0 rv-train $tiny -e 3 --resume --checkpoint "$T/ck" -o "$T/d.rvm" < "$T/s.rvt.gz"
same "$T/c.rvm" "$T/d.rvm"

# a setting that would change the model is refused
expect_exit 2 rv-train $tiny -e 4 --resume --lr 0.1 -o "$T/b.rvm" "$T/s.rvt"
err_has "rv-train: --lr: differs from the checkpoint $T/b.rvm.ckpt"
# so is other data
head -c 2000 "$T/s.rvt" > "$T/part.rvt"
expect_exit 1 rv-train $tiny -e 4 --resume -o "$T/b.rvm" "$T/part.rvt"
err_has "rv-train: $T/part.rvt: truncated record"
rv-clean "$S/reviews.ft.txt" | rv-stem | head -n 20 | rv-tokenize -v "$T/v.txt" -n 30 > "$T/few.rvt"
expect_exit 1 rv-train $tiny -e 4 --resume -o "$T/b.rvm" "$T/few.rvt"
err_has "rv-train: $T/few.rvt: not the data $T/b.rvm.ckpt was trained on"
# and a missing checkpoint
expect_exit 1 rv-train $tiny --resume -o "$T/none.rvm" "$T/s.rvt"
err_has "rv-train: $T/none.rvm.ckpt: No such file or directory"
# a final model is not a checkpoint
expect_exit 1 rv-train $tiny --resume --checkpoint "$T/a.rvm" -o "$T/x.rvm" "$T/s.rvt"
err_has "rv-train: $T/a.rvm: a final model, not a checkpoint"
# the model did not change through the failures
expect_exit 0 rv-train $tiny -e 3 --resume --valid-fraction 0.25 -o "$T/b.rvm" "$T/s.rvt"
same "$T/a.rvm" "$T/b.rvm"
