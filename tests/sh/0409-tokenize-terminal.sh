#!/bin/sh
# rv-tokenize refuses to write a tensor stream to a terminal (the dump is text and may).
. "$RV_TOP/tests/lib.sh"

command -v script > /dev/null || skip "no script(1) to make a terminal"
v=$G/0300-vocab-basic.out
in=$G/0300-vocab-basic.in
script -qec "rv-tokenize -v '$v' '$in'; echo \"rc=\$?\"" /dev/null < /dev/null > "$T/tty" 2>&1 ||
    skip "script(1) cannot make a terminal here"
grep -q 'rv-tokenize: <stdout>: will not write a tensor stream to a terminal' "$T/tty" ||
    fail "no refusal: $(cat "$T/tty")"
grep -q 'rc=1' "$T/tty" || fail "exit status is not 1: $(cat "$T/tty")"
grep -q RVTENSOR "$T/tty" && fail "binary written to the terminal"

rv-tokenize -v "$v" "$in" > "$T/t.rvt"
script -qec "rv-tokenize -d '$T/t.rvt'; echo \"rc=\$?\"" /dev/null < /dev/null > "$T/tty" 2>&1
grep -q 'rc=0' "$T/tty" || fail "the dump refused a terminal: $(cat "$T/tty")"
grep -q '# seqlen 100' "$T/tty" || fail "no dump on the terminal"
