#!/bin/sh
# run.sh: run every unit test (build/tests/t_*) and shell test (tests/sh/*.sh),
# one line each, then "N passed, N failed, N skipped".  Exit 1 on any failure.
# A shell test exits 0 to pass, 77 to skip (printing why), anything else fails.
# Environment: RV_BUILD (build dir, default build), EXEC (wrapper such as
# valgrind for the unit tests), TESTS (a pattern to run a subset).
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/.." && pwd)
build=${RV_BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
RV_BIN=$build/bin
RV_TOP=$top
PATH=$RV_BIN:$PATH
export RV_BIN RV_TOP PATH
pass=0 fail=0 skip=0
log=$(mktemp -d "${TMPDIR:-/tmp}/rv-tests.XXXXXX")

run_one() {
	name=$1; shift
	case $name in *${TESTS:-}*) ;; *) return ;; esac
	t0=$(date +%s)
	"$@" > "$log/out" 2>&1
	rc=$?
	t1=$(date +%s)
	case $rc in
	0) pass=$((pass + 1)); echo "ok   $name ($((t1 - t0))s)" ;;
	77) skip=$((skip + 1)); echo "skip $name: $(tail -n 1 "$log/out")" ;;
	*) fail=$((fail + 1)); echo "FAIL $name (exit $rc)"; sed 's/^/    /' "$log/out" | tail -n 40 ;;
	esac
}

for t in "$build"/tests/t_*; do
	[ -x "$t" ] || continue
	run_one "unit/${t##*/}" sh -c 'cd "$1" && shift && exec $EXEC "$@"' sh "$top" "$t"
done
for t in "$top"/tests/sh/*.sh; do
	[ -f "$t" ] || continue
	run_one "sh/${t##*/}" sh "$t"
done
rm -rf "$log"
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
