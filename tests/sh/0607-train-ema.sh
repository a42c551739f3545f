# --ema and --word-drop: deterministic, resumable byte for byte (the average
# is in the checkpoint), they change the model, and they cannot change on
# --resume.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 30 < "$T/s.txt" > "$T/s.rvt"
tiny="-q -b 8 --embed 8 --hidden 8 --dense 8 --patience 50 --valid-fraction 0.25"
new="--ema 0.99 --word-drop 0.2"

expect_exit 0 rv-train $tiny $new -e 3 -t 2 -v "$T/v.txt" -o "$T/a.rvm" "$T/s.rvt"
expect_exit 0 rv-train $tiny $new -e 3 -t 1 -v "$T/v.txt" -o "$T/b.rvm" "$T/s.rvt"
same "$T/a.rvm" "$T/b.rvm"
same "$T/a.rvm.ckpt" "$T/b.rvm.ckpt"
# each option changes the model
expect_exit 0 rv-train $tiny --ema 0.99 --word-drop 0 -e 3 -t 2 -v "$T/v.txt" -o "$T/c.rvm" "$T/s.rvt"
if cmp -s "$T/a.rvm" "$T/c.rvm"; then fail "--word-drop changed nothing"; fi
expect_exit 0 rv-train $tiny --ema 0 --word-drop 0 -e 3 -t 2 -v "$T/v.txt" -o "$T/d.rvm" "$T/s.rvt"
if cmp -s "$T/c.rvm" "$T/d.rvm"; then fail "--ema changed nothing"; fi
# the settings are recorded in the model
rv-predict -m "$T/a.rvm" < "$T/s.rvt" > "$T/p.txt" || fail "rv-predict failed on an --ema model"

# two epochs, then a third after --resume: the same bytes
expect_exit 0 rv-train $tiny $new -e 2 -t 2 -v "$T/v.txt" -o "$T/e.rvm" "$T/s.rvt"
if cmp -s "$T/a.rvm" "$T/e.rvm"; then fail "2 and 3 epochs gave the same model"; fi
expect_exit 0 rv-train $tiny -e 3 -t 2 --resume -o "$T/e.rvm" "$T/s.rvt"
same "$T/a.rvm" "$T/e.rvm"
same "$T/a.rvm.ckpt" "$T/e.rvm.ckpt"

# a different setting is refused on --resume
expect_exit 2 rv-train $tiny -e 4 --resume --ema 0.9 -o "$T/e.rvm" "$T/s.rvt"
err_has "rv-train: --ema: differs from the checkpoint $T/e.rvm.ckpt"
expect_exit 2 rv-train $tiny -e 4 --resume --word-drop 0 -o "$T/e.rvm" "$T/s.rvt"
err_has "rv-train: --word-drop: differs from the checkpoint $T/e.rvm.ckpt"

# a checkpoint without --ema still resumes (no average block)
expect_exit 0 rv-train $tiny --ema 0 --word-drop 0 -e 2 -t 2 -v "$T/v.txt" -o "$T/f.rvm" "$T/s.rvt"
expect_exit 0 rv-train $tiny -e 3 -t 2 --resume -o "$T/f.rvm" "$T/s.rvt"
same "$T/d.rvm" "$T/f.rvm"

# out of range
expect_exit 2 rv-train --ema 1 -v "$T/v.txt" -o "$T/x.rvm" "$T/s.rvt"
err_has "rv-train: --ema: '1' is not a number in 0..0.99999"
expect_exit 2 rv-train --word-drop 0.95 -v "$T/v.txt" -o "$T/x.rvm" "$T/s.rvt"
err_has "rv-train: --word-drop: '0.95' is not a number in 0..0.9"
expect_exit 2 rv-train --word-drop x -v "$T/v.txt" -o "$T/x.rvm" "$T/s.rvt"
err_has "rv-train: --word-drop: 'x' is not a number"
[ ! -e "$T/x.rvm" ] || fail "a model was written"
exit 0
