#!/bin/sh
# rv.cgi by hand: an empty review (400), a body over the limit (413), a wrong
# Content-Type (415), a missing or bad Content-Length (411, 400), a body
# shorter than it says (400); exactly CONTENT_LENGTH bytes are read.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/web-lib.sh"
web_model
form=application/x-www-form-urlencoded

# empty reviews: no field, an empty field, only blanks and newlines
for b in "" "review=" "review=+%20%0D%0A%09+" "format=html" "other=x"; do
	printf '%s' "$b" > "$T/body"
	cgi POST $form "$T/body"
	status_is 400
	secure_headers text/html
	whole_page
	page_has 'The review is empty'
	page_has '<textarea id="review"'
done

# over the limit: 64 KiB by default, RV_MAX_BYTES changes it; the body is not read
{ printf 'review='; head -c 70000 /dev/zero | tr '\0' 'a'; } > "$T/big"
cgi POST $form "$T/big"
status_is 413
secure_headers text/html
page_has 'The review is too long: at most 65536 bytes.'
sample 1
printf 'review=' > "$T/body"
printf '%s' "$text" | urlenc >> "$T/body"
cgi POST $form "$T/body" RV_MAX_BYTES=100
status_is 413
page_has 'at most 100 bytes'
for cl in 65537 0000000000065537 99999999999999999999999; do
	cgi POST $form "$T/body" CONTENT_LENGTH=$cl
	status_is 413
done
# exactly at the limit is fine
{ printf 'review='; head -c 65529 /dev/zero | tr '\0' 'a'; } > "$T/max"
[ "$(wc -c < "$T/max")" -eq 65536 ] || fail "test body is not 64 KiB"
cgi POST $form "$T/max"
status_is 200

# wrong types: 415, whatever the body
for ct in "" text/plain multipart/form-data application/json "application/x-www-form-urlencodedx" \
    "text/html; application/x-www-form-urlencoded"; do
	cgi POST "$ct" "$T/body"
	status_is 415
	secure_headers text/html
	page_has 'application/x-www-form-urlencoded'
done
# the type's case and parameters do not matter
for ct in "Application/X-WWW-Form-URLEncoded" "application/x-www-form-urlencoded; charset=UTF-8"; do
	cgi POST "$ct" "$T/body"
	status_is 200
done

# Content-Length: missing, not a number, more than the body
cgi POST $form "$T/body" CONTENT_LENGTH=
status_is 411
for cl in -1 12a " 12" 1e3 0x10 '$(id)'; do
	cgi POST $form "$T/body" "CONTENT_LENGTH=$cl"
	status_is 400
	page_has 'The Content-Length is not a number.'
done
cgi POST $form "$T/body" CONTENT_LENGTH=$(($(wc -c < "$T/body") + 5))
status_is 400
page_has 'The request body is shorter than its Content-Length.'

# exactly CONTENT_LENGTH bytes are read: the rest of standard input stays unread
n=$(wc -c < "$T/body")
{ cat "$T/body"; printf '&review=SECOND&format=json'; } > "$T/more"
env -i PATH=/usr/bin:/bin REQUEST_METHOD=POST CONTENT_TYPE=$form CONTENT_LENGTH=$n \
    RV_MODEL="$M" RV_CONF=/dev/null TMPDIR="$T/tmp" \
    "$SH" -c '"$1" > "$2"; cat > "$3"' sh "$CGI" "$T/resp" "$T/rest" < "$T/more" 2> "$T/cgierr"
printf '&review=SECOND&format=json' > "$T/want"
same "$T/rest" "$T/want"
sed '1,/^$/d' "$T/resp" > "$T/page"
page_lacks 'SECOND'
page_has 'id="verdict"'
ls "$T/tmp" | grep -q . && fail "scratch left in TMPDIR: $(ls "$T/tmp")"
exit 0
