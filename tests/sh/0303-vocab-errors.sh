#!/bin/sh
# rv-vocab: usage errors exit 2; a missing operand is reported, the rest counted, exit 1; a full disk fails.
. "$RV_TOP/tests/lib.sh"

in=$G/0300-vocab-basic.in
expect_exit 2 rv-vocab -n 0 "$in"
err_has "rv-vocab: -n: '0' is not a whole number in 1..4294967293"
err_lines 1
expect_exit 2 rv-vocab -n abc "$in"
err_has "rv-vocab: -n: 'abc' is not a whole number"
expect_exit 2 rv-vocab -m 0 "$in"
err_has "rv-vocab: -m: '0' is not a whole number"
expect_exit 2 rv-vocab -x "$in"
err_has 'usage: rv-vocab [-m mincount] [-n max] [-p profile] [file ...]'
[ ! -s "$T/out" ] || fail "output on a usage error"

head -n 2 "$in" > "$T/a"
tail -n +3 "$in" > "$T/b"
expect_exit 1 rv-vocab "$T/a" "$T/missing" "$T/b"
err_has "rv-vocab: $T/missing: No such file or directory"
err_lines 1
same "$T/out" "$G/0300-vocab-basic.out"

expect_exit 1 sh -c 'rv-vocab "$1" > /dev/full' sh "$in"
err_has 'rv-vocab: <stdout>: No space left on device'
err_lines 1
