# Every manual page is clean under mandoc -Tlint, and every program has one.
. "$RV_TOP/tests/lib.sh"
command -v mandoc > /dev/null || skip "mandoc is not installed"
cd "$RV_TOP"
mandoc -Tlint -Wwarning man/*.[157] > "$T/lint" 2>&1 || true
[ ! -s "$T/lint" ] || { cat "$T/lint" >&2; fail "mandoc -Tlint reports problems"; }
for t in tools/rv-*.c tools/rv-*.sh; do
	[ -e "$t" ] || continue
	n=${t##*/}; n=${n%.*}
	[ -f "man/$n.1" ] || fail "$n has no man page man/$n.1"
done
for f in rv-tensor.5 rv-vocab.5 rv-model.5 rv.7; do
	[ -f "man/$f" ] || fail "man/$f is missing"
done
