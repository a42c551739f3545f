#!/bin/sh
# rv.cgi by hand: POST of one review gives the verdict, its probability as a
# bar, the words the model read (unknown ones marked) and the review echoed;
# several lines give a table and the count per class.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/web-lib.sh"
web_model

# a positive and a negative review of the samples
for n in 1 2; do
	sample $n
	post "$text"
	status_is 200
	secure_headers text/html
	whole_page
	page_has "<p class=\"verdict $(echo $verdict | cut -c1-3)\" id=\"verdict\">$verdict</p>"
	grep -q '<div class="bar" title="[0-9.]*%"><span class="[a-z]*" style="width:[0-9.]*%"></span></div>' "$T/page" ||
	    fail "no probability bar"
	p=$(sed -n 's/^<p>Probability \([0-9.]*\)%<\/p>$/\1/p' "$T/page")
	awk -v p="$p" 'BEGIN { exit !(p > 50 && p <= 100) }' || fail "probability '$p'"
	[ ! -s "$T/cgierr" ] || fail "stderr: $(cat "$T/cgierr")"
done
# the review echoed, escaped
page_has "<blockquote id=\"review-echo\">$(printf '%s' "$text" | sed "s/&/\&amp;/g; s/'/\&#39;/g")</blockquote>"

# the words the model read: cleaned and stemmed, an unknown word crossed out
post "The kettle is great, zyxwvut!"
status_is 200
page_has '<span class="w">kettl</span>'
page_has '<span class="w">great</span>'
page_has '<span class="unk">zyxwvut</span>'
page_lacks '<span class="w">the</span>'		# a stop word
page_lacks '&lt;unk&gt;'
# a long review: the model reads the first so many words (its sequence length,
# 40 here), the page says how many more there were
long=$(yes 'great' | head -n 130 | tr '\n' ' ')
post "$long"
read_n=$(sed -n 's/^<p class="note">The model reads the first \([0-9]*\) words; \([0-9]*\) more were not read.<\/p>$/\1 \2/p' "$T/page")
[ "$read_n" = "40 90" ] || fail "words read and not read: '$read_n'"
[ "$(grep -o '<span class="w">great</span>' "$T/page" | wc -l)" -eq 40 ] || fail "not 40 words shown"

# several reviews, one per line (CR LF from a browser), blank lines skipped
sample 1; t1=$text; v1=$verdict
sample 2; t2=$text; v2=$verdict
sample 4; t4=$text; v4=$verdict
post "$(printf '%s\r\n\r\n%s\r\n%s\r\n  \r\n' "$t1" "$t2" "$t4")"
status_is 200
whole_page
page_has '<h2>3 reviews</h2>'
[ "$(grep -c '^<tr><td>[0-9]*</td>' "$T/page")" -eq 3 ] || fail "not 3 rows"
grep '^<tr><td>1</td>' "$T/page" | grep -q "<td class=\"v\"><span class=\"[a-z]*\">$v1</span>" || fail "row 1 is not $v1"
grep '^<tr><td>2</td>' "$T/page" | grep -q "<td class=\"v\"><span class=\"[a-z]*\">$v2</span>" || fail "row 2 is not $v2"
grep '^<tr><td>3</td>' "$T/page" | grep -q "<td class=\"v\"><span class=\"[a-z]*\">$v4</span>" || fail "row 3 is not $v4"
npos=0
for v in $v1 $v2 $v4; do [ $v = positive ] && npos=$((npos + 1)); done
page_has "<p id=\"counts\"><span class=\"neg\">negative</span>: $((3 - npos)) &middot; <span class=\"pos\">positive</span>: $npos</p>"

# the names of the classes are configurable, here from a configuration file
printf '# rv.cgi\nRV_LABELS = "1=bad 2=good"\nRV_MODEL=%s\n' "$M" > "$T/cgi.conf"
sample 1
post "$text" RV_CONF="$T/cgi.conf" RV_MODEL=
status_is 200
case $label in 1) page_has '>bad</p>' ;; 2) page_has '>good</p>' ;; esac
# the environment wins over the file
post "$text" RV_CONF="$T/cgi.conf" "RV_LABELS=1=neg 2=pos"
case $label in 1) page_has '>neg</p>' ;; 2) page_has '>pos</p>' ;; esac
ls "$T/tmp" | grep -q . && fail "scratch left in TMPDIR: $(ls "$T/tmp")"
exit 0
