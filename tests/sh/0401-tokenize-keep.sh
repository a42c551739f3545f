#!/bin/sh
# rv-tokenize -k head keeps a long line's first words, -k tail its last; short lines are kept whole.
. "$RV_TOP/tests/lib.sh"

v=$G/0300-vocab-basic.out
printf '__label__neg bad product broke fast not good\n__label__pos good great\nno\n' > "$T/in"
for k in head tail; do
	rv-tokenize -k $k -n 3 -v "$v" "$T/in" > "$T/$k.rvt" || fail "-k $k"
	expect_exit 0 rv-tokenize -d -v "$v" "$T/$k.rvt"
	tail -n +2 "$T/out" > "$T/$k"
	head -n 1 "$T/out" > "$T/$k.hdr"
done
# the stream says which end it kept (rv-tensor(5) version 2); head streams
# are written as version 1
grep -q '^# seqlen 3 vocab 16 sum [0-9a-f]* keep tail classes neg pos$' "$T/tail.hdr" ||
    fail "tail header: $(cat "$T/tail.hdr")"
grep -q '^# seqlen 3 vocab 16 sum [0-9a-f]* classes neg pos$' "$T/head.hdr" ||
    fail "head header: $(cat "$T/head.hdr")"
[ "$(od -An -tu1 -j8 -N1 "$T/head.rvt" | tr -d ' ')" = 1 ] || fail "head stream not version 1"
[ "$(od -An -tu1 -j8 -N1 "$T/tail.rvt" | tr -d ' ')" = 2 ] || fail "tail stream not version 2"
printf '0\t3\tbad product broke\n1\t2\tgood great\n-1\t1\tno\n' > "$T/want"
same "$T/head" "$T/want"
printf '0\t3\tfast not good\n1\t2\tgood great\n-1\t1\tno\n' > "$T/want"
same "$T/tail" "$T/want"
# head is the default
rv-tokenize -n 3 -v "$v" "$T/in" > "$T/def.rvt"
cmp -s "$T/def.rvt" "$T/head.rvt" || fail "-k head is not the default"
# exactly len words: head and tail agree
printf 'a b c\n' > "$T/in3"
printf 'bad broke fast\n' > "$T/in3"
rv-tokenize -k tail -n 3 -v "$v" "$T/in3" > "$T/a.rvt"
rv-tokenize -k head -n 3 -v "$v" "$T/in3" > "$T/b.rvt"
rv-tokenize -d "$T/a.rvt" | tail -n +2 > "$T/a"
rv-tokenize -d "$T/b.rvt" | tail -n +2 > "$T/b"
cmp -s "$T/a" "$T/b" || fail "head and tail differ on a line of len words"
