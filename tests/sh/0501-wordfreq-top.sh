#!/bin/sh
# rv-wordfreq -n TOP: the first TOP rows of the full table.
. "$RV_TOP/tests/lib.sh"

in=$G/0500-wordfreq-basic.in
expect_exit 0 rv-wordfreq -n 3 "$in"
head -n 4 "$G/0500-wordfreq-basic.out" > "$T/want"
same "$T/out" "$T/want"
expect_exit 0 rv-wordfreq -n 1000 "$in"
same "$T/out" "$G/0500-wordfreq-basic.out"
