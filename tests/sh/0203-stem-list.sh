#!/bin/sh
# rv-stem -l list names the algorithms; an unknown one is a usage error.
. "$RV_TOP/tests/lib.sh"

expect_exit 0 rv-stem -l list
err_lines 0
for a in english porter french german none; do
	grep -qx "$a" "$T/out" || fail "-l list lacks $a"
done
expect_exit 2 rv-stem -l klingon
err_has "rv-stem: -l: unknown algorithm 'klingon'"
err_lines 1
[ ! -s "$T/out" ] || fail "output for an unknown algorithm"
printf 'maisons\n' | rv-stem -l french > "$T/got"
printf 'maison\n' > "$T/want"
same "$T/got" "$T/want"
