#!/bin/sh
# rv-wordcloud: usage errors exit 2, bad input exits 1 with the place named.
. "$RV_TOP/tests/lib.sh"

printf 'word\ttotal\t1\t2\ngreat\t3\t1\t2\n' > "$T/w.tsv"

expect_exit 2 rv-wordcloud -s 100 "$T/w.tsv"
err_has 'rv-wordcloud: -s:'
err_lines 1
expect_exit 2 rv-wordcloud -n 0 "$T/w.tsv"
err_has 'rv-wordcloud: -n:'
expect_exit 2 rv-wordcloud -f 50 -F 20 "$T/w.tsv"
err_has 'rv-wordcloud: -f:'
expect_exit 2 rv-wordcloud -x "$T/w.tsv"
err_has 'usage: rv-wordcloud'
expect_exit 2 rv-wordcloud -h
err_has 'usage: rv-wordcloud'
expect_exit 2 rv-wordcloud "$T/w.tsv" "$T/w.tsv"
err_has 'usage: rv-wordcloud'

expect_exit 1 rv-wordcloud -c 3 "$T/w.tsv"
err_has "rv-wordcloud: $T/w.tsv:1: no class \"3\" in the header"
err_lines 1

printf 'length\t1\t2\n3\t1\t0\n' > "$T/len.tsv"
expect_exit 1 rv-wordcloud "$T/len.tsv"
err_has "rv-wordcloud: $T/len.tsv:1: not rv-wordfreq output"

printf 'word\ttotal\t1\t2\ngreat\t3\tx\t2\n' > "$T/bad.tsv"
expect_exit 1 rv-wordcloud "$T/bad.tsv"
err_has "rv-wordcloud: $T/bad.tsv:2: field 3: \"x\" is not a count"

printf 'word\ttotal\t1\t2\ngreat\t3\t1\n' > "$T/short.tsv"
expect_exit 1 rv-wordcloud "$T/short.tsv"
err_has "rv-wordcloud: $T/short.tsv:2: 3 fields, the header has 4"

expect_exit 1 rv-wordcloud < /dev/null
err_has 'rv-wordcloud: <stdin>: empty input'

expect_exit 1 rv-wordcloud "$T/missing.tsv"
err_has "rv-wordcloud: $T/missing.tsv:"

expect_exit 1 sh -c 'rv-wordcloud "$1" > /dev/full' sh "$T/w.tsv"
err_has 'rv-wordcloud: <stdout>:'
