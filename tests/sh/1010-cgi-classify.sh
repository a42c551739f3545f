#!/bin/sh
# rv-classify is rv-clean | rv-stem | rv-tokenize | rv-predict -p in one
# process: the same bytes on the samples (and on real reviews when there
# are some); -w adds the words read (rv-tokenize -d's) and the stems
# (rv-stem's), -r the line itself; its errors.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/web-lib.sh"
web_model

# pipeline FILE: the four programs' answer
pipeline() {
	rv-clean -m "$M" "$1" | rv-stem -m "$M" | rv-tokenize -m "$M" | rv-predict -p -t 1 -m "$M"
}
# raw reviews without labels, a few odd lines, then the samples with their labels
sed 's/^__label__[^ ]* //' "$S/reviews.ft.txt" > "$T/raw"
printf '\n   \n<b>great</b> &amp; GOOD!!\nnul\000byte \377\376 bad utf-8\r\n' >> "$T/raw"
yes 'great kettle' | head -n 200 | tr '\n' ' ' >> "$T/raw"
echo >> "$T/raw"
cat "$S/reviews.ft.txt" >> "$T/raw"
n=$(wc -l < "$T/raw")
pipeline "$T/raw" > "$T/want"
[ "$(wc -l < "$T/want")" -eq "$n" ] || fail "the pipeline gave $(wc -l < "$T/want") lines for $n"
expect_exit 0 rv-classify -m "$M" "$T/raw"
same "$T/out" "$T/want"
[ ! -s "$T/err" ] || fail "stderr: $(cat "$T/err")"
# standard input, other batch sizes, a gzip file
expect_exit 0 sh -c 'rv-classify -b 1 -m "$1" < "$2"' sh "$M" "$T/raw"
awk -F'\t' '{ print $1 }' "$T/out" > "$T/l1"
awk -F'\t' '{ print $1 }' "$T/want" > "$T/l2"
same "$T/l1" "$T/l2"
gzip -c "$T/raw" > "$T/raw.gz"
expect_exit 0 rv-classify -m "$M" "$T/raw.gz"
same "$T/out" "$T/want"

# -w: a header like rv-tokenize -d's, then the words read and the stems
rv-clean -m "$M" "$T/raw" | rv-stem -m "$M" > "$T/stem"
rv-tokenize -m "$M" < "$T/stem" | rv-tokenize -d -m "$M" > "$T/dump"
expect_exit 0 rv-classify -w -m "$M" "$T/raw"
head -n 1 "$T/out" > "$T/h1"
head -n 1 "$T/dump" > "$T/h2"
same "$T/h1" "$T/h2"
sed 1d "$T/out" | cut -f 1-3 > "$T/got"
same "$T/got" "$T/want"
sed 1d "$T/out" | cut -f 4 > "$T/got"
sed 1d "$T/dump" | cut -f 3 > "$T/want4"
same "$T/got" "$T/want4"
sed 1d "$T/out" | cut -f 5 > "$T/got"
sed 's/^__label__[^ ]* *//' "$T/stem" > "$T/want5"
same "$T/got" "$T/want5"
# -r: then the line as it was read, tabs and all
printf 'a\ttabbed\tline\n' >> "$T/raw"
expect_exit 0 rv-classify -r -w -m "$M" "$T/raw"
sed 1d "$T/out" | cut -f 6- > "$T/got"
same "$T/got" "$T/raw"
expect_exit 0 rv-classify -r -m "$M" "$T/raw"
cut -f 4- "$T/out" > "$T/got"
same "$T/got" "$T/raw"

# real reviews
if [ -f "$DATA/valid.ft.txt" ]; then
	head -n 300 "$DATA/valid.ft.txt" > "$T/real"
	pipeline "$T/real" > "$T/want"
	expect_exit 0 rv-classify -m "$M" "$T/real"
	same "$T/out" "$T/want"
fi

# errors
expect_exit 1 rv-classify -m "$T/none.rvm" "$T/raw"
err_has "rv-classify: $T/none.rvm:"
err_lines 1
[ ! -s "$T/out" ] || fail "output without a model"
head -c 2000 "$M" > "$T/cut.rvm"
expect_exit 1 rv-classify -m "$T/cut.rvm" "$T/raw"
err_has "rv-classify: $T/cut.rvm:"
err_lines 1
expect_exit 1 rv-classify -m "$M" "$T/nofile"
err_has "rv-classify: $T/nofile: No such file or directory"
expect_exit 2 rv-classify "$T/raw"
err_has "usage: rv-classify"
expect_exit 2 rv-classify -b 0 -m "$M" "$T/raw"
err_has "rv-classify: -b:"
if [ -w /dev/full ]; then
	expect_exit 1 sh -c 'rv-classify -m "$1" "$2" > /dev/full' sh "$M" "$T/raw"
	err_has "rv-classify: <stdout>: No space left on device"
fi
