# Tensors made with another vocabulary are refused, naming both checksums;
# other sequence lengths are fine.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-vocab -n 10 < "$T/s.txt" > "$T/v10.txt"
rv-tokenize -v "$T/v.txt" -n 30 < "$T/s.txt" > "$T/s.rvt"
rv-tokenize -v "$T/v10.txt" -n 30 < "$T/s.txt" > "$T/s10.rvt"
rv-train -q -e 1 -b 8 --embed 8 --hidden 8 --dense 8 -v "$T/v.txt" -o "$T/m.rvm" "$T/s.rvt"
sum=$(rv-tokenize -d < "$T/s.rvt" | sed -n '1s/.* sum \([0-9a-f]*\) .*/\1/p')
sum10=$(rv-tokenize -d < "$T/s10.rvt" | sed -n '1s/.* sum \([0-9a-f]*\) .*/\1/p')

expect_exit 1 rv-predict -m "$T/m.rvm" "$T/s10.rvt"
err_has "rv-predict: $T/s10.rvt: vocabulary checksum $sum10 differs from the model's ($sum, $T/m.rvm)"
err_lines 1
[ ! -s "$T/out" ] || fail "predictions printed"
expect_exit 1 rv-predict -m "$T/m.rvm" < "$T/s10.rvt"
err_has "rv-predict: <stdin>: vocabulary checksum $sum10 differs"

# with several files the others are still labelled, and the exit is 1
expect_exit 1 rv-predict -m "$T/m.rvm" "$T/s.rvt" "$T/s10.rvt" "$T/missing.rvt" "$T/s.rvt"
nrec=$(wc -l < "$T/s.txt")
[ "$(wc -l < "$T/out")" -eq $((2 * nrec)) ] || fail "$(wc -l < "$T/out") lines, wanted $((2 * nrec))"
err_has "rv-predict: $T/missing.rvt: No such file or directory"
err_lines 2

# tokenized from the model, at another length, the reviews are labelled as well
rv-tokenize -m "$T/m.rvm" -n 100 < "$T/s.txt" > "$T/long.rvt"
expect_exit 0 rv-predict -m "$T/m.rvm" "$T/long.rvt"
[ "$(wc -l < "$T/out")" -eq "$nrec" ] || fail "-n 100: $(wc -l < "$T/out") lines"
