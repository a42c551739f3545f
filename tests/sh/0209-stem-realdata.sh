#!/bin/sh
# Real data: rv-stem keeps one line per review and every label; the stem cache changes nothing.
. "$RV_TOP/tests/lib.sh"
need_data

rv-clean "$DATA/valid.ft.txt" > "$T/clean"
rv-stem -l porter "$T/clean" > "$T/stem"
[ "$(wc -l < "$T/stem")" -eq "$(wc -l < "$DATA/valid.ft.txt")" ] || fail "line count"
cut -d ' ' -f 1 "$DATA/valid.ft.txt" > "$T/want"
cut -d ' ' -f 1 "$T/stem" > "$T/got"
same "$T/got" "$T/want"
# word by word through stemwords (no cache) gives the same words
command -v stemwords > /dev/null || skip "stemwords is not installed"
head -n 200 "$T/clean" | sed 's/^__label__[^ ]* *//' | tr ' ' '\n' | grep -v '^$' > "$T/words"
stemwords -l porter -i "$T/words" -o "$T/want"
rv-stem -S -l porter "$T/words" > "$T/got"
same "$T/got" "$T/want"
