#!/bin/sh
# rv-tokenize -k head keeps a long line's first words, -k tail its last; short lines are kept whole.
. "$RV_TOP/tests/lib.sh"

v=$G/0300-vocab-basic.out
printf '__label__neg bad product broke fast not good\n__label__pos good great\nno\n' > "$T/in"
for k in head tail; do
	rv-tokenize -k $k -n 3 -v "$v" "$T/in" > "$T/$k.rvt" || fail "-k $k"
	expect_exit 0 rv-tokenize -d -v "$v" "$T/$k.rvt"
	tail -n +2 "$T/out" > "$T/$k"
done
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
cmp -s "$T/a.rvt" "$T/b.rvt" || fail "head and tail differ on a line of len words"
