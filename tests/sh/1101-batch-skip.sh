# Files already done are skipped; new and newer files are done; hidden files,
# directories and stale temporary files are not taken for input or output.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/batch.sh"
tiny_model "$T/m.rvm"
mkdir "$T/in" "$T/res" "$T/in/sub"
cp "$S/reviews.ft.txt" "$T/in/a.txt"
cp "$S/reviews.ft.txt" "$T/in/.hidden"
cp "$S/reviews.ft.txt" "$T/in/sub/c.txt"
# a run killed while writing left these; no run holds them
echo 1 > "$T/res/.a.txt.tsv.tmp"
echo 1 > "$T/res/.zz.summary.tmp"

expect_exit 0 rv-batch -m "$T/m.rvm" "$T/in" "$T/res"
[ ! -s "$T/out" ] || fail "stdout: $(cat "$T/out")"
err_lines 1
err_has "rv-batch: $T/in/a.txt: 41 reviews: "
[ "$(ls -A "$T/res")" = ".lock
a.txt.summary
a.txt.tsv" ] || fail "outdir: $(ls -A "$T/res")"
ls -li --full-time "$T/res" > "$T/before"

# again: nothing to do, nothing said, nothing touched
expect_exit 0 rv-batch -m "$T/m.rvm" "$T/in" "$T/res"
[ ! -s "$T/err" ] || fail "stderr: $(cat "$T/err")"
ls -li --full-time "$T/res" > "$T/after"
same "$T/before" "$T/after"

# a new file: only it is done
head -n 7 "$S/reviews.ft.txt" > "$T/in/b.txt"
expect_exit 0 rv-batch -m "$T/m.rvm" "$T/in" "$T/res"
err_lines 1
err_has "rv-batch: $T/in/b.txt: 7 reviews: "
[ "$(wc -l < "$T/res/b.txt.tsv")" -eq 7 ] || fail "b.txt.tsv: $(cat "$T/res/b.txt.tsv")"
ls -li --full-time "$T/res" | grep ' a\.txt\.' > "$T/after"
grep ' a\.txt\.' "$T/before" > "$T/before.a"
same "$T/before.a" "$T/after"

# a file that changed after it was done (here: output made older) is done again
head -n 5 "$S/reviews.ft.txt" > "$T/in/a.txt"
touch -d '2001-01-01 00:00' "$T/res/a.txt.tsv"
expect_exit 0 rv-batch -m "$T/m.rvm" "$T/in" "$T/res"
err_lines 1
err_has "rv-batch: $T/in/a.txt: 5 reviews: "
[ "$(wc -l < "$T/res/a.txt.tsv")" -eq 5 ] || fail "a.txt.tsv was not redone"
