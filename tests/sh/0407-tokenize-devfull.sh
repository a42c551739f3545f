#!/bin/sh
# rv-tokenize: a full disk is a message and exit 1, plain or -z; so is the dump's.
. "$RV_TOP/tests/lib.sh"

v=$G/0300-vocab-basic.out
in=$G/0300-vocab-basic.in
expect_exit 1 sh -c 'rv-tokenize -v "$1" "$2" > /dev/full' sh "$v" "$in"
err_has 'rv-tokenize: <stdout>: No space left on device'
err_lines 1
expect_exit 1 sh -c 'rv-tokenize -z -v "$1" "$2" > /dev/full' sh "$v" "$in"
err_has 'rv-tokenize: <stdout>: No space left on device'
err_lines 1
# many records: the error comes while writing, not at the end
awk 'BEGIN { for (i = 0; i < 20000; i++) print "__label__pos good great" }' > "$T/many"
expect_exit 1 sh -c 'rv-tokenize -v "$1" "$2" > /dev/full' sh "$v" "$T/many"
err_has 'rv-tokenize: <stdout>: No space left on device'
err_lines 1

rv-tokenize -v "$v" "$in" > "$T/t.rvt"
expect_exit 1 sh -c 'rv-tokenize -d "$1" > /dev/full' sh "$T/t.rvt"
err_has 'rv-tokenize: <stdout>: No space left on device'
err_lines 1
