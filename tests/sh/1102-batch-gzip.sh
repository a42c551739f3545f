# gzip input, known by its contents, gives the answers of the plain text; a
# damaged gzip file fails alone, with a message and no output.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/batch.sh"
tiny_model "$T/m.rvm"
mkdir "$T/in" "$T/res"
cp "$S/reviews.ft.txt" "$T/in/plain.txt"
gzip -c "$S/reviews.ft.txt" > "$T/in/packed.gz"
gzip -c "$S/reviews.ft.txt" > "$T/in/noext"
gzip -c "$S/reviews.ft.txt" | head -c 1500 > "$T/in/cut.gz"

expect_exit 1 rv-batch -b 8k -j 2 -l "$T/log" -m "$T/m.rvm" "$T/in" "$T/res"
err_has "rv-batch: $T/in/cut.gz: damaged gzip data; no output written"
err_lines 1
same "$T/res/plain.txt.tsv" "$T/res/packed.gz.tsv"
same "$T/res/plain.txt.tsv" "$T/res/noext.tsv"
same "$T/res/plain.txt.summary" "$T/res/packed.gz.summary"
[ "$(wc -l < "$T/res/packed.gz.tsv")" -eq 41 ] || fail "packed.gz.tsv: $(wc -l < "$T/res/packed.gz.tsv") lines"
[ ! -e "$T/res/cut.gz.tsv" ] && [ ! -e "$T/res/cut.gz.summary" ] || fail "output for cut.gz"
[ -z "$(ls -A "$T/res" | grep tmp)" ] || fail "temporary files: $(ls -A "$T/res")"
# the log has one line per file, the failure too
[ "$(wc -l < "$T/log")" -eq 4 ] || fail "log: $(cat "$T/log")"
grep -q "rv-batch: $T/in/cut.gz: damaged gzip data" "$T/log" || fail "log: $(cat "$T/log")"
# the next run tries the damaged file again, and only it
expect_exit 1 rv-batch -l "$T/log" -m "$T/m.rvm" "$T/in" "$T/res"
err_lines 1
[ "$(wc -l < "$T/log")" -eq 5 ] || fail "log: $(cat "$T/log")"
