#!/bin/sh
# rv-vocab -p records the preparation profile of a profile file or a vocabulary.
. "$RV_TOP/tests/lib.sh"

in=$G/0300-vocab-basic.in
printf 'digits=yes stemmer=porter\n' > "$T/profile"
expect_exit 0 rv-vocab -p "$T/profile" "$in"
sed -n 2p "$T/out" > "$T/line"
echo '#prep digits=yes scripts=latin stemmer=porter stopwords=default' > "$T/want"
same "$T/line" "$T/want"
# everything else as without -p
sed 2d "$T/out" > "$T/rest"
sed 2d "$G/0300-vocab-basic.out" > "$T/want"
same "$T/rest" "$T/want"

# from a vocabulary: the profile is carried over
cp "$T/out" "$T/vocab.txt"
expect_exit 0 rv-vocab -p "$T/vocab.txt" "$in"
same "$T/out" "$T/vocab.txt"

printf 'digits=maybe\n' > "$T/bad"
expect_exit 1 rv-vocab -p "$T/bad" "$in"
err_has 'rv-vocab:'
err_has 'digits'
[ ! -s "$T/out" ] || fail "output with a bad profile"
expect_exit 1 rv-vocab -p "$T/none" "$in"
err_has "rv-vocab: $T/none: No such file or directory"
