# A truncated tensor stream: the whole records before the cut are labelled, then an error.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 30 < "$T/s.txt" > "$T/s.rvt"
rv-train -q -e 1 -b 8 --embed 8 --hidden 8 --dense 8 -v "$T/v.txt" -o "$T/m.rvm" "$T/s.rvt"
rv-predict -m "$T/m.rvm" "$T/s.rvt" > "$T/all"
# records are 8 + 4 * 30 bytes: cut 10 records and 50 bytes from the end
size=$(wc -c < "$T/s.rvt")
head -c $((size - 10 * 128 - 50)) "$T/s.rvt" > "$T/cut.rvt"

expect_exit 1 rv-predict -b 4 -m "$T/m.rvm" "$T/cut.rvt"
err_has "rv-predict: $T/cut.rvt: truncated record 31: got 78 of 128 bytes"
err_lines 1
head -n 30 "$T/all" > "$T/want"
same "$T/want" "$T/out"
gzip -c "$T/cut.rvt" | expect_exit 1 rv-predict -m "$T/m.rvm"
err_has "rv-predict: <stdin>: truncated record 31"
same "$T/want" "$T/out"
