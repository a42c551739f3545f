#!/bin/sh
# rv-formdecode: fields, %XX and +, %00 and invalid UTF-8 made safe, -H and -J
# escaping, -l, exactly -n bytes read from a pipe, and its errors.
. "$RV_TOP/tests/lib.sh"

printf 'review=Great+%%3Cb%%3Ekettle%%3C%%2Fb%%3E%%21%%0D%%0A__label__1+x%%00y%%FF&format=json&empty=&bare' > "$T/body"
expect_exit 0 rv-formdecode "$T/body"
printf 'review\tGreat <b>kettle</b>! __label__1 xy\357\277\275\nformat\tjson\nempty\t\nbare\t\n' > "$T/want"
same "$T/out" "$T/want"
[ ! -s "$T/err" ] || fail "stderr: $(cat "$T/err")"

# one field, lines kept; -l guards the label; -H and -J escape
expect_exit 0 rv-formdecode -f review "$T/body"
printf 'Great <b>kettle</b>!\n__label__1 xy\357\277\275\n' > "$T/want"
same "$T/out" "$T/want"
expect_exit 0 rv-formdecode -l -H -f review "$T/body"
printf 'Great &lt;b&gt;kettle&lt;/b&gt;!\n __label__1 xy\357\277\275\n' > "$T/want"
same "$T/out" "$T/want"
expect_exit 0 rv-formdecode -J -f review "$T/body"
printf 'Great \\u003cb\\u003ekettle\\u003c/b\\u003e!\\n__label__1 xy\357\277\275\n' > "$T/want"
same "$T/out" "$T/want"
# a missing or empty field writes nothing
expect_exit 0 rv-formdecode -f nothing "$T/body"
[ ! -s "$T/out" ] || fail "missing field wrote $(cat "$T/out")"
expect_exit 0 rv-formdecode -f empty "$T/body"
[ ! -s "$T/out" ] || fail "empty field wrote $(cat "$T/out")"

# -t: text, made safe: NUL dropped, CR LF to LF, bad bytes to U+FFFD
printf 'a\000b\r\nc\300\257\355\240\200d' > "$T/text"
expect_exit 0 rv-formdecode -t "$T/text"
printf 'ab\nc\357\277\275\357\277\275\357\277\275\357\277\275\357\277\275d\n' > "$T/want"
same "$T/out" "$T/want"

# -n reads exactly that many bytes from a pipe: the rest is left for the next reader
printf 'review=abc' > "$T/b1"
expect_exit 0 sh -c 'printf "review=abcTAIL" | { rv-formdecode -n 10 -f review; cat; }'
printf 'abc\nTAIL' > "$T/want"
same "$T/out" "$T/want"
expect_exit 1 sh -c 'printf "review=ab" | rv-formdecode -n 10 -f review'
err_has "rv-formdecode: <stdin>: 9 bytes, fewer than the 10 of -n"
err_lines 1
[ ! -s "$T/out" ] || fail "a short body wrote output"

# errors
expect_exit 1 rv-formdecode "$T/none"
err_has "rv-formdecode: $T/none: No such file or directory"
expect_exit 2 rv-formdecode -n -1 "$T/b1"
err_has "rv-formdecode: -n:"
expect_exit 2 rv-formdecode -H -J "$T/b1"
err_has "usage: rv-formdecode"
expect_exit 2 rv-formdecode -t -f x "$T/b1"
expect_exit 2 rv-formdecode "$T/b1" "$T/b1"
if [ -w /dev/full ]; then
	expect_exit 1 sh -c 'rv-formdecode "$1" > /dev/full' sh "$T/body"
	err_has "rv-formdecode: <stdout>: No space left on device"
fi
