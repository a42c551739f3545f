# One worker and two give the same bytes; every input line is numbered, and
# a file that is one block matches rv-predict run on the whole file.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/batch.sh"
tiny_model "$T/m.rvm"
M=$T/m.rvm
mkdir "$T/in" "$T/one" "$T/two" "$T/whole"
for i in 1 2 3 4 5; do cat "$S/reviews.ft.txt"; done > "$T/in/a.txt"
# plain text, empty lines, CRLF, no final newline
printf 'great kettle, works well\n\nbroke after a day\r\nterrible\n\nno newline at the end' \
    > "$T/in/b.txt"
: > "$T/in/empty.txt"

expect_exit 0 rv-batch -b 8k -j 1 -l "$T/log1" -m "$M" "$T/in" "$T/one"
[ ! -s "$T/out" ] && [ ! -s "$T/err" ] || fail "output on stdout or stderr: $(cat "$T/out" "$T/err")"
expect_exit 0 rv-batch -b 8k -j 2 -l "$T/log2" -m "$M" "$T/in" "$T/two"
for f in a.txt b.txt empty.txt; do
	same "$T/one/$f.tsv" "$T/two/$f.tsv"
	same "$T/one/$f.summary" "$T/two/$f.summary"
done
[ "$(ls -A "$T/two")" = ".lock
a.txt.summary
a.txt.tsv
b.txt.summary
b.txt.tsv
empty.txt.summary
empty.txt.tsv" ] || fail "outdir: $(ls -A "$T/two")"
# one log line per file; a.txt took several blocks
[ "$(wc -l < "$T/log2")" -eq 3 ] || fail "log: $(cat "$T/log2")"
grep -q "rv-batch: $T/in/a.txt: 205 reviews: 1 [0-9]*, 2 [0-9]*; [2-9][0-9]* blocks (local [0-9]*); [0-9]* s$" \
    "$T/log2" || fail "log: $(cat "$T/log2")"
grep -q "rv-batch: $T/in/empty.txt: 0 reviews: 1 0, 2 0; 0 blocks; [0-9]* s$" "$T/log2" ||
    fail "log: $(cat "$T/log2")"

# the lines are numbered 1..N, with a label of the model and a probability
awk -F '\t' 'NF != 3 || $1 != NR || ($2 != 1 && $2 != 2) || $3 !~ /^(0\.[0-9][0-9][0-9][0-9]|1\.0000)$/ { exit 1 }
    END { if (NR != 6) exit 1 }' "$T/two/b.txt.tsv" || fail "b.txt.tsv: $(cat "$T/two/b.txt.tsv")"
[ ! -s "$T/two/empty.txt.tsv" ] || fail "empty.txt.tsv is not empty"
printf 'label\tcount\tshare\n1\t0\t0.0000\n2\t0\t0.0000\n' > "$T/want"
same "$T/want" "$T/two/empty.txt.summary"
# the summary counts the TSV's labels
awk -F '\t' '{ n[$2]++ } END { printf "label\tcount\tshare\n1\t%d\t%.4f\n2\t%d\t%.4f\n",
    n[1], n[1] / NR, n[2], n[2] / NR }' "$T/two/a.txt.tsv" > "$T/want"
same "$T/want" "$T/two/a.txt.summary"

# as one block (the default 1M), the answers are rv-predict's on the whole file
expect_exit 0 rv-batch -j 2 -l "$T/log3" -m "$M" "$T/in" "$T/whole"
grep -q "a.txt: 205 reviews: .*; 1 block (local 1)" "$T/log3" || fail "log: $(cat "$T/log3")"
rv-clean -m "$M" "$T/in/a.txt" | rv-stem -m "$M" | rv-tokenize -m "$M" > "$T/a.rvt"
rv-predict -m "$M" "$T/a.rvt" | awk '{ print NR "\t" $0 }' > "$T/want"
same "$T/want" "$T/whole/a.txt.tsv"
