# lib.sh: shared setup for the shell tests.  Source it first:
#   . "$RV_TOP/tests/lib.sh"
# Gives: set -eu, LC_ALL=C, a scratch dir $T (removed on success, kept and
# named on failure), $S (samples/), $G (tests/golden/), $DATA (the real
# split, maybe absent) and the helpers below.
set -eu
LC_ALL=C
export LC_ALL
: "${RV_TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${RV_BIN:=$RV_TOP/build/bin}"
PATH=$RV_BIN:$PATH
S=$RV_TOP/samples
G=$RV_TOP/tests/golden
DATA=${RV_DATA:-$RV_TOP/../shared/data/split}
T=$(mktemp -d "${TMPDIR:-/tmp}/rv-t.XXXXXX")
trap 'rc=$?; if [ $rc -eq 0 ] || [ $rc -eq 77 ]; then rm -rf "$T"; else echo "kept $T" >&2; fi' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "$*"; exit 77; }

# expect_exit CODE CMD...: run CMD (stdout to $T/out, stderr to $T/err) and
# require its exit status to be CODE.
expect_exit() {
	want=$1; shift
	set +e
	"$@" > "$T/out" 2> "$T/err"
	got=$?
	set -e
	[ "$got" -eq "$want" ] || fail "$*: exit $got, wanted $want; stderr: $(head -c 500 "$T/err")"
}

# same FILE1 FILE2: byte-identical, else show a diff.
same() {
	cmp -s "$1" "$2" || { diff -u "$1" "$2" | head -n 40 >&2; fail "$1 and $2 differ"; }
}

# err_has TEXT: stderr of the last expect_exit contains TEXT.
err_has() {
	grep -qF -- "$1" "$T/err" || fail "stderr lacks '$1': $(head -c 500 "$T/err")"
}
# err_lines N: stderr of the last expect_exit has exactly N lines.
err_lines() {
	n=$(wc -l < "$T/err")
	[ "$n" -eq "$1" ] || fail "stderr has $n lines, wanted $1: $(head -c 500 "$T/err")"
}
# out_has TEXT
out_has() {
	grep -qF -- "$1" "$T/out" || fail "stdout lacks '$1': $(head -c 500 "$T/out")"
}
need_data() {
	[ -f "$DATA/train.ft.txt" ] || skip "no real data in $DATA"
}
