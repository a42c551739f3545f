#!/bin/sh
# Models are written stored (zlib level 0) and rv-classify reads them in
# place (model_open): the same answers as from a compressed file (a
# checkpoint) and as the four programs; damage anywhere is still refused,
# also where rv-classify reads nothing; a stream that is not stored blocks
# only is inflated as before.  rv-model shows the layout and -o rewrites.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 40 < "$T/s.txt" > "$T/s.rvt"
rv-train -q -e 3 -b 8 --embed 64 --hidden 8 --dense 8 -t 1 --checkpoint "$T/ck.rvm" \
    -v "$T/v.txt" -o "$T/m.rvm" "$T/s.rvt"
M=$T/m.rvm
size=$(wc -c < "$M")

# rv-model: the layouts and the configuration
expect_exit 0 rv-model "$M"
out_has "layout stored"
out_has "flags 0"
out_has "E 64"
v=$(rv-tokenize -d -m "$M" "$T/s.rvt" | sed -n '1s/.* vocab \([0-9]*\) .*/\1/p')
grep -qx "V $v" "$T/out" || fail "V is not $v: $(cat "$T/out")"
grep -qx "vocabulary $v sum [0-9a-f]*" "$T/out" || fail "vocabulary is not $v: $(cat "$T/out")"
expect_exit 0 rv-model "$T/ck.rvm"
out_has "layout compressed"
out_has "flags 1 checkpoint"

# the same answers from the stored model, the compressed checkpoint (whose
# first block is the same parameters) and the four programs
sed 's/^__label__[^ ]* //' "$S/reviews.ft.txt" > "$T/raw"
printf 'zyxw unknown words only\n\n' >> "$T/raw"
rv-clean -m "$M" "$T/raw" | rv-stem -m "$M" | rv-tokenize -m "$M" | rv-predict -p -t 1 -m "$M" > "$T/want"
expect_exit 0 rv-classify -m "$M" "$T/raw"
same "$T/out" "$T/want"
expect_exit 0 rv-classify -m "$T/ck.rvm" "$T/raw"
same "$T/out" "$T/want"
for b in 1 3; do
	expect_exit 0 rv-classify -b $b -m "$M" "$T/raw"
	cut -f 1 "$T/out" > "$T/l1"
	cut -f 1 "$T/want" > "$T/l2"
	same "$T/l1" "$T/l2"
done

# -o writes the same bytes again, and a stored copy of the checkpoint's kind
expect_exit 0 rv-model -o "$T/again.rvm" "$M"
cmp -s "$M" "$T/again.rvm" || fail "rv-model -o changed a stored model"
expect_exit 0 rv-model -o "$T/ck2.rvm" "$T/ck.rvm"
expect_exit 0 rv-model "$T/ck2.rvm"
out_has "flags 1 checkpoint"

# refused: rv-classify and rv-predict, one line, nothing on stdout
refused() {	# FILE MESSAGE
	expect_exit 1 rv-classify -m "$1" "$T/raw"
	[ ! -s "$T/out" ] || fail "$1: printed $(head -c 200 "$T/out")"
	err_has "rv-classify: $1: $2"
	err_lines 1
	expect_exit 1 rv-predict -m "$1" "$T/s.rvt"
	err_has "rv-predict: $1: $2"
	expect_exit 1 rv-model "$1"
	err_has "rv-model: $1: $2"
}
# patch FILE POS BYTE: write one byte (octal) at POS
patch() {
	printf "\\$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2> /dev/null
}
# fixcrc FILE: the frame's CRC-32 made right again (gzip's trailer is the
# same CRC-32, little-endian as the model's)
fixcrc() {
	n=$(wc -c < "$1")
	head -c $((n - 4)) "$1" > "$1.tmp"
	head -c $((n - 4)) "$1" | gzip -c | tail -c 8 | head -c 4 >> "$1.tmp"
	mv "$1.tmp" "$1"
}
# a flipped byte in the last embedding rows, which no review here reads
cp "$M" "$T/flip.rvm"
patch "$T/flip.rvm" $((size - 200)) 377
cmp -s "$M" "$T/flip.rvm" && fail "the flip changed nothing"
refused "$T/flip.rvm" "checksum mismatch (the file is damaged)"
head -c $((size - 1000)) "$M" > "$T/cut.rvm"
refused "$T/cut.rvm" "truncated model"
head -c 40 "$M" > "$T/cut.rvm"
refused "$T/cut.rvm" "truncated model"

# the first stored block's header byte (after the 32 bytes of the frame and
# 2 of zlib) with its final bit flipped, or another block type: no longer
# stored blocks to the end, so inflated, which finds the payload damaged
h=$(od -An -tu1 -j 34 -N 1 "$M" | tr -d ' ')
[ "$h" -eq 0 ] || fail "byte 34 is $h, not the header of a stored block that is not the last"
for b in 001 002 004; do
	cp "$M" "$T/hdr.rvm"
	patch "$T/hdr.rvm" 34 $b
	fixcrc "$T/hdr.rvm"
	refused "$T/hdr.rvm" "inconsistent model"
done
# LEN and NLEN that do not agree
cp "$M" "$T/len.rvm"
patch "$T/len.rvm" 35 000
fixcrc "$T/len.rvm"
refused "$T/len.rvm" "inconsistent model"
# with the checksum made right the original still works: fixcrc is right
cp "$M" "$T/same.rvm"
fixcrc "$T/same.rvm"
cmp -s "$M" "$T/same.rvm" || fail "fixcrc changes a good model"

# usage
expect_exit 2 rv-model
err_has "usage: rv-model [-o output] model"
expect_exit 2 rv-model -x "$M"
err_has "usage: rv-model"
expect_exit 1 rv-model "$T/none.rvm"
err_has "rv-model: $T/none.rvm: No such file or directory"
if [ -w /dev/full ]; then
	expect_exit 1 sh -c 'rv-model "$1" > /dev/full' sh "$M"
	err_has "rv-model: <stdout>: No space left on device"
fi
exit 0
