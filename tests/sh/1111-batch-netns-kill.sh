# A remote host that dies in the middle of a run: its blocks are retried on
# the other host and the output is still exact; when no host is left the run
# fails with a message and leaves no output that looks complete.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/batch.sh"
netns_up
tiny_model "$T/m.rvm"
mkdir "$T/in" "$T/one" "$T/two" "$T/three" "$T/tmp"
# 41 reviews 8 times: about 12 blocks of 8k
for i in $(seq 8); do cat "$S/reviews.ft.txt"; done > "$T/in/a.txt"
rv-batch -b 8k -j 1 -l "$T/log1" -m "$T/m.rvm" "$T/in" "$T/one"

# kill_when_busy NS: once a job runs in NS (parallel's remote worker, its
# job script or rv-batch's block script: the block script alone lives too
# briefly to be seen reliably), kill every process there, sshd and the
# sessions with their jobs
kill_when_busy() {
	i=0
	until for p in $(ip netns pids "$1"); do
		tr '\0' ' ' 2> /dev/null < "/proc/$p/cmdline"; echo
	    done | grep -Eq 'GNU_Parallel_worker|par-job-|rv-batch-.*\.sh'; do
		i=$((i + 1))
		[ $i -lt 3000 ] || fail "no block ever ran in $1"
		sleep 0.01
	done
	ip netns pids "$1" | xargs kill -9 2> /dev/null || true
}

TMPDIR=$T/tmp rv-batch -b 8k -j 1 -S "$H1,$H2" -l "$T/log" -m "$T/m.rvm" "$T/in" "$T/two" \
    > "$T/out" 2> "$T/err" &
pid=$!
kill_when_busy "$NS2"
rc=0
wait $pid || rc=$?
[ $rc -eq 0 ] || fail "rv-batch exit $rc: $(cat "$T/err")"
same "$T/one/a.txt.tsv" "$T/two/a.txt.tsv"
same "$T/one/a.txt.summary" "$T/two/a.txt.summary"
grep -q "a.txt: 328 reviews: " "$T/log" || fail "log: $(cat "$T/log")"
[ -z "$(ls -A "$T/tmp")" ] || fail "temporary files left: $(ls -A "$T/tmp")"

# now the only host dies: a clear error, and no output file
TMPDIR=$T/tmp rv-batch -b 8k -j 1 -S "$H1" -l "$T/log3" -m "$T/m.rvm" "$T/in" "$T/three" \
    > "$T/out" 2> "$T/err" &
pid=$!
kill_when_busy "$NS1"
rc=0
wait $pid || rc=$?
[ $rc -eq 1 ] || fail "rv-batch exit $rc, wanted 1: $(cat "$T/err")"
err_has "rv-batch: $T/in/a.txt: failed"
grep -q "rv-batch: $T/in/a.txt: failed" "$T/log3" || fail "log: $(cat "$T/log3")"
[ "$(ls -A "$T/three")" = .lock ] || fail "output left: $(ls -A "$T/three")"
[ -z "$(ls -A "$T/tmp")" ] || fail "temporary files left: $(ls -A "$T/tmp")"
