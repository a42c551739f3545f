#!/bin/sh
# rv-batch: classify every new file of a spool directory with a model, on
# local cores or remote hosts through GNU parallel; safe to run from cron.
#
# Each input is cut into blocks of lines by parallel --pipe (the same cut
# for any number of workers or hosts), each block runs through
# rv-clean | rv-stem | rv-tokenize | rv-predict in a small shipped script,
# parallel -k joins the answers in order, and only then are lines numbered.
set -u
prog=rv-batch

usage() {
	echo "usage: rv-batch [-b size] [-j jobs] [-l logfile] [-S host,...] -m model indir outdir" >&2
	exit 2
}
warn() { echo "$prog: $*" >&2; }
die() { warn "$*"; exit 1; }

bsize=1M jobs= logfile= hosts= model=
while getopts :b:j:l:m:S: ch; do
	case $ch in
	b) bsize=$OPTARG ;;
	j) jobs=$OPTARG ;;
	l) logfile=$OPTARG ;;
	m) model=$OPTARG ;;
	S) hosts=$OPTARG ;;
	:) warn "-$OPTARG: needs an argument"; usage ;;
	*) [ "$OPTARG" = h ] || warn "-$OPTARG: unknown option"; usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] && [ -n "$model" ] || usage
indir=$1 outdir=$2

digits=${bsize%[kKmM]}
case $bsize in
'' | *[!0-9kKmM]* | [!1-9]* | *[kKmM]?*)
	warn "-b: '$bsize' is not a size (digits, then k, K, m or M)"; exit 2 ;;
esac
n=0
if [ ${#digits} -le 10 ]; then
	case $bsize in
	*k) n=$((digits * 1000)) ;;
	*K) n=$((digits * 1024)) ;;
	*m) n=$((digits * 1000000)) ;;
	*M) n=$((digits * 1048576)) ;;
	*) n=$digits ;;
	esac
fi
if [ "$n" -lt 1000 ] || [ "$n" -gt 1073741824 ]; then
	warn "-b: '$bsize' is out of range (1k..1024M)"; exit 2
