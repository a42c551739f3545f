#!/bin/sh
# rv-clean: entities, tags, case, accents, apostrophes, labels; the same from a file, stdin, gzip or "-".
. "$RV_TOP/tests/lib.sh"

in=$G/0100-clean-basic.in
expect_exit 0 rv-clean "$in"
same "$T/out" "$G/0100-clean-basic.out"
err_lines 0

expect_exit 0 sh -c 'rv-clean < "$1"' sh "$in"
same "$T/out" "$G/0100-clean-basic.out"

gzip -c "$in" > "$T/in.gz"
expect_exit 0 rv-clean "$T/in.gz"
same "$T/out" "$G/0100-clean-basic.out"

# operands in order, "-" is stdin
head -n 5 "$in" > "$T/a"
tail -n +6 "$in" > "$T/b"
expect_exit 0 sh -c 'rv-clean "$1" - < "$2"' sh "$T/a" "$T/b"
same "$T/out" "$G/0100-clean-basic.out"

# one line out per line in; every label first and untouched
[ "$(wc -l < "$T/out")" -eq "$(wc -l < "$in")" ] || fail "line count"
label='{ print (index($0, "__label__") == 1 && length($1) > 9) ? $1 : "-" }'
awk "$label" "$in" > "$T/want"
awk "$label" "$T/out" > "$T/got"
same "$T/got" "$T/want"
grep -q '^__label__' "$T/got" || fail "no labels seen"
