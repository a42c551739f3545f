#!/bin/sh
# rv-stem -p and -m take the stemmer and stop words from a profile or a vocabulary.
. "$RV_TOP/tests/lib.sh"

in=$G/0200-stem-basic.in
printf 'stemmer=porter digits=yes\n' > "$T/prof"
expect_exit 0 rv-stem -p "$T/prof" "$in"
same "$T/out" "$G/0201-stem-porter.out"
err_lines 0
printf 'stemmer=none stopwords=none\n' > "$T/prof"
expect_exit 0 rv-stem -p "$T/prof" "$in"
same "$T/out" "$in"
printf 'stemmer=none stopwords=list:not,the,running\n' > "$T/prof"
printf '__label__1 the film is not running\n' | rv-stem -p "$T/prof" > "$T/got"
printf '__label__1 film is\n' > "$T/want"
same "$T/got" "$T/want"

# a vocabulary made by rv-vocab -p carries the profile to rv-stem -m
printf 'stemmer=porter stopwords=list:movies\n' > "$T/prof"
rv-clean "$G/0100-clean-basic.in" | rv-stem -p "$T/prof" | rv-vocab -p "$T/prof" > "$T/vocab.txt"
grep -q '^#prep .*stemmer=porter' "$T/vocab.txt" || fail "no profile in the vocabulary"
printf 'the movies are running\n' | rv-stem -m "$T/vocab.txt" > "$T/got"
printf 'the ar run\n' > "$T/want"
same "$T/got" "$T/want"

printf 'stemmer=klingon\n' > "$T/bad"
expect_exit 1 rv-stem -p "$T/bad" "$in"
err_has "rv-stem: $T/bad: unknown stemmer 'klingon'"
err_lines 1
[ ! -s "$T/out" ] || fail "output with a bad profile"
