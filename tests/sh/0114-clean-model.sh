#!/bin/sh
# rv-clean -m and rv-stem -m take their settings from a model: the profile its vocabulary was made with.
. "$RV_TOP/tests/lib.sh"

in=$G/0100-clean-basic.in
printf 'digits=yes stemmer=porter stopwords=list:the,and,mp3\n' > "$T/prof"
rv-clean -p "$T/prof" "$in" | rv-stem -p "$T/prof" > "$T/prep"
rv-vocab -p "$T/prof" "$T/prep" > "$T/vocab.txt"
grep '^__label__' "$T/prep" > "$T/labelled"
rv-tokenize -n 4 -v "$T/vocab.txt" "$T/labelled" > "$T/t.rvt"
rv-train -q -e 1 --embed 4 --hidden 4 --dense 4 -v "$T/vocab.txt" -o "$T/m.rvm" "$T/t.rvt" 2> "$T/train.err" ||
    fail "rv-train: $(cat "$T/train.err")"

expect_exit 0 rv-clean -m "$T/m.rvm" "$in"
same "$T/out" "$G/0101-clean-digits.out"
err_lines 0
rv-clean -m "$T/m.rvm" "$in" > "$T/clean"
expect_exit 0 rv-stem -m "$T/m.rvm" "$T/clean"
same "$T/out" "$T/prep"
! grep -q -w -e the -e and -e mp3 "$T/out" || fail "stop words of the model's list left"
grep -q -w mp3 "$T/clean" || fail "digits not kept"

# a file that is not a model, vocabulary or profile
printf 'RVMODEL\000 but truncated' > "$T/bad.rvm"
expect_exit 1 rv-clean -m "$T/bad.rvm" "$in"
err_has "rv-clean: $T/bad.rvm"
err_lines 1
[ ! -s "$T/out" ] || fail "output with a bad model"
