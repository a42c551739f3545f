#!/bin/sh
# rv-stem: a full disk is one message and exit 1.
. "$RV_TOP/tests/lib.sh"

expect_exit 1 sh -c 'rv-stem "$1" > /dev/full' sh "$G/0200-stem-basic.in"
err_has 'rv-stem: <stdout>: No space left on device'
err_lines 1
awk 'BEGIN { for (i = 0; i < 50000; i++) print "__label__1 running books quickly" }' > "$T/many"
expect_exit 1 sh -c 'rv-stem "$1" > /dev/full' sh "$T/many"
err_has 'rv-stem: <stdout>: No space left on device'
err_lines 1
