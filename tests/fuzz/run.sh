#!/bin/sh
# run.sh BINDIR SECONDS NAME...: run each fuzz target BINDIR/fuzz_NAME for
# SECONDS on a scratch copy of tests/fuzz/corpus/NAME (the committed corpus
# is not changed), one after the other, niced, then print a table of
# executions and coverage (cov: edges, ft: features, from libFuzzer's final
# lines).  A crash keeps its input in BINDIR/crashes/NAME/ and fails the run.
set -u
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=$1 secs=$2
shift 2
case $bin in /*) ;; *) bin=$top/$bin ;; esac
scratch=$(mktemp -d "${TMPDIR:-/tmp}/rv-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
bad=0
table=$scratch/table
printf '%-8s %10s %8s %8s %7s  %s\n' target execs exec/s cov ft result > "$table"
for name in "$@"; do
	exe=$bin/fuzz_$name
	dir=$scratch/$name
	mkdir -p "$dir/corpus" "$dir/art"
	cp "$top/tests/fuzz/corpus/$name"/* "$dir/corpus/" 2>/dev/null
	echo "fuzz: $name for ${secs}s" >&2
	nice -n 10 "$exe" -max_total_time="$secs" -timeout=20 -print_final_stats=1 \
	    -close_fd_mask=3 -artifact_prefix="$dir/art/" "$dir/corpus" > "$dir/log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -n 1)
	last=$(grep -E '^#[0-9]+.*cov: ' "$dir/log" | tail -n 1)
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	if [ "$rc" -eq 0 ]; then
		result=ok
	else
		result="CRASH (exit $rc)"
		bad=1
		mkdir -p "$bin/crashes/$name"
		cp "$dir/art"/* "$bin/crashes/$name/" 2>/dev/null
		cp "$dir/log" "$bin/crashes/$name/log"
		echo "fuzz: $name: crash; input and log in $bin/crashes/$name/" >&2
		grep -E 'ERROR|SUMMARY|invariant|^    #[0-9] ' "$dir/log" | head -n 30 >&2
	fi
	printf '%-8s %10s %8s %8s %7s  %s\n' "$name" "${execs:-?}" "${rate:-?}" \
	    "${cov:-?}" "${ft:-?}" "$result" >> "$table"
done
cat "$table"
exit $bad
