#!/bin/sh
# Real data: rv-clean | rv-stem gives one line per review, labels intact and in order.
. "$RV_TOP/tests/lib.sh"
need_data

rv-clean < "$DATA/train.ft.txt" > "$T/clean"
rv-stem < "$T/clean" > "$T/prep"
[ "$(wc -l < "$T/prep")" -eq "$(wc -l < "$DATA/train.ft.txt")" ] || fail "line count"
cut -d ' ' -f 1 "$DATA/train.ft.txt" > "$T/want"
cut -d ' ' -f 1 "$T/prep" > "$T/got"
same "$T/got" "$T/want"
# stop words are gone, negations are not (before stemming: "offing" stems to "of")
rv-stem -l none < "$T/clean" | tr ' ' '\n' | sort -u > "$T/words"
! grep -q -x -e the -e and -e of "$T/words" || fail "stop words left"
grep -q -x not "$T/words" || fail "no 'not'"
grep -q -x dont "$T/words" || fail "no 'dont'"
# the same through -l porter and -S
rv-clean -d "$DATA/valid.ft.txt" | rv-stem -S -l porter > "$T/p2"
[ "$(wc -l < "$T/p2")" -eq "$(wc -l < "$DATA/valid.ft.txt")" ] || fail "line count (valid)"
