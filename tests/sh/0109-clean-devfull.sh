#!/bin/sh
# rv-clean: a full disk is one message and exit 1, small output or large.
. "$RV_TOP/tests/lib.sh"

expect_exit 1 sh -c 'rv-clean "$1" > /dev/full' sh "$G/0100-clean-basic.in"
err_has 'rv-clean: <stdout>: No space left on device'
err_lines 1
awk 'BEGIN { for (i = 0; i < 50000; i++) print "__label__1 Some review text here" }' > "$T/many"
expect_exit 1 sh -c 'rv-clean "$1" > /dev/full' sh "$T/many"
err_has 'rv-clean: <stdout>: No space left on device'
err_lines 1
