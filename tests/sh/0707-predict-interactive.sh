# From a pipe, a record is answered at once, without waiting for a full batch or the end.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 30 < "$T/s.txt" > "$T/s.rvt"
rv-train -q -e 1 -b 8 --embed 8 --hidden 8 --dense 8 -v "$T/v.txt" -o "$T/m.rvm" "$T/s.rvt"
# the header and the first record: 40 more records of 8 + 4 * 30 bytes follow
size=$(wc -c < "$T/s.rvt")
first=$((size - 40 * 128))

mkfifo "$T/fifo"
rv-predict -b 64 -m "$T/m.rvm" < "$T/fifo" > "$T/out" 2> "$T/err" &
pid=$!
exec 3> "$T/fifo"
head -c "$first" "$T/s.rvt" >&3
i=0
while [ "$i" -lt 100 ] && [ ! -s "$T/out" ]; do
	sleep 0.1
	i=$((i + 1))
done
lines=$(wc -l < "$T/out")
# the rest, then the end
tail -c +$((first + 1)) "$T/s.rvt" >&3
exec 3>&-
wait "$pid" || fail "exit $?: $(cat "$T/err")"
[ "$lines" -eq 1 ] || fail "$lines lines while the input was open, wanted 1"
[ "$(wc -l < "$T/out")" -eq 41 ] || fail "$(wc -l < "$T/out") lines in the end"
rv-predict -m "$T/m.rvm" "$T/s.rvt" > "$T/all"
same "$T/all" "$T/out"
