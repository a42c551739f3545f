#!/bin/sh
# rv-clean: invalid UTF-8 bytes are separators; output is always valid UTF-8, one line per line.
. "$RV_TOP/tests/lib.sh"

printf 'a\377b\376c over\300\257long sur\355\240\200rogate cut\342\202\nend\303\n\303\251t\303\251\n' > "$T/in"
expect_exit 0 rv-clean "$T/in"
printf 'a b c over long sur rogate cut\nend\nete\n' > "$T/want"
same "$T/out" "$T/want"
err_lines 0

# random bytes: as many lines out as in, all valid UTF-8, no upper case, no double spaces
awk 'BEGIN { srand(7); for (i = 0; i < 3000; i++) { s = ""
	for (j = 0; j < 60; j++) { c = int(rand() * 256); if (c == 10) c = 32; s = s sprintf("%c", c) }
	print s } }' > "$T/rand"
[ "$(wc -l < "$T/rand")" -eq 3000 ] || fail "bad random input"
expect_exit 0 rv-clean -a "$T/rand"
[ "$(wc -l < "$T/out")" -eq 3000 ] || fail "not 3000 lines"
iconv -f UTF-8 -t UTF-8 "$T/out" > /dev/null || fail "invalid UTF-8 in the output"
! grep -q '[A-Z]' "$T/out" || fail "upper case in the output"
! grep -q '  ' "$T/out" || fail "double space in the output"
! grep -q -e '^ ' -e ' $' "$T/out" || fail "space at an end of a line"
