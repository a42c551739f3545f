# A damaged model is refused with its own message, before any prediction.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 30 < "$T/s.txt" > "$T/s.rvt"
rv-train -q -e 1 -b 8 --embed 8 --hidden 8 --dense 8 -v "$T/v.txt" -o "$T/m.rvm" "$T/s.rvt"
size=$(wc -c < "$T/m.rvm")

refused() {	# file, message
	expect_exit 1 rv-predict -m "$1" "$T/s.rvt"
	[ ! -s "$T/out" ] || fail "$1: predictions printed: $(head -n 2 "$T/out")"
	err_has "rv-predict: $1: $2"
	err_lines 1
	expect_exit 1 rv-predict -e -m "$1" "$T/s.rvt"
	[ ! -s "$T/out" ] || fail "$1: a report printed"
}

# one flipped byte in the middle
cp "$T/m.rvm" "$T/flip.rvm"
printf '\377' | dd of="$T/flip.rvm" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
cmp -s "$T/m.rvm" "$T/flip.rvm" && fail "flipping did not change the file"
refused "$T/flip.rvm" "checksum mismatch (the file is damaged)"

# truncated
head -c $((size - 100)) "$T/m.rvm" > "$T/trunc.rvm"
refused "$T/trunc.rvm" "truncated model ($((size - 100)) bytes, the header says $size)"
head -c 10 "$T/m.rvm" > "$T/short.rvm"
refused "$T/short.rvm" "truncated model (10 bytes)"

# a newer version: the u32 at offset 8 patched to 2
cp "$T/m.rvm" "$T/new.rvm"
printf '\002\000\000\000' | dd of="$T/new.rvm" bs=1 seek=8 conv=notrunc 2>/dev/null
refused "$T/new.rvm" "version 2 is newer than this program reads (1)"

# not a model at all
refused "$T/v.txt" "not a model (wrong magic)"
refused "$T/s.rvt" "not a model (wrong magic)"
expect_exit 1 rv-predict -m "$T/none.rvm" "$T/s.rvt"
err_has "rv-predict: $T/none.rvm: No such file or directory"

# the good model still works
expect_exit 0 rv-predict -m "$T/m.rvm" "$T/s.rvt"
[ "$(wc -l < "$T/out")" -eq "$(wc -l < "$T/s.txt")" ] || fail "good model"
