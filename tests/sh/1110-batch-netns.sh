# Across two ssh hosts (network namespaces here) the output is byte for byte
# that of one local worker, and both hosts did work.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/batch.sh"
netns_up
tiny_model "$T/m.rvm"
mkdir "$T/in" "$T/one" "$T/two"
# 41 reviews 10 times (about 15 blocks of 8k), and a gzip file
for i in $(seq 10); do cat "$S/reviews.ft.txt"; done > "$T/in/a.txt"
gzip -c "$S/reviews.ft.txt" > "$T/in/b.gz"

expect_exit 0 rv-batch -b 8k -j 1 -m "$T/m.rvm" "$T/in" "$T/one"
expect_exit 0 rv-batch -b 8k -j 1 -S "$H1,$H2" -l "$T/log" -m "$T/m.rvm" "$T/in" "$T/two"
# (a remote login shell may print its own noise; no message of ours)
! grep -q '^rv-batch:\|^parallel:\|^rv-' "$T/err" || fail "stderr: $(cat "$T/err")"
for f in a.txt.tsv a.txt.summary b.gz.tsv b.gz.summary; do
	same "$T/one/$f" "$T/two/$f"
done
[ "$(wc -l < "$T/two/a.txt.tsv")" -eq 410 ] || fail "a.txt.tsv has $(wc -l < "$T/two/a.txt.tsv") lines"
# both hosts did work: the log counts each host's blocks from parallel's --joblog
grep -q "rv-batch: $T/in/a.txt: 410 reviews: .*blocks (.*$H1 [1-9]" "$T/log" || fail "log: $(cat "$T/log")"
grep -q "rv-batch: $T/in/a.txt: 410 reviews: .*blocks (.*$H2 [1-9]" "$T/log" || fail "log: $(cat "$T/log")"
grep -q "rv-batch: $T/in/b.gz: 41 reviews: " "$T/log" || fail "log: $(cat "$T/log")"
[ "$(wc -l < "$T/log")" -eq 2 ] || fail "log: $(cat "$T/log")"
# the blocks cleaned up after themselves on the hosts
[ -z "$(ls -A "$T/remote-tmp")" ] || fail "left on the hosts: $(ls -A "$T/remote-tmp")"
# the shipped model and script were removed from the hosts (--cleanup)
ls ~ | grep '^rv-batch-' | grep -vxFf "$T/home.before" > "$T/left" || true
[ ! -s "$T/left" ] || fail "left in $HOME: $(cat "$T/left")"
exit 0
