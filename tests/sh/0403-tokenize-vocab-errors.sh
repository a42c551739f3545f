#!/bin/sh
# rv-tokenize: a damaged vocabulary is refused with its file and line named, before any output.
. "$RV_TOP/tests/lib.sh"

in=$G/0300-vocab-basic.in
printf '#rv-vocab 1\n#prep\n__label__neg\t2\nthe\t5\ncat\t3\nthe\t1\n' > "$T/dup.txt"
expect_exit 1 sh -c 'rv-tokenize -v "$1" "$2" > "$T/o.rvt"' sh "$T/dup.txt" "$in"
err_has "rv-tokenize: $T/dup.txt:6: duplicate token \"the\""
err_lines 1
[ ! -s "$T/o.rvt" ] || fail "output with a bad vocabulary"

printf 'the\t5\ncat 3\n' > "$T/tab.txt"
expect_exit 1 sh -c 'rv-tokenize -v "$1" "$2" > "$T/o.rvt"' sh "$T/tab.txt" "$in"
err_has "rv-tokenize: $T/tab.txt:2: no tab between token and count in \"cat 3\""
err_lines 1

printf 'the\t5\ncat\tmany\n' > "$T/count.txt"
expect_exit 1 sh -c 'rv-tokenize -v "$1" "$2" > "$T/o.rvt"' sh "$T/count.txt" "$in"
err_has "rv-tokenize: $T/count.txt:2: bad count \"many\""

printf 'the\t5\n\t3\n' > "$T/empty.txt"
expect_exit 1 sh -c 'rv-tokenize -v "$1" "$2" > "$T/o.rvt"' sh "$T/empty.txt" "$in"
err_has "rv-tokenize: $T/empty.txt:2: empty token"

printf '#rv-vocab 7\nthe\t5\n' > "$T/new.txt"
expect_exit 1 sh -c 'rv-tokenize -v "$1" "$2" > "$T/o.rvt"' sh "$T/new.txt" "$in"
err_has "rv-tokenize: $T/new.txt:1: version 7 is newer than this program reads (1)"

# CRLF vocabulary lines are fine, and give the same stream
sed 's/$/\r/' "$G/0300-vocab-basic.out" > "$T/crlf.txt"
rv-tokenize -v "$G/0300-vocab-basic.out" "$in" > "$T/a.rvt"
expect_exit 0 sh -c 'rv-tokenize -v "$1" "$2" > "$3"' sh "$T/crlf.txt" "$in" "$T/b.rvt"
same "$T/a.rvt" "$T/b.rvt"

expect_exit 1 sh -c 'rv-tokenize -v "$1" "$2" > "$T/o.rvt"' sh "$T/nonexistent.txt" "$in"
err_has "rv-tokenize: $T/nonexistent.txt: No such file or directory"
