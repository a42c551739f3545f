# A bad or missing model stops the run before any file: exit 1, a message
# naming it, and no output file.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/batch.sh"
tiny_model "$T/m.rvm"
mkdir "$T/in" "$T/res"
cp "$S/reviews.ft.txt" "$T/in/a.txt"

head -c 3000 "$T/m.rvm" > "$T/cut.rvm"
expect_exit 1 rv-batch -m "$T/cut.rvm" "$T/in" "$T/res"
err_has "rv-batch: $T/cut.rvm: not a usable model"
err_has "rv-clean: $T/cut.rvm: "
[ "$(ls -A "$T/res")" = .lock ] || fail "outdir: $(ls -A "$T/res")"

cp "$S/reviews.ft.txt" "$T/text.rvm"
expect_exit 1 rv-batch -m "$T/text.rvm" "$T/in" "$T/res"
err_has "rv-batch: $T/text.rvm: not a usable model"
[ "$(ls -A "$T/res")" = .lock ] || fail "outdir: $(ls -A "$T/res")"

expect_exit 1 rv-batch -m "$T/none.rvm" "$T/in" "$T/res"
err_has "rv-batch: $T/none.rvm: no such readable file"
err_lines 1
[ "$(ls -A "$T/res")" = .lock ] || fail "outdir: $(ls -A "$T/res")"
