# bench-train.sh: rv-train and rv-predict against the PyTorch peer
# (bilstm_torch.py), side by side, on the reference notebook's sizes.
# Sourced by bench.sh, which provides $top $bin $tmp $data $peers $py and the
# helpers secs, peak_kb.  Defines bench_train, bench_compute and bench_predict.

# The seed tensors: the notebook's preparation (Porter stemmer, stop words
# dropped, 1000 entries counting the two reserved ids, length 100).
seed_prep() {
	[ -f "$tmp/seed/train.rvt" ] && return 0
	mkdir -p "$tmp/seed"
	for s in train valid test; do
		rv-clean "$data/$s.ft.txt" | rv-stem -l porter > "$tmp/seed/$s.txt"
	done
	rv-vocab -n 998 "$tmp/seed/train.txt" > "$tmp/seed/vocab.txt"
	for s in train valid test; do
		rv-tokenize -n 100 -v "$tmp/seed/vocab.txt" "$tmp/seed/$s.txt" > "$tmp/seed/$s.rvt"
	done
	rv-tokenize -d "$tmp/seed/train.rvt" | awk -F '\t' 'NR > 1 { print $2 }' > "$tmp/seed/lengths"
}

# json_field FILE PHASE KEY: a number from the peer's JSON lines
json_field() {
	"$py" -c 'import json,sys
for l in open(sys.argv[1]):
    try: o = json.loads(l)
    except ValueError: continue
    if o.get("phase") == sys.argv[2]: v = o[sys.argv[3]]
print(v)' "$1" "$2" "$3"
}

bench_train() {
	echo "== training: rv-train --arch seed vs bilstm_torch.py (PyTorch), 2 threads, one epoch of split/train.ft.txt"
	seed_prep
	ntrain=$(wc -l < "$tmp/seed/train.txt")
	avglen=$(awk '{ s += $1 } END { printf "%.1f", s / NR }' "$tmp/seed/lengths")
	printf '%-8s %14s %14s %14s %10s\n' batch "rv s/epoch" "torch s/epoch" "rv reviews/s" ratio
	for b in 64 512; do
		rm -f "$tmp/seed/log.tsv" "$tmp/seed/m.rvm" "$tmp/seed/m.rvm.ckpt"
		rv-train -q --arch seed -b "$b" -e 1 -t 2 --valid-fraction 0 -v "$tmp/seed/vocab.txt" \
		    --log "$tmp/seed/log.tsv" -o "$tmp/seed/m.rvm" "$tmp/seed/train.rvt"
		rv_s=$(awk -F '\t' 'NR == 2 { print $6 }' "$tmp/seed/log.tsv")
		"$py" "$peers/bilstm_torch.py" "$data/train.ft.txt" "$data/test.ft.txt" \
		    --epochs 1 --batch "$b" --threads 2 > "$tmp/seed/torch-$b.json" 2> "$tmp/seed/torch.err"
		pt_s=$(json_field "$tmp/seed/torch-$b.json" epoch train_seconds)
		printf '%-8s %14.2f %14.2f %14.1f %9.1fx\n' "$b" "$rv_s" "$pt_s" \
		    "$(echo "$ntrain / $rv_s" | bc -l)" "$(echo "$pt_s / $rv_s" | bc -l)"
	done
	echo "(both train on the same $ntrain reviews; rv runs each review's real length"
	echo " (mean $avglen of 100 steps), the peer runs all 100 pre-padded steps;"
	echo " rv's seconds include writing its checkpoint)"
	echo
}

bench_compute() {
	echo "== compute: the network alone (nnbench, seed sizes, 2 threads) against the machine's sgemm ceiling"
	seed_prep
	[ -x "$build/bench/nnbench" ] || make -C "$top" -s B="$build" "$build/bench/nnbench"
	cc -O2 "$shared/bench/sgemm_peak.c" -o "$tmp/sgemm_peak" -lopenblas
	peak_in=$(OPENBLAS_NUM_THREADS=2 "$tmp/sgemm_peak" 6400 512 300 20 | sed 's/.*: //; s/ GFLOP.*//')
	peak_rec=$(OPENBLAS_NUM_THREADS=2 "$tmp/sgemm_peak" 64 512 128 2000 | sed 's/.*: //; s/ GFLOP.*//')
	echo "sgemm peak, input projection (M=6400 N=512 K=300): $peak_in GFLOP/s"
	echo "sgemm peak, recurrent step (M=64 N=512 K=128):     $peak_rec GFLOP/s"
	for b in 64 512; do
		for mode in real full; do
			if [ $mode = full ]; then f=-f; else f="-l $tmp/seed/lengths"; fi
			# shellcheck disable=SC2086
			line=$("$build/bench/nnbench" $f -b "$b" -E 300 -H 128 -L 2 -T 100 -V 1000 -p 0 -t 2 -n 4096 | grep '^train')
			g=$(echo "$line" | sed 's/.* \([0-9.]*\) GFLOP\/s.*/\1/')
			printf 'B=%-4s %-5s lengths: %s GFLOP/s = %s%% of the input-projection peak\n' "$b" "$mode" "$g" \
			    "$(echo "scale=0; 100 * $g / $peak_in" | bc)"
		done
	done
	echo
}

bench_predict() {
	echo "== prediction: rv-predict vs the peer's predict_reviews_per_s (seed sizes, 2 threads)"
	seed_prep
	[ -f "$tmp/seed/m.rvm" ] || rv-train -q --arch seed -e 1 -t 2 --valid-fraction 0 -v "$tmp/seed/vocab.txt" \
	    -o "$tmp/seed/m.rvm" "$tmp/seed/train.rvt"
	# the peer's prediction speed is measured on the whole test set after its
	# epoch; training on the first 2000 reviews is enough to get it
	[ -f "$tmp/seed/torch-64.json" ] || "$py" "$peers/bilstm_torch.py" "$data/train.ft.txt" \
	    "$data/test.ft.txt" --epochs 1 --batch 64 --threads 2 --limit 2000 \
	    > "$tmp/seed/torch-64.json" 2> /dev/null
	ntest=$(wc -l < "$tmp/seed/test.txt")
	# the test set 8 times over, so the timing is not dominated by loading the model
	for i in 1 2 3 4 5 6 7 8; do cat "$tmp/seed/test.rvt"; done > "$tmp/seed/test8.rvt"
	t=$(secs sh -c 'rv-predict -t 2 -m "$1" "$2" > /dev/null' sh "$tmp/seed/m.rvm" "$tmp/seed/test8.rvt")
	rv_rps=$(echo "8 * $ntest / $t" | bc -l)
	pt_rps=$(json_field "$tmp/seed/torch-64.json" epoch predict_reviews_per_s)
	printf '%-34s %12s\n' "" "reviews/s"
	printf '%-34s %12.0f\n' "rv-predict (model load included)" "$rv_rps"
	printf '%-34s %12.0f\n' "bilstm_torch.py (batches of 512)" "$pt_rps"
	printf '%-34s %11.1fx\n' "ratio" "$(echo "$rv_rps / $pt_rps" | bc -l)"
	echo "rv-predict peak memory: $(peak_kb rv-predict -t 2 -m "$tmp/seed/m.rvm" "$tmp/seed/test8.rvt") KiB (seed model)"
	if [ -f "$top/build/exp/default/model.rvm" ]; then
		echo "rv-predict peak memory: $(peak_kb rv-predict -m "$top/build/exp/default/model.rvm" \
		    "$top/build/exp/default/tensors/test.rvt") KiB (default model, build/exp/default)"
	fi
	echo
}
