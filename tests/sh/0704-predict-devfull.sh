# Output to a full disk is an error with a message.
. "$RV_TOP/tests/lib.sh"
[ -w /dev/full ] || skip "no /dev/full"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 30 < "$T/s.txt" > "$T/s.rvt"
rv-train -q -e 1 -b 8 --embed 8 --hidden 8 --dense 8 -v "$T/v.txt" -o "$T/m.rvm" "$T/s.rvt"

set +e
rv-predict -m "$T/m.rvm" "$T/s.rvt" > /dev/full 2> "$T/err"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "exit $rc"
err_has "rv-predict: <stdout>: No space left on device"
set +e
rv-predict -e -m "$T/m.rvm" "$T/s.rvt" > /dev/full 2> "$T/err"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "-e: exit $rc"
err_has "rv-predict: <stdout>: No space left on device"
