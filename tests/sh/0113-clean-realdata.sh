#!/bin/sh
# Real data: rv-clean | rv-stem gives one line per review, labels intact and in order.
. "$RV_TOP/tests/lib.sh"
need_data

rv-clean < "$DATA/train.ft.txt" | rv-stem > "$T/prep"
[ "$(wc -l < "$T/prep")" -eq "$(wc -l < "$DATA/train.ft.txt")" ] || fail "line count"
cut -d ' ' -f 1 "$DATA/train.ft.txt" > "$T/want"
cut -d ' ' -f 1 "$T/prep" > "$T/got"
same "$T/got" "$T/want"
# stop words are gone, negations are not
! grep -q -w -e the -e and -e of "$T/prep" || fail "stop words left"
grep -q -w not "$T/prep" || fail "no 'not'"
grep -q -w dont "$T/prep" || fail "no 'dont'"
# the same through -l porter and -S
rv-clean -d "$DATA/valid.ft.txt" | rv-stem -S -l porter > "$T/p2"
[ "$(wc -l < "$T/p2")" -eq "$(wc -l < "$DATA/valid.ft.txt")" ] || fail "line count (valid)"
