#!/bin/sh
# rv-clean: -h and bad options print the usage and exit 2; settings from -m/-p cannot be mixed with -a/-d.
. "$RV_TOP/tests/lib.sh"

usage='usage: rv-clean [-ad] [-m model] [-p profile] [file ...]'
expect_exit 2 rv-clean -h
err_has "$usage"
[ ! -s "$T/out" ] || fail "usage on stdout"
expect_exit 2 rv-clean -x
err_has "$usage"
expect_exit 2 rv-clean -m
err_has "$usage"
printf 'digits=yes\n' > "$T/prof"
expect_exit 2 rv-clean -d -p "$T/prof"
err_has "rv-clean: -d: the settings come from $T/prof"
err_has "$usage"
expect_exit 2 rv-clean -a -m "$T/prof"
err_has 'rv-clean: -a:'
expect_exit 2 rv-clean -m "$T/prof" -p "$T/prof"
err_has 'rv-clean: -m and -p cannot be used together'
# the usage line is the man page's SYNOPSIS
man=$(mandoc -Tascii "$RV_TOP/man/rv-clean.1" | col -bx |
    awk '/^SYNOPSIS/ { f = 1; next } f && /^$/ { exit } f { sub(/^ +/, ""); s = s (s ? " " : "") $0 } END { print s }')
[ "usage: $man" = "$usage" ] || fail "SYNOPSIS \"$man\" differs from usage"
