#!/bin/sh
# -k tail is recorded from the tensors into the model, and everything that
# takes its settings from the model keeps the tail too: rv-tokenize -m (-k
# still overrides), rv-classify.  rv-train refuses validation tensors that
# kept the other end.
. "$RV_TOP/tests/lib.sh"
rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/s.txt"
rv-vocab < "$T/s.txt" > "$T/v.txt"
rv-tokenize -v "$T/v.txt" -n 6 -k tail < "$T/s.txt" > "$T/tail.rvt"
rv-tokenize -v "$T/v.txt" -n 6 < "$T/s.txt" > "$T/head.rvt"
rv-train -q -e 1 -b 8 --embed 4 --hidden 4 --dense 4 -t 1 -v "$T/v.txt" \
    -o "$T/m.rvm" "$T/tail.rvt" 2> "$T/train.err" || fail "rv-train: $(cat "$T/train.err")"
expect_exit 0 rv-model "$T/m.rvm"
grep -qx "keep tail" "$T/out" || fail "rv-model: $(cat "$T/out")"
rv-train -q -e 1 -b 8 --embed 4 --hidden 4 --dense 4 -t 1 -v "$T/v.txt" \
    -o "$T/h.rvm" "$T/head.rvt" 2> "$T/train.err" || fail "rv-train: $(cat "$T/train.err")"
expect_exit 0 rv-model "$T/h.rvm"
grep -qx "keep head" "$T/out" || fail "rv-model: $(cat "$T/out")"

# rv-tokenize -m: the tail, unless -k says otherwise
rv-tokenize -m "$T/m.rvm" "$T/s.txt" > "$T/m.rvt"
cmp -s "$T/m.rvt" "$T/tail.rvt" || fail "rv-tokenize -m did not keep the tail"
rv-tokenize -m "$T/m.rvm" -k head "$T/s.txt" > "$T/mh.rvt"
cmp -s "$T/mh.rvt" "$T/head.rvt" || fail "rv-tokenize -m -k head did not keep the head"

# rv-classify reads the words rv-tokenize -m kept: its -w words against the dump
sed 's/^__label__[^ ]* //' "$S/reviews.ft.txt" > "$T/raw"
rv-classify -w -m "$T/m.rvm" "$T/raw" > "$T/cls"
head -n 1 "$T/cls" | grep -q ' keep tail classes ' || fail "rv-classify -w header: $(head -n 1 "$T/cls")"
tail -n +2 "$T/cls" | awk -F '\t' '{print $(NF - 1)}' > "$T/cls.words"
rv-tokenize -d -m "$T/m.rvm" "$T/m.rvt" | tail -n +2 | awk -F '\t' '{print $3}' > "$T/tok.words"
[ "$(wc -l < "$T/cls.words")" -eq "$(wc -l < "$T/raw")" ] || fail "rv-classify line count"
same "$T/cls.words" "$T/tok.words"
[ "$(rv-tokenize -d "$T/tail.rvt" | tail -n +2 | awk -F '\t' '$2 == 6' | wc -l)" -gt 3 ] ||
    fail "too few long reviews to tell head from tail"
cmp -s "$T/tail.rvt" "$T/head.rvt" && fail "head and tail streams are the same"

# validation data must keep the same end as the training data
expect_exit 1 rv-train -q -e 1 -b 8 --embed 4 --hidden 4 --dense 4 -t 1 -v "$T/v.txt" \
    -V "$T/head.rvt" -o "$T/x.rvm" "$T/tail.rvt"
err_has "$T/head.rvt: keeps the head of long reviews, the training data the tail (rv-tokenize -k)"
err_lines 1
[ ! -e "$T/x.rvm" ] || fail "a model was written"
