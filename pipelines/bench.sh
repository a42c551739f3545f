#!/bin/sh
# bench.sh: rv's benchmarks against the reference peers, on this machine, in
# one run.  usage: bench.sh [BUILD] [section ...]   sections: prep train compute predict web batch
# Needs the real data (../shared/data/split) and the peers (../shared/bench).
# Prints tables on stdout; scratch files go to $BENCH_TMP (default a temp dir).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
[ $# -gt 0 ] && shift
case $build in /*) ;; *) build=$top/$build ;; esac
sections=${*:-prep train compute predict web batch}
bin=$build/bin
PATH=$bin:$PATH
shared=${RV_SHARED:-$top/../shared}
data=$shared/data/split
peers=$shared/bench/peers
py=/usr/bin/python3
if [ ! -f "$data/train.ft.txt" ]; then
	echo "bench: no real data in $data; nothing to measure" >&2
	exit 1
fi
sh "$top/pipelines/install-deps.sh" "$top/.ci/bench-packages"
if [ -n "${BENCH_TMP:-}" ]; then	# kept, so a later run can reuse what it holds
	tmp=$BENCH_TMP
	mkdir -p "$tmp"
else
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/rv-bench.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
fi
export LC_ALL=C

# secs CMD...: wall seconds of a command (stdout discarded unless redirected inside)
secs() {
	t0=$(date +%s.%N)
	"$@"
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc
}
# peak_kb CMD...: peak resident memory (KiB) of a command reading $in
peak_kb() {
	/usr/bin/time -f '%M' -o "$tmp/time" "$@" > /dev/null
	cat "$tmp/time"
}
mbs() { echo "scale=1; $1 / 1000000 / $2" | bc; }

# the prep section's helpers.  prep_median COL FILE: median of column COL
prep_median() { awk -v c="$1" '{print $c}' "$2" | sort -n |
    awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# prep_timed NAME CMD...: append "wall cpu" (seconds; cpu = user + sys of it and
# its children) of one run of CMD, its output discarded, to $tmp/t_NAME.
# Timed from python for a finer clock than time(1)'s hundredths: rv's
# pipeline takes a quarter of a second.
prep_timed() {
	prep_name=$1
	shift
	"$py" -c 'import resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
w = time.perf_counter() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.4f %.4f" % (w, r.ru_utime + r.ru_stime))
sys.exit(rc)' "$@" >> "$tmp/t_$prep_name"
}
# prep_runs NAME: every run of NAME as wall/cpu, on one line
prep_runs() { awk '{printf "%s%.3f/%.3f", (NR > 1 ? " " : ""), $1, $2}' "$tmp/t_$1"; }

bench_prep() {
	runs=${BENCH_RUNS:-5}
	echo "== preprocessing: rv-clean | rv-stem | rv-tokenize vs the notebook's Python (prep_python.py)"
	# >= 100 MB: split/train.ft.txt repeated
	: > "$tmp/big.txt"
	while [ "$(wc -c < "$tmp/big.txt")" -lt 100000000 ]; do
		cat "$data/train.ft.txt" >> "$tmp/big.txt"
	done
	head -c 10000000 "$tmp/big.txt" | sed '$d' > "$tmp/10mb.txt"
	size=$(wc -c < "$tmp/big.txt")
	rv-clean < "$data/train.ft.txt" | rv-stem -l porter | rv-vocab -n 20000 > "$tmp/vocab.txt"
	# each stage's own input, for its throughput alone
	rv-clean "$tmp/big.txt" > "$tmp/big.clean"
	rv-stem -l porter "$tmp/big.clean" > "$tmp/big.stemmed"
	cat "$tmp/big.txt" > /dev/null	# warm the page cache for everyone alike
	# the scratch files just written (300 MB) go to disk now, not while
	# the first rounds are timed
	sync
	# rounds: every command once per round, so a busy spell on this shared
	# machine falls on all of them, and the pipeline right before the peer:
	# the ratio of a round compares the two at the same moment
	for f in cat clean stem tok rv py; do : > "$tmp/t_$f"; done
	echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $runs rounds"
	i=0
	while [ "$i" -lt "$runs" ]; do
		prep_timed cat sh -c 'cat "$1" > /dev/null' sh "$tmp/big.txt"
		prep_timed clean sh -c 'rv-clean "$1" > /dev/null' sh "$tmp/big.txt"
		prep_timed stem sh -c 'rv-stem -l porter "$1" > /dev/null' sh "$tmp/big.clean"
		prep_timed tok sh -c 'rv-tokenize -v "$2" "$1" > /dev/null' sh "$tmp/big.stemmed" "$tmp/vocab.txt"
		prep_timed rv sh -c 'rv-clean "$1" | rv-stem -l porter | rv-tokenize -v "$2" > /dev/null' \
		    sh "$tmp/big.txt" "$tmp/vocab.txt"
		prep_timed py sh -c '"$1" "$2" < "$3" > /dev/null' sh "$py" "$peers/prep_python.py" \
		    "$tmp/big.txt"
		i=$((i + 1))
	done
	echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
	for f in cat clean stem tok rv py; do
		eval "t_$f=\$(prep_median 1 \"\$tmp/t_$f\")"
		eval "c_$f=\$(prep_median 2 \"\$tmp/t_$f\")"
	done
	# the ratio of each round, python's wall time over rv's
	paste -d ' ' "$tmp/t_py" "$tmp/t_rv" | awk '{printf "%.1f\n", $1 / $3}' > "$tmp/t_ratio"
	r_med=$(prep_median 1 "$tmp/t_ratio")
	r_min=$(sort -n "$tmp/t_ratio" | head -n 1)
	s_clean=$(wc -c < "$tmp/big.clean")
	s_stem=$(wc -c < "$tmp/big.stemmed")
	echo "medians of the runs: wall seconds, CPU seconds (user + sys, all processes); MB/s of wall"
	echo "time on the command's own input; the ratio is python's wall time over rv's in the"
	echo "same round, the median of the rounds"
	printf '%-44s %8s %8s %9s %10s\n' "pipeline (input $size bytes)" seconds "cpu s" MB/s ratio
	printf '%-44s %8.3f %8.3f %9s %10s\n' "cat (ceiling)" "$t_cat" "$c_cat" "$(mbs "$size" "$t_cat")" -
	printf '%-44s %8.3f %8.3f %9s %10s\n' "rv-clean alone" "$t_clean" "$c_clean" \
	    "$(mbs "$size" "$t_clean")" \
	    "$(echo "$t_cat * 100 / $t_clean" | bc -l | xargs printf '%.0f')% of cat"
	printf '%-44s %8.3f %8.3f %9s %10s\n' "rv-stem -l porter alone (cleaned text)" "$t_stem" \
	    "$c_stem" "$(mbs "$s_clean" "$t_stem")" -
	printf '%-44s %8.3f %8.3f %9s %10s\n' "rv-tokenize alone (stemmed text)" "$t_tok" "$c_tok" \
	    "$(mbs "$s_stem" "$t_tok")" -
	printf '%-44s %8.3f %8.3f %9s %10s\n' "rv-clean | rv-stem -l porter | rv-tokenize" "$t_rv" \
	    "$c_rv" "$(mbs "$size" "$t_rv")" "${r_med}x"
	printf '%-44s %8.3f %8.3f %9s %10s\n' "prep_python.py (clean + stem only)" "$t_py" "$c_py" \
	    "$(mbs "$size" "$t_py")" 1.0x
	echo "every run, wall/cpu:"
	for f in cat clean stem tok rv py; do
		printf '  %-6s %s\n' "$f" "$(prep_runs "$f")"
	done
	printf '  %-6s %s\n' ratio "$(tr '\n' ' ' < "$tmp/t_ratio")"
	if [ "$(echo "$r_med >= 25" | bc)" -eq 1 ]; then
		verdict=met
	else
		verdict="NOT met"
	fi
	echo "target, rv at least 25x the Python peer: $verdict (median ${r_med}x, lowest round ${r_min}x)"
	echo
	echo "peak resident memory (KiB), streaming: must not grow with input"
	printf '%-14s %12s %12s\n' program 10MB 100MB
	rv-clean "$tmp/10mb.txt" | rv-stem > "$tmp/10mb.stem"
	rv-clean "$tmp/big.txt" | rv-stem > "$tmp/big.stem"
	for p in clean stem vocab tokenize wordfreq; do
		case $p in
		clean) a="rv-clean $tmp/10mb.txt"; b="rv-clean $tmp/big.txt" ;;
		stem) a="rv-stem $tmp/10mb.txt"; b="rv-stem $tmp/big.txt" ;;
		vocab) a="rv-vocab $tmp/10mb.stem"; b="rv-vocab $tmp/big.stem" ;;
		tokenize) a="rv-tokenize -v $tmp/vocab.txt $tmp/10mb.stem"; b="rv-tokenize -v $tmp/vocab.txt $tmp/big.stem" ;;
		wordfreq) a="rv-wordfreq $tmp/10mb.stem"; b="rv-wordfreq $tmp/big.stem" ;;
		esac
		# shellcheck disable=SC2086
		printf '%-14s %12s %12s\n' "rv-$p" "$(peak_kb $a)" "$(peak_kb $b)"
	done
	echo "(rv-vocab and rv-wordfreq hold one counter per distinct word: bounded by the vocabulary, not the input)"
	echo
}

for f in "$top"/pipelines/bench-*.sh; do
	. "$f"
done
for s in $sections; do
	if command -v "bench_$s" >/dev/null 2>&1; then
		"bench_$s"
	else
		echo "== $s: not benchmarked yet"
	fi
done
