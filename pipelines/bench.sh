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
# its children) of one run of CMD to $tmp/t_NAME
prep_timed() {
	prep_name=$1
	shift
	/usr/bin/time -f '%e %U %S' -o "$tmp/time" "$@"
	awk '{printf "%s %.2f\n", $1, $2 + $3}' "$tmp/time" >> "$tmp/t_$prep_name"
}
# prep_runs NAME: every run of NAME as wall/cpu, on one line
prep_runs() { awk '{printf "%s%.2f/%.2f", (NR > 1 ? " " : ""), $1, $2}' "$tmp/t_$1"; }

bench_prep() {
	runs=${BENCH_RUNS:-5}
	peer_runs=${BENCH_PEER_RUNS:-3}
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
	# rounds: every command once per round, so a busy spell on this shared
	# machine falls on all of them; the peer in the first peer_runs rounds
	for f in cat clean stem tok rv py; do : > "$tmp/t_$f"; done
	echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $runs rounds (peer in $peer_runs)"
	i=0
	while [ "$i" -lt "$runs" ]; do
		prep_timed cat sh -c 'cat "$1" > /dev/null' sh "$tmp/big.txt"
		prep_timed clean sh -c 'rv-clean "$1" > /dev/null' sh "$tmp/big.txt"
		prep_timed stem sh -c 'rv-stem -l porter "$1" > /dev/null' sh "$tmp/big.clean"
		prep_timed tok sh -c 'rv-tokenize -v "$2" "$1" > /dev/null' sh "$tmp/big.stemmed" "$tmp/vocab.txt"
		prep_timed rv sh -c 'rv-clean "$1" | rv-stem -l porter | rv-tokenize -v "$2" > /dev/null' \
		    sh "$tmp/big.txt" "$tmp/vocab.txt"
		if [ "$i" -lt "$peer_runs" ]; then
			prep_timed py sh -c '"$1" "$2" < "$3" > /dev/null' sh "$py" "$peers/prep_python.py" \
			    "$tmp/big.txt"
		fi
		i=$((i + 1))
	done
	echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
	for f in cat clean stem tok rv py; do
		eval "t_$f=\$(prep_median 1 \"\$tmp/t_$f\")"
		eval "c_$f=\$(prep_median 2 \"\$tmp/t_$f\")"
	done
	s_clean=$(wc -c < "$tmp/big.clean")
	s_stem=$(wc -c < "$tmp/big.stemmed")
	echo "medians of the runs: wall seconds, CPU seconds (user + sys, all processes); MB/s of wall"
	echo "time on the command's own input; the ratio is of wall time"
	printf '%-44s %8s %8s %9s %10s\n' "pipeline (input $size bytes)" seconds "cpu s" MB/s ratio
	printf '%-44s %8.2f %8.2f %9s %10s\n' "cat (ceiling)" "$t_cat" "$c_cat" "$(mbs "$size" "$t_cat")" -
	printf '%-44s %8.2f %8.2f %9s %10s\n' "rv-clean alone" "$t_clean" "$c_clean" \
	    "$(mbs "$size" "$t_clean")" \
	    "$(echo "$t_cat * 100 / $t_clean" | bc -l | xargs printf '%.0f')% of cat"
	printf '%-44s %8.2f %8.2f %9s %10s\n' "rv-stem -l porter alone (cleaned text)" "$t_stem" \
	    "$c_stem" "$(mbs "$s_clean" "$t_stem")" -
	printf '%-44s %8.2f %8.2f %9s %10s\n' "rv-tokenize alone (stemmed text)" "$t_tok" "$c_tok" \
	    "$(mbs "$s_stem" "$t_tok")" -
	printf '%-44s %8.2f %8.2f %9s %10s\n' "rv-clean | rv-stem -l porter | rv-tokenize" "$t_rv" \
	    "$c_rv" "$(mbs "$size" "$t_rv")" "$(echo "scale=1; $t_py / $t_rv" | bc)x"
	printf '%-44s %8.2f %8.2f %9s %10s\n' "prep_python.py (clean + stem only)" "$t_py" "$c_py" \
	    "$(mbs "$size" "$t_py")" 1.0x
	echo "every run, wall/cpu:"
	for f in cat clean stem tok rv py; do
		printf '  %-6s %s\n' "$f" "$(prep_runs "$f")"
	done
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
