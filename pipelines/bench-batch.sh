# bench-batch.sh: rv-batch's throughput on 400,000 reviews with one and two
# local workers and across two ssh hosts (network namespaces on this
# machine, as in tests/sh/1110-batch-netns.sh), and rv-predict's peak memory
# at 10,000 and 400,000 reviews (BENCH_BATCH_REVIEWS sets the larger number).
# Sourced by bench.sh, which gives $tmp, $data, $top, $bin, secs and peak_kb;
# defines bench_batch.
# The model is $RV_MODEL, or a small one trained here on the split's
# training file (--embed 32 --hidden 32, one epoch).  Everything runs niced.

bench_batch() (
	reviews=${BENCH_BATCH_REVIEWS:-400000}
	w=$tmp/batch
	mkdir -p "$w/in"
	echo "== batch: rv-batch on $reviews reviews (the split's files repeated), default blocks (1M)"
	model=${RV_MODEL:-}
	if [ -z "$model" ]; then
		model=$w/model.rvm
		nice rv-clean "$data/train.ft.txt" | nice rv-stem > "$w/train.txt"
		nice rv-vocab -n 20000 < "$w/train.txt" > "$w/vocab.txt"
		nice rv-tokenize -v "$w/vocab.txt" < "$w/train.txt" > "$w/train.rvt"
		nice rv-train -q -e 1 --embed 32 --hidden 32 -v "$w/vocab.txt" -o "$model" "$w/train.rvt"
		rm -f "$w/train.txt" "$w/train.rvt" "$model.ckpt"
		echo "(model: trained here, $(wc -c < "$model") bytes; set RV_MODEL to use another)"
	else
		echo "(model: $model)"
	fi
	per=$(cat "$data/train.ft.txt" "$data/valid.ft.txt" "$data/test.ft.txt" | wc -l)
	for i in $(seq $(((reviews + per - 1) / per))); do
		cat "$data/train.ft.txt" "$data/valid.ft.txt" "$data/test.ft.txt"
	done | head -n "$reviews" > "$w/in/reviews.txt"
	echo "(input: $(wc -c < "$w/in/reviews.txt") bytes; $(nproc) processors, load $(cut -d' ' -f1 /proc/loadavg) at the start)"

	# run NAME OPTION...: time one rv-batch run into $w/NAME
	run() {
		name=$1
		shift
		mkdir "$w/$name"
		s=$(secs nice rv-batch "$@" -l "$w/$name.log" -m "$model" "$w/in" "$w/$name") ||
		    { printf '%-34s failed: %s\n' "$label" "$(tail -n 1 "$w/$name.log")"; return 0; }
		blocks=$(sed -n 's/.*; \([0-9]*\) blocks* (\(.*\)); [0-9]* s$/\1 (\2)/p' "$w/$name.log")
		same=no
		if [ "$name" = one ] || cmp -s "$w/one/reviews.txt.tsv" "$w/$name/reviews.txt.tsv"; then
			same=yes
		fi
		printf '%-34s %8.1f %10.0f  %-4s %s\n' "$label" "$s" "$(echo "$reviews / $s" | bc -l)" \
		    "$same" "$blocks"
	}
	printf '%-34s %8s %10s  %-4s %s\n' setup seconds reviews/s same "blocks per host"
	label="1 local worker (-j 1)" run one -j 1
	label="2 local workers (-j 2)" run two -j 2
	# two ssh hosts, one job each, in a subshell that tears them down
	(
		T=$w/netns
		mkdir -p "$T"
		RV_BIN=$bin S=$top/samples
		fail() { echo "netns: $*" >&2; exit 1; }
		skip() { printf '%-34s %s\n' "2 ssh hosts (-S h1,h2 -j 1)" "skipped: $*"; exit 77; }
		. "$top/tests/batch.sh"
		NETNS_NICE=10 netns_up
		label="2 ssh hosts (-S h1,h2 -j 1)" run hosts -j 1 -S "$H1,$H2"
	) || true
	echo "(same: the .tsv is byte-identical to the one of 1 local worker)"
	echo

	echo "rv-predict's peak resident memory (KiB), streaming: must not grow with input"
	head -n 10000 "$w/in/reviews.txt" > "$w/10k.txt"
	for f in 10k in/reviews; do
		nice rv-clean -m "$model" "$w/$f.txt" | nice rv-stem -m "$model" |
		    nice rv-tokenize -z -m "$model" > "$w/${f#in/}.rvt.gz"
	done
	printf '%-14s %12s %12s\n' program 10000 "$reviews"
	printf '%-14s %12s %12s\n' rv-predict "$(peak_kb nice rv-predict -m "$model" "$w/10k.rvt.gz")" \
	    "$(peak_kb nice rv-predict -m "$model" "$w/reviews.rvt.gz")"
	echo
	rm -rf "$w"
)
