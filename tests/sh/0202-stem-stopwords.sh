#!/bin/sh
# rv-stem: the default stop list keeps negations; -S keeps every word; -s FILE is another list.
. "$RV_TOP/tests/lib.sh"

printf '__label__1 the not no nor never none nothing dont didnt isnt wasnt cant wont but very too\n' > "$T/in"
expect_exit 0 rv-stem -l none "$T/in"
printf '__label__1 not no nor never none noth dont didnt isnt wasnt cant wont but veri too\n' > "$T/want"
expect_exit 0 rv-stem "$T/in"
same "$T/out" "$T/want"
# matched before stemming: "having" is a stop word, "haves" is not
printf 'having haves\n' | rv-stem > "$T/got"
printf 'have\n' > "$T/want"
same "$T/got" "$T/want"

expect_exit 0 rv-stem -S "$T/in"
printf '__label__1 the not no nor never none noth dont didnt isnt wasnt cant wont but veri too\n' > "$T/want"
same "$T/out" "$T/want"

printf '# my own list\nnot never\n\ntoo # trailing comment\r\n' > "$T/stop"
expect_exit 0 rv-stem -s "$T/stop" "$T/in"
printf '__label__1 the no nor none noth dont didnt isnt wasnt cant wont but veri\n' > "$T/want"
same "$T/out" "$T/want"
: > "$T/nostop"
expect_exit 0 rv-stem -s "$T/nostop" "$T/in"
printf '__label__1 the not no nor never none noth dont didnt isnt wasnt cant wont but veri too\n' > "$T/want"
same "$T/out" "$T/want"

expect_exit 1 rv-stem -s "$T/nosuch" "$T/in"
err_has "rv-stem: $T/nosuch: No such file or directory"
err_lines 1
[ ! -s "$T/out" ] || fail "output without a stop list"
printf 'ok\nbad,word\n' > "$T/comma"
expect_exit 1 rv-stem -s "$T/comma" "$T/in"
err_has "rv-stem: $T/comma:2: 'bad,word': a stop word cannot hold a comma"
err_lines 1
expect_exit 2 rv-stem -S -s "$T/stop" "$T/in"
err_has 'rv-stem: -S and -s cannot be used together'
