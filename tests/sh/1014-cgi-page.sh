#!/bin/sh
# rv-page: rv-classify -r -w's answer and its status line to the page's
# HTML section or JSON (golden files), escaped; the exit status for each
# outcome and each broken answer; -s with no server leaves standard input
# unread (exit 3); usage errors.
. "$RV_TOP/tests/lib.sh"

# two reviews: a table; tags, quotes and an indented fastText label are text
expect_exit 10 rv-page < "$G/1014-page.in"
same "$T/out" "$G/1014-page.html"
expect_exit 11 rv-page -f json -l '1=bad 2=good' < "$G/1014-page.in"
same "$T/out" "$G/1014-page.json"
if command -v python3 > /dev/null; then
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$T/out" || fail "not JSON"
fi

h='# seqlen 40 vocab 12 sum 1234abcd classes 1 2'
# page IN: $T/in from printf's format IN (after the header)
page() {
	printf "$h\\n$1" > "$T/in"
}
# the form's format field overrides -f; one review is a section with the verdict
page '2\t0.5\t0.5\t\t\tjson\n2\t0.0312\t0.9688\tgreat <unk>\tgreat kettl\t<script>x</script>\n#status 0\n'
expect_exit 11 rv-page -f html < "$T/in"
out_has '"review":"\u003cscript\u003ex\u003c/script\u003e"'
out_has '"verdict":"positive","probability":0.9688'
out_has '"unknown":["kettl"]'
page '2\t0.5\t0.5\t\t\thtml\n1\t0.9\t0.1\tbad\tbad\t<script>x</script>\n#status 0\n'
expect_exit 10 rv-page -f json < "$T/in"
out_has '<p class="verdict neg" id="verdict">negative</p>'
out_has '<p>Probability 90.0%</p>'
out_has '<blockquote id="review-echo">&lt;script&gt;x&lt;/script&gt;</blockquote>'
grep -q '<script>' "$T/out" && fail "a tag from the review is in the page"
# more stems than words read: the rest were not read
page '2\t0.5\t0.5\t\t\t\n2\t0.1\t0.9\ta b\ta b c d\ttext\n#status 0\n'
expect_exit 10 rv-page < "$T/in"
out_has 'The model reads the first 2 words; 2 more were not read.'

# each outcome; nothing written but for an answer
for c in '20:2\t0.5\t0.5\t\t\t\n2\t0.5\t0.5\t\t\t \t \n#status 0\n:' \
    '21:2\t0.5\t0.5\t\t\tjson\n#status 0\n:' \
    '30:#status 0\n:' \
    '40:2\t0.5\t0.5\t\t\t\n#status 124\n:the model took more than 7 s' \
    '40:#status 137\n:the model took more than 7 s' \
    '50:#status 1\n:the model failed (exit 1)' \
    '60:2\t0.5\t0.5\t\t\t\n2\t0.5x\t0.5\ta\ta\tb\n#status 0\n:bad probability' \
    '60:2\t0.5\t0.5\t\t\t\n3\t0.5\t0.5\ta\ta\tb\n#status 0\n:unknown label' \
    '60:2\t0.5\t0.5\t\t\t\n2\t0.5\t0.5\ta b c\ta b\tb\n#status 0\n:words do not match' \
    '60:2\t0.5\t0.5\tjust three\n#status 0\n:bad output line' \
    '60:2\t0.5\t0.5\t\t\t\n:no exit status' \
    '60:2\t0.5\t0.5\t\t\t\n#status 0x\n:no exit status' \
    '61:2\t0.5\t0.5\t\t\tjson\n2\t0.5\t0.5\ta\n#status 0\n:bad output line'; do
	want=${c%%:*} rest=${c#*:}
	page "${rest%:*}"
	expect_exit "$want" rv-page -t 7 < "$T/in"
	[ ! -s "$T/out" ] || fail "exit $want: wrote $(head -c 200 "$T/out")"
	[ -z "${rest##*:}" ] || err_has "rv-page: ${rest##*:}"
done
# no header at all
printf '#status 0\n' > "$T/in"
expect_exit 60 rv-page < "$T/in"
err_has 'no header'
expect_exit 60 rv-page < /dev/null
err_has 'no exit status'

# -s: no server there, standard input untouched for the caller's own run
printf 'review=great' > "$T/body"
set +e
{ rv-page -n 12 -s "$T/none.sock"; echo "exit $?"; cat; } < "$T/body" > "$T/got" 2> "$T/err"
set -e
printf 'exit 3\nreview=great' > "$T/want"
same "$T/got" "$T/want"
err_has "rv-page: $T/none.sock: No such file or directory"

# usage
for a in "-n 5" "-s $T/x.sock" "extra"; do
	expect_exit 2 rv-page $a
	err_has "usage: rv-page"
done
for a in "-f xml" "-t 0" "-n -1 -s $T/x.sock"; do
	expect_exit 2 rv-page $a
	err_has "rv-page: ${a%% *}"
done
exit 0
