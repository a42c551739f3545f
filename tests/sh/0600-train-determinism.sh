# Same data, seed and thread count give byte-identical models; another seed does not.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 30 < "$T/s.txt" > "$T/s.rvt"
tiny="-q -e 3 -b 8 --embed 8 --hidden 8 --dense 8 --valid-fraction 0.25 -v $T/v.txt"

expect_exit 0 rv-train $tiny -t 2 -o "$T/a.rvm" "$T/s.rvt"
[ ! -s "$T/err" ] || fail "-q printed: $(cat "$T/err")"
expect_exit 0 rv-train $tiny -t 2 -o "$T/b.rvm" "$T/s.rvt"
same "$T/a.rvm" "$T/b.rvm"
same "$T/a.rvm.ckpt" "$T/b.rvm.ckpt"
expect_exit 0 rv-train $tiny -t 1 -o "$T/c.rvm" "$T/s.rvt"
expect_exit 0 rv-train $tiny -t 1 -o "$T/d.rvm" "$T/s.rvt"
same "$T/c.rvm" "$T/d.rvm"
expect_exit 0 rv-train $tiny -t 2 --seed 2 -o "$T/e.rvm" "$T/s.rvt"
if cmp -s "$T/a.rvm" "$T/e.rvm"; then fail "seeds 1 and 2 gave the same model"; fi
# no temporary files are left behind
ls "$T" | grep -q '\.tmp\.' && fail "temporary file left: $(ls "$T")"
exit 0
