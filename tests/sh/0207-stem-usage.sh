#!/bin/sh
# rv-stem: -h and bad options print the usage, exit 2; -m/-p exclude -S, -l and -s.
. "$RV_TOP/tests/lib.sh"

usage='usage: rv-stem [-S] [-l algorithm] [-m model] [-p profile] [-s stopfile] [file ...]'
expect_exit 2 rv-stem -h
err_has "$usage"
expect_exit 2 rv-stem -x
err_has "$usage"
expect_exit 2 rv-stem -l
err_has "$usage"
printf 'stemmer=porter\n' > "$T/prof"
for o in -S '-l porter' "-s $T/prof"; do
	# shellcheck disable=SC2086
	expect_exit 2 rv-stem $o -p "$T/prof"
	err_has "the settings come from $T/prof"
	err_has "$usage"
done
expect_exit 2 rv-stem -m "$T/prof" -p "$T/prof"
err_has 'rv-stem: -m and -p cannot be used together'
man=$(mandoc -Tascii "$RV_TOP/man/rv-stem.1" | col -bx |
    awk '/^SYNOPSIS/ { f = 1; next } f && /^$/ { exit } f { sub(/^ +/, ""); s = s (s ? " " : "") $0 } END { print s }')
[ "usage: $man" = "$usage" ] || fail "SYNOPSIS \"$man\" differs from usage"
