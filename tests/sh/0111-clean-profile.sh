#!/bin/sh
# rv-clean -p and -m take the settings from a profile or a vocabulary; a bad one is exit 1.
. "$RV_TOP/tests/lib.sh"

in=$G/0100-clean-basic.in
printf '# keep digits\ndigits=yes scripts=all stemmer=porter\n' > "$T/prof"
expect_exit 0 rv-clean -p "$T/prof" "$in"
same "$T/out" "$G/0102-clean-scripts-digits.out"
err_lines 0
printf '#rv-vocab 1\n#prep digits=yes scripts=latin stemmer=english stopwords=default\n__label__1\t1\nword\t1\n' > "$T/vocab.txt"
expect_exit 0 rv-clean -m "$T/vocab.txt" "$in"
same "$T/out" "$G/0101-clean-digits.out"
# a vocabulary without a profile means the defaults
printf '__label__1\t1\nword\t1\n' > "$T/plain.txt"
expect_exit 0 rv-clean -m "$T/plain.txt" "$in"
same "$T/out" "$G/0100-clean-basic.out"

printf 'digits=perhaps\n' > "$T/bad"
expect_exit 1 rv-clean -p "$T/bad" "$in"
err_has "rv-clean: $T/bad: bad value 'perhaps' for digits"
err_lines 1
[ ! -s "$T/out" ] || fail "output with a bad profile"
expect_exit 1 rv-clean -m "$T/nosuch" "$in"
err_has "rv-clean: $T/nosuch: No such file or directory"
[ ! -s "$T/out" ] || fail "output without a model"
