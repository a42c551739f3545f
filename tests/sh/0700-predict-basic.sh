# One line per record: LABEL<TAB>PROBABILITY; -p every class; --json; any batch size.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 30 < "$T/s.txt" > "$T/s.rvt"
rv-train -q -e 2 -b 8 --embed 8 --hidden 8 --dense 8 -v "$T/v.txt" -o "$T/m.rvm" "$T/s.rvt"
nrec=$(wc -l < "$T/s.txt")

expect_exit 0 rv-predict -m "$T/m.rvm" "$T/s.rvt"
[ ! -s "$T/err" ] || fail "stderr: $(cat "$T/err")"
[ "$(wc -l < "$T/out")" -eq "$nrec" ] || fail "$(wc -l < "$T/out") lines for $nrec records"
grep -Ev '^[12]	(0\.[5-9][0-9]{3}|1\.0000)$' "$T/out" && fail "bad lines above"
cp "$T/out" "$T/plain"

# -b does not change the answers; stdin and gzip input neither
expect_exit 0 rv-predict -b 1 -m "$T/m.rvm" "$T/s.rvt"
same "$T/plain" "$T/out"
gzip -c "$T/s.rvt" > "$T/s.rvt.gz"
expect_exit 0 rv-predict -b 7 -m "$T/m.rvm" < "$T/s.rvt.gz"
same "$T/plain" "$T/out"
expect_exit 0 rv-predict -t 1 -m "$T/m.rvm" - < "$T/s.rvt"
same "$T/plain" "$T/out"

# -p: the label, then one probability per class; they sum to 1 and the
# label is the most probable class
expect_exit 0 rv-predict -p -m "$T/m.rvm" "$T/s.rvt"
[ "$(wc -l < "$T/out")" -eq "$nrec" ] || fail "-p: $(wc -l < "$T/out") lines"
awk -F'\t' 'NF != 3 || ($2 + $3) < 0.999 || ($2 + $3) > 1.001 ||
    ($1 == "1") != ($2 > $3) { print "bad: " $0; bad = 1 } END { exit bad }' "$T/out" ||
    fail "-p output"
cut -f 1 "$T/out" > "$T/labels1"
cut -f 1 "$T/plain" > "$T/labels2"
same "$T/labels1" "$T/labels2"

# --json: one object per record
expect_exit 0 rv-predict --json -p -m "$T/m.rvm" "$T/s.rvt"
[ "$(wc -l < "$T/out")" -eq "$nrec" ] || fail "--json: $(wc -l < "$T/out") lines"
grep -Ev '^\{"label":"[12]","probability":[01]\.[0-9]{4},"probabilities":\{"1":[01]\.[0-9]{4},"2":[01]\.[0-9]{4}\}\}$' "$T/out" &&
    fail "bad JSON lines above"
sed 's/^{"label":"\([12]\)","probability":\([0-9.]*\),.*/\1	\2/' "$T/out" > "$T/fromjson"
same "$T/plain" "$T/fromjson"

# an empty stream gives no lines
head -c "$(rv-tokenize -v "$T/v.txt" -n 30 < /dev/null | wc -c)" "$T/s.rvt" > "$T/empty.rvt"
expect_exit 0 rv-predict -m "$T/m.rvm" "$T/empty.rvt"
[ ! -s "$T/out" ] || fail "output from an empty stream"
