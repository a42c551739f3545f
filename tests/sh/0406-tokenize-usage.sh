#!/bin/sh
# rv-tokenize: bad options and missing vocabulary are usage errors (exit 2) before any output.
. "$RV_TOP/tests/lib.sh"

v=$G/0300-vocab-basic.out
in=$G/0300-vocab-basic.in
expect_exit 2 sh -c 'rv-tokenize -n 0 -v "$1" "$2" > "$T/o.rvt"' sh "$v" "$in"
err_has "rv-tokenize: -n: '0' is not a whole number in 1..1048576"
err_lines 1
[ ! -s "$T/o.rvt" ] || fail "output on a usage error"
expect_exit 2 sh -c 'rv-tokenize -n abc -v "$1" "$2" > "$T/o.rvt"' sh "$v" "$in"
err_has "rv-tokenize: -n: 'abc' is not a whole number"
expect_exit 2 sh -c 'rv-tokenize -n 2000000 -v "$1" "$2" > "$T/o.rvt"' sh "$v" "$in"
err_has "rv-tokenize: -n: '2000000'"
expect_exit 2 sh -c 'rv-tokenize -k middle -v "$1" "$2" > "$T/o.rvt"' sh "$v" "$in"
err_has "rv-tokenize: -k: 'middle' is not head or tail"
expect_exit 2 sh -c 'rv-tokenize "$1" > "$T/o.rvt"' sh "$in"
err_has 'usage: rv-tokenize [-z] [-k head|tail] [-n len] {-m model | -v vocab} [file ...]'
err_has '       rv-tokenize -d [-m model | -v vocab] [file ...]'
expect_exit 2 sh -c 'rv-tokenize -m x -v "$1" "$2" > "$T/o.rvt"' sh "$v" "$in"
err_has 'usage: rv-tokenize'
expect_exit 2 rv-tokenize -d -z "$in"
err_has 'usage: rv-tokenize'
expect_exit 2 rv-tokenize -d -n 5 "$in"
err_has 'usage: rv-tokenize'
expect_exit 2 rv-tokenize -q
err_has 'usage: rv-tokenize'
