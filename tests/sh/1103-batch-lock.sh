# While another process holds outdir/.lock, rv-batch logs that and exits 0
# without touching anything; afterwards it does the work.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/batch.sh"
tiny_model "$T/m.rvm"
mkdir "$T/in" "$T/res"
cp "$S/reviews.ft.txt" "$T/in/a.txt"

# the holder: a shell that takes the lock and waits
sh -c 'exec 9> "$1/.lock"; flock 9; exec sleep 60' sh "$T/res" &
holder=$!
i=0
while flock -n "$T/res/.lock" true; do
	i=$((i + 1))
	[ $i -lt 100 ] || { kill $holder; fail "the lock was never taken"; }
	sleep 0.1
done
set +e
rv-batch -m "$T/m.rvm" "$T/in" "$T/res" > "$T/out1" 2> "$T/err1"
rc1=$?
rv-batch -l "$T/log" -m "$T/m.rvm" "$T/in" "$T/res" > "$T/out2" 2> "$T/err2"
rc2=$?
set -e
kill $holder
wait $holder 2> /dev/null || true
[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] || fail "exit $rc1 and $rc2, wanted 0"
[ ! -s "$T/out1" ] && [ ! -s "$T/out2" ] || fail "stdout: $(cat "$T/out1" "$T/out2")"
[ "$(wc -l < "$T/err1")" -eq 1 ] || fail "stderr: $(cat "$T/err1")"
grep -q "^[0-9-]*T[0-9:]* rv-batch: $T/res/.lock: another run holds the lock; nothing done$" "$T/err1" ||
    fail "stderr: $(cat "$T/err1")"
# with -l the line goes to the log only
[ ! -s "$T/err2" ] || fail "stderr with -l: $(cat "$T/err2")"
grep -q "rv-batch: $T/res/.lock: another run holds the lock; nothing done$" "$T/log" ||
    fail "log: $(cat "$T/log")"
[ "$(ls -A "$T/res")" = .lock ] || fail "outdir: $(ls -A "$T/res")"

expect_exit 0 rv-batch -l "$T/log" -m "$T/m.rvm" "$T/in" "$T/res"
[ "$(wc -l < "$T/res/a.txt.tsv")" -eq 41 ] || fail "not done after the lock was released"
