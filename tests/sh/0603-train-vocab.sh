# Tensors made with another vocabulary are refused, naming both checksums.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-vocab -n 10 < "$T/s.txt" > "$T/v10.txt"
rv-tokenize -v "$T/v.txt" -n 30 < "$T/s.txt" > "$T/s.rvt"
rv-tokenize -v "$T/v10.txt" -n 30 < "$T/s.txt" > "$T/s10.rvt"
sum=$(rv-tokenize -d < "$T/s.rvt" | sed -n '1s/.* sum \([0-9a-f]*\) .*/\1/p')
sum10=$(rv-tokenize -d < "$T/s10.rvt" | sed -n '1s/.* sum \([0-9a-f]*\) .*/\1/p')
[ -n "$sum" ] && [ "$sum" != "$sum10" ] || fail "checksums '$sum' '$sum10'"

expect_exit 1 rv-train -q -e 1 -v "$T/v.txt" -o "$T/m.rvm" "$T/s10.rvt"
err_has "rv-train: $T/s10.rvt: made with vocabulary checksum $sum10, $T/v.txt has $sum"
err_lines 1
[ ! -e "$T/m.rvm" ] && [ ! -e "$T/m.rvm.ckpt" ] || fail "a model was written"

# the validation set too
expect_exit 1 rv-train -q -e 1 -v "$T/v.txt" -V "$T/s10.rvt" -o "$T/m.rvm" "$T/s.rvt"
err_has "rv-train: $T/s10.rvt: made with vocabulary checksum $sum10, $T/v.txt has $sum"

# and a validation set of another length
rv-tokenize -v "$T/v.txt" -n 20 < "$T/s.txt" > "$T/s20.rvt"
expect_exit 1 rv-train -q -e 1 -v "$T/v.txt" -V "$T/s20.rvt" -o "$T/m.rvm" "$T/s.rvt"
err_has "rv-train: $T/s20.rvt: sequence length 20 differs from the training data's (30)"

# unlabelled records cannot be trained on
sed 's/^__label__[^ ]* //' "$T/s.txt" | rv-tokenize -v "$T/v.txt" -n 30 > "$T/nolabel.rvt"
expect_exit 1 rv-train -q -e 1 -v "$T/v.txt" -o "$T/m.rvm" "$T/nolabel.rvt"
err_has "rv-train: $T/nolabel.rvt: record 1 has no label"
