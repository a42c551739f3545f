#!/bin/sh
# rv-clean -a keeps the letters of every script; without it they separate words.
. "$RV_TOP/tests/lib.sh"

expect_exit 0 rv-clean -a "$G/0100-clean-basic.in"
same "$T/out" "$G/0102-clean-scripts.out"
err_lines 0
expect_exit 0 rv-clean -ad "$G/0100-clean-basic.in"
same "$T/out" "$G/0102-clean-scripts-digits.out"
expect_exit 0 rv-clean -d -a "$G/0100-clean-basic.in"
same "$T/out" "$G/0102-clean-scripts-digits.out"

printf 'ok\320\237\321\200\320\270\320\262\320\265\321\202ok\n' | rv-clean > "$T/got"
printf 'ok ok\n' > "$T/want"
same "$T/got" "$T/want"
printf 'ok\320\237\321\200\320\270\320\262\320\265\321\202ok\n' | rv-clean -a > "$T/got"
printf 'ok\320\277\321\200\320\270\320\262\320\265\321\202ok\n' > "$T/want"
same "$T/got" "$T/want"