fi
if [ -n "$jobs" ]; then
	case $jobs in
	*[!0-9]* | "" | 0*) ok=0 ;;
	*) ok=1; [ ${#jobs} -le 4 ] && [ "$jobs" -le 1024 ] || ok=0 ;;
	esac
	[ $ok -eq 1 ] || { warn "-j: '$jobs' is not a whole number in 1..1024"; exit 2; }
fi

# one line per file (and per refusal) to the log, or to stderr without -l
log() {
	line="$(date '+%Y-%m-%dT%H:%M:%S') $prog: $*"
	if [ -n "$logfile" ]; then
		printf '%s\n' "$line" 2> /dev/null >> "$logfile" ||
		    warn "$logfile: cannot append: $line"
	else
		printf '%s\n' "$line" >&2
	fi
}
# a failure goes to the log and, with -l, to stderr too (cron mails it)
fail_log() {
	log "$*"
	[ -z "$logfile" ] || warn "$*"
}

[ -d "$indir" ] || die "$indir: not a directory"
[ -d "$outdir" ] || die "$outdir: not a directory"
[ "$(cd "$indir" && pwd -P)" = "$(cd "$outdir" && pwd -P)" ] &&
    die "$outdir: the same directory as $indir"
[ -f "$model" ] && [ -r "$model" ] || die "$model: no such readable file"
if [ -n "$logfile" ]; then
	true 2> /dev/null >> "$logfile" || die "$logfile: cannot append"
fi
for c in parallel flock gzip rv-clean rv-stem rv-tokenize rv-predict; do
	command -v "$c" > /dev/null 2>&1 || die "$c: not found on PATH"
done

# One run at a time per output directory: a second one (an overlapping cron
# run) says so in the log and exits 0; the running one does the new files.
true 2> /dev/null >> "$outdir/.lock" || die "$outdir/.lock: cannot open"
exec 9>> "$outdir/.lock"
if ! flock -n 9; then
	log "$outdir/.lock: another run holds the lock; nothing done"
	exit 0
fi

stage=$(mktemp -d "${TMPDIR:-/tmp}/rv-batch.XXXXXXXXXX") || die "cannot make a temporary directory"
tmp= stmp= pid=
cleanup() {
	# parallel stops its jobs at the second TERM
	[ -z "$pid" ] || { kill "$pid"; sleep 1; kill "$pid"; } 2> /dev/null
	rm -f "$tmp" "$stmp"
	rm -rf "$stage"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# the model and the block script, under names unique to this run, in the
# working directory of local jobs (and, through --basefile, remote ones)
id=${stage##*.}
mname=rv-batch-$id.rvm
sname=rv-batch-$id.sh
cp "$model" "$stage/$mname" || die "$model: cannot copy"
cat > "$stage/$sname" << 'EOF' || die "$stage: cannot write"
# rv-batch block: text lines in, one "label<TAB>probability" line each out
m=$1
for c in rv-clean rv-stem rv-tokenize rv-predict; do
	command -v $c > /dev/null 2>&1 ||
	    { echo "rv-batch: $(hostname): $c: not found on PATH" >&2; exit 1; }
done
d=$(mktemp -d "${TMPDIR:-/tmp}/rv-block.XXXXXXXXXX") || exit 1
trap 'rm -rf "$d"' EXIT
trap 'exit 1' HUP INT TERM
cat > "$d/in" || exit 1
# rv-predict reads a file, not a pipe, so that its batches never depend on
# timing: the probabilities are the same bytes on every run
rv-clean -m "$m" "$d/in" | rv-stem -m "$m" | rv-tokenize -m "$m" > "$d/t" &&
    rv-predict -t 1 -m "$m" "$d/t" > "$d/out" || exit 1
a=$(sed -n '$=' "$d/in") b=$(sed -n '$=' "$d/out")
[ "${a:-0}" -eq "${b:-0}" ] ||
    { echo "rv-batch: $(hostname): a block of ${a:-0} lines gave ${b:-0} answers" >&2; exit 1; }
cat "$d/out"
EOF

# the model is checked whole, by the programs that will use it, first
: > "$stage/empty"
{ rv-clean -m "$model" "$stage/empty" && rv-stem -m "$model" "$stage/empty" &&
    rv-tokenize -m "$model" "$stage/empty" > "$stage/empty.rvt" &&
    rv-predict -m "$model" "$stage/empty.rvt"; } > /dev/null ||
	die "$model: not a usable model"
classes=$(rv-tokenize -d -m "$model" "$stage/empty.rvt" | sed -n '1s/.* classes //p')
[ -n "$classes" ] || die "$model: no class names"

set -- --plain --pipe -k --block "$bsize" --halt now,fail=1 --joblog "$stage/joblog"
[ -z "$jobs" ] || set -- "$@" -j "$jobs"
if [ -n "$hosts" ]; then
	set -- "$@" -S "$hosts" --basefile "$mname" --basefile "$sname" --cleanup --retries 3
fi

# A stale temporary file is from a run that was killed: no run holds it now.
for f in "$outdir"/.*.tsv.tmp "$outdir"/.*.summary.tmp; do
	[ -f "$f" ] && rm -f "$f"
done

# classify FILE NAME: write outdir/NAME.summary, then outdir/NAME.tsv last
classify() {
	f=$1 name=$2
	shift 2
	tmp=$outdir/.$name.tsv.tmp
	stmp=$outdir/.$name.summary.tmp
	t0=$(date +%s)
	if [ "$(head -c 2 "$f" | od -An -tx1 | tr -d ' ')" = 1f8b ]; then
		gzip -t "$f" 2> /dev/null ||
		    { fail_log "$f: damaged gzip data; no output written"; return 1; }
	fi
	lines=$(gzip -dcf < "$f" | sed -n '$=')
	lines=${lines:-0}
	: > "$stage/joblog"
	gzip -dcf < "$f" 9>&- | (cd "$stage" && exec parallel "$@" sh "$sname" "$mname") \
	    > "$stage/out" 9>&- &
	pid=$!
	wait "$pid"
	st=$?
	pid=
	if [ $st -ne 0 ]; then
		fail_log "$f: failed (parallel exit $st); no output written"
		return 1
	fi
	got=$(sed -n '$=' "$stage/out")
	if [ "${got:-0}" -ne "$lines" ]; then
		fail_log "$f: $lines lines gave ${got:-0} answers; no output written"
		return 1
	fi
	if ! awk 'BEGIN { OFS = "\t" } { print NR, $0 }' "$stage/out" > "$tmp"; then
		fail_log "$tmp: write error; no output written"
		rm -f "$tmp"
		return 1
	fi
	if ! awk -F '\t' -v classes="$classes" '
	    { n[$1]++ }
	    END {
		print "label\tcount\tshare"
		k = split(classes, c, " ")
		for (i = 1; i <= k; i++) {
			printf "%s\t%d\t%.4f\n", c[i], n[c[i]], NR ? n[c[i]] / NR : 0
		}
	    }' "$stage/out" > "$stmp"; then
		fail_log "$stmp: write error; no output written"
		rm -f "$tmp" "$stmp"
		return 1
	fi
	mv -f "$stmp" "$outdir/$name.summary" && mv -f "$tmp" "$outdir/$name.tsv" ||
	    { fail_log "$outdir/$name.tsv: cannot rename"; rm -f "$tmp" "$stmp"; return 1; }
	tmp= stmp=
	counts=$(awk -F '\t' 'NR > 1 { printf "%s%s %s", sep, $1, $2; sep = ", " }' \
	    "$outdir/$name.summary")
	where=$(awk -F '\t' 'NR > 1 && $7 == 0 { n[$2]++; t++ }
	    END {
		for (h in n) { s = s sep (h == ":" ? "local" : h) " " n[h]; sep = ", " }
		printf "%d block%s", t, t == 1 ? "" : "s"
		if (t)
			printf " (%s)", s
	    }' "$stage/joblog")
	log "$f: $lines reviews: $counts; $where; $(($(date +%s) - t0)) s"
}

rc=0
for f in "$indir"/*; do
	[ -f "$f" ] || continue
	name=${f##*/}
	# done: the output exists and is not older than the input
	if [ -f "$outdir/$name.tsv" ] &&
	    [ -z "$(find "$f" -prune -newer "$outdir/$name.tsv")" ]; then
		continue
	fi
	classify "$f" "$name" "$@" || rc=1
done
exit $rc
