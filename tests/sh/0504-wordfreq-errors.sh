#!/bin/sh
# rv-wordfreq: bad -n, -h, a missing file (others still counted, exit 1), a full disk.
. "$RV_TOP/tests/lib.sh"

in=$G/0500-wordfreq-basic.in
usage='usage: rv-wordfreq [-l] [-n top] [file ...]'
for n in 0 abc -3 ''; do
	expect_exit 2 rv-wordfreq -n "$n" "$in"
	err_has "rv-wordfreq: -n: '$n' is not a whole number"
	[ ! -s "$T/out" ] || fail "output with -n '$n'"
done
expect_exit 2 rv-wordfreq -h
err_has "$usage"
expect_exit 2 rv-wordfreq -l -n 3 "$in"
err_has "$usage"
man=$(mandoc -Tascii "$RV_TOP/man/rv-wordfreq.1" | col -bx |
    awk '/^SYNOPSIS/ { f = 1; next } f && /^$/ { exit } f { sub(/^ +/, ""); s = s (s ? " " : "") $0 } END { print s }')
[ "usage: $man" = "$usage" ] || fail "SYNOPSIS \"$man\" differs from usage"

expect_exit 1 rv-wordfreq "$in" "$T/nosuch"
same "$T/out" "$G/0500-wordfreq-basic.out"
err_has "rv-wordfreq: $T/nosuch: No such file or directory"
err_lines 1

expect_exit 1 sh -c 'rv-wordfreq "$1" > /dev/full' sh "$in"
err_has 'rv-wordfreq: <stdout>: No space left on device'
err_lines 1
awk 'BEGIN { for (i = 0; i < 30000; i++) print "__label__1 word" i }' > "$T/many"
expect_exit 1 sh -c 'rv-wordfreq "$1" > /dev/full' sh "$T/many"
err_has 'rv-wordfreq: <stdout>: No space left on device'
err_lines 1
