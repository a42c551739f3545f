# Across two ssh hosts (network namespaces here) the output is byte for byte
# that of one local worker, and both hosts did work.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/batch.sh"
netns_up
tiny_model "$T/m.rvm"
mkdir "$T/in" "$T/one" "$T/two"
# 41 reviews 6 times, and a gzip file: some 40 blocks of 1k
for i in 1 2 3 4 5 6; do cat "$S/reviews.ft.txt"; done > "$T/in/a.txt"
gzip -c "$S/reviews.ft.txt" > "$T/in/b.gz"

expect_exit 0 rv-batch -b 1k -j 1 -m "$T/m.rvm" "$T/in" "$T/one"
expect_exit 0 rv-batch -b 1k -j 1 -S "$H1,$H2" -l "$T/log" -m "$T/m.rvm" "$T/in" "$T/two"
[ ! -s "$T/err" ] || fail "stderr: $(cat "$T/err")"
for f in a.txt.tsv a.txt.summary b.gz.tsv b.gz.summary; do
	same "$T/one/$f" "$T/two/$f"
done
[ "$(wc -l < "$T/two/a.txt.tsv")" -eq 246 ] || fail "a.txt.tsv has $(wc -l < "$T/two/a.txt.tsv") lines"
cat "$T/log"
