# rv-batch killed (TERM) in the middle of a file stops its jobs and leaves
# neither output nor temporary files; the next run does the file.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/batch.sh"
tiny_model "$T/m.rvm"
mkdir "$T/in" "$T/res" "$T/tmp"
# 60 copies of the samples: about 90 blocks, so the run is still going
# when the loop below sees its first block, however fast a block is
for i in $(seq 60); do cat "$S/reviews.ft.txt"; done > "$T/in/a.txt"

TMPDIR=$T/tmp rv-batch -b 8k -j 1 -m "$T/m.rvm" "$T/in" "$T/res" > "$T/out" 2> "$T/err" &
pid=$!
i=0
until ls "$T/tmp"/rv-block.* > /dev/null 2>&1; do
	i=$((i + 1))
	[ $i -lt 3000 ] || fail "no block ever started"
	sleep 0.01
done
kill -TERM $pid
rc=0
wait $pid || rc=$?
[ $rc -ne 0 ] || fail "exit 0 after TERM"
[ "$(ls -A "$T/res")" = .lock ] || fail "outdir: $(ls -A "$T/res")"
# the jobs are gone too: nothing is left in TMPDIR a moment later
i=0
until [ -z "$(ls -A "$T/tmp")" ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "left in TMPDIR: $(ls -A "$T/tmp")"
	sleep 0.1
done
expect_exit 0 rv-batch -b 8k -j 1 -m "$T/m.rvm" "$T/in" "$T/res"
[ "$(wc -l < "$T/res/a.txt.tsv")" -eq 2460 ] || fail "a.txt.tsv: $(wc -l < "$T/res/a.txt.tsv") lines"
