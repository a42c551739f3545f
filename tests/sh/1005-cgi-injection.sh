#!/bin/sh
# rv.cgi by hand: form data is never code.  Command substitutions, backticks,
# ; | & quotes and newlines in the review, the field names, the format, the
# query string and the headers run nothing (the file they would make never
# appears) and come back escaped; HTML in a review comes back as text.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/web-lib.sh"
web_model
F=$T/pwned
form=application/x-www-form-urlencoded

payloads="\$(touch $F)
\`touch $F\`
x; touch $F
x | touch $F
x && touch $F #
' ; touch $F ; '
\" ; touch $F ; \"
\$(touch${IFS% }$F)
\${x:=\$(touch $F)}
x
touch $F
*
../../../../etc/passwd
-m /etc/passwd"

# every payload in the review, as lines of one request, as HTML and as JSON
for fmt in html json; do
	post "$(printf 'good kettle\n%s' "$payloads")" QUERY_STRING=format=$fmt
	status_is 200
	[ ! -e "$F" ] || fail "a payload in the review ran ($fmt)"
done
page_has "\"review\":\"\$(touch $F)\""
page_has "\"review\":\"x; touch $F\""
post "$payloads"
page_has "$(printf '%s' "\$(touch $F)")"
page_has "&#39; ; touch $F ; &#39;"
page_has "&quot; ; touch $F ; &quot;"
page_has "\`touch $F\`"

# each payload alone: as the format field, a field name, the query string and
# the Accept header at once; raw (not encoded); as the method; as the type
printf '%s\n' "$payloads" > "$T/payloads"
while IFS= read -r p; do
	printf 'format=' > "$T/body"
	printf '%s' "$p" | urlenc >> "$T/body"
	printf '&' >> "$T/body"
	printf '%s' "$p" | urlenc >> "$T/body"
	printf '=1&review=fine' >> "$T/body"
	cgi POST $form "$T/body" "QUERY_STRING=$p" "HTTP_ACCEPT=$p"
	status_is 200
	printf 'review=%s' "$p" > "$T/body"
	cgi POST $form "$T/body"
	cgi "$p" $form "$T/body"
	status_is 405
	cgi POST "$p" "$T/body"
	status_is 415
	[ ! -e "$F" ] || fail "payload ran: $p"
done < "$T/payloads"

# HTML and attributes in a review come back as text, in the page and the table
post '<script>alert(1)</script><img src=x onerror="alert(2)">'
page_lacks '<script>alert'
page_lacks '<img'
page_has '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;'
post "$(printf '<b>bold</b>\n<i>x</i> & y')"
page_lacks '<b>bold'
page_has '&lt;b&gt;bold&lt;/b&gt;'
page_has '&lt;i&gt;x&lt;/i&gt; &amp; y'

# %00 and invalid UTF-8 in the review: handled, the page is valid UTF-8
printf 'review=nul%%00byte+bad%%FF%%C0%%AF+cut%%E2%%82' > "$T/body"
cgi POST $form "$T/body"
status_is 200
page_has "nulbyte bad$(printf '\357\277\275\357\277\275\357\277\275') cut"
if command -v iconv > /dev/null; then
	iconv -f UTF-8 -t UTF-8 "$T/page" > /dev/null 2>&1 || fail "the page is not valid UTF-8"
fi
! tr -d '\n\t' < "$T/page" | LC_ALL=C grep -q '[[:cntrl:]]' || fail "control bytes in the page"

# a line starting with a fastText label is a review like any other
post "$(printf '__label__zzz great\n__label__1 great')"
status_is 200
page_has '<h2>2 reviews</h2>'
page_has '__label__zzz great'
[ ! -e "$F" ] || fail "a payload ran"
