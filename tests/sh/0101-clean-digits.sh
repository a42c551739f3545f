#!/bin/sh
# rv-clean -d keeps digits as word characters.
. "$RV_TOP/tests/lib.sh"

expect_exit 0 rv-clean -d "$G/0100-clean-basic.in"
same "$T/out" "$G/0101-clean-digits.out"
err_lines 0
printf 'mp3 2019 10/10 80%s\n' "'s" | rv-clean > "$T/plain"
printf 'mp s\n' > "$T/want"
same "$T/plain" "$T/want"
printf 'mp3 2019 10/10 80%s\n' "'s" | rv-clean -d > "$T/digits"
printf 'mp3 2019 10 10 80s\n' > "$T/want"
same "$T/digits" "$T/want"
