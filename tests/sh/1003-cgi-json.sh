#!/bin/sh
# rv.cgi by hand: format=json (field or query) or Accept: application/json
# gives one JSON object per request, every string JSON-escaped.
. "$RV_TOP/tests/lib.sh"
. "$RV_TOP/tests/web-lib.sh"
web_model
have_python=0
command -v python3 > /dev/null && have_python=1
# json_ok: the page is valid JSON (checked with python3 when there is one)
json_ok() {
	[ $have_python = 1 ] || return 0
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$T/page" 2> "$T/pyerr" ||
	    fail "not JSON: $(cat "$T/pyerr") $(head -c 300 "$T/page")"
}

sample 2
printf 'format=json&review=' > "$T/body"
printf '%s' "$text" | urlenc >> "$T/body"
cgi POST application/x-www-form-urlencoded "$T/body"
status_is 200
secure_headers application/json
json_ok
grep -q "^{\"reviews\":\[{\"review\":\"[^\"]*\",\"label\":\"$label\",\"verdict\":\"$verdict\",\"probability\":[01]\.[0-9]*,\"probabilities\":{\"1\":[01]\.[0-9]*,\"2\":[01]\.[0-9]*},\"words\":\[\"[a-z]" "$T/page" ||
    fail "JSON answer: $(cat "$T/page")"
page_has "\"counts\":{\"1\":$((2 - label)),\"2\":$((label - 1))},\"names\":{\"1\":\"negative\",\"2\":\"positive\"}}"
[ "$(wc -l < "$T/page")" -eq 1 ] || fail "JSON is not one line"

# the query string and the Accept header choose JSON too; format=html wins back
post "$text" QUERY_STRING=format=json
secure_headers application/json
post "$text" HTTP_ACCEPT='application/json, text/plain;q=0.5'
secure_headers application/json
json_ok
post "$text" HTTP_ACCEPT=application/json QUERY_STRING=format=html
secure_headers text/html

# strings are escaped: quotes, backslashes, tabs, angle brackets, controls
post "$(printf 'Great "quoted" back\\slash\ttab <script>alert(1)</script> \001 end')" QUERY_STRING=format=json
status_is 200
json_ok
page_has '"review":"Great \"quoted\" back\\slash\ttab \u003cscript\u003ealert(1)\u003c/script\u003e'
page_lacks '<script>'
if [ $have_python = 1 ]; then
	python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["reviews"][0]["review"]; sys.exit(r != sys.argv[2])' \
	    "$T/page" "$(printf 'Great "quoted" back\\slash\ttab <script>alert(1)</script> \357\277\275 end')" ||
	    fail "the review does not come back as it was sent: $(cat "$T/page")"
fi

# several reviews: one object each, in order, and the counts
sample 1; t1=$text; l1=$label
sample 2; t2=$text; l2=$label
sample 3; t3=$text; l3=$label
post "$(printf '%s\n%s\n%s' "$t1" "$t2" "$t3")" QUERY_STRING=format=json
json_ok
got=$(sed 's/"label":"\([12]\)"/\n\1\n/g' "$T/page" | grep -x '[12]' | tr -d '\n')
[ "$got" = "$l1$l2$l3" ] || fail "labels $got, wanted $l1$l2$l3"
n1=0
for l in $l1 $l2 $l3; do [ $l = 1 ] && n1=$((n1 + 1)); done
page_has "\"counts\":{\"1\":$n1,\"2\":$((3 - n1))}"

# errors are JSON too
post "" QUERY_STRING=format=json
status_is 400
secure_headers application/json
printf '{"error":"The review is empty."}\n' > "$T/want"
same "$T/page" "$T/want"

# the four programs (RV_PIPELINE=programs) answer exactly as rv-classify does
long=$(yes 'great kettle zyxwv' | head -n 60 | tr '\n' ' ')
for q in format=json format=html; do
	post "$(printf '%s\n%s\n\n%s\n%s\n__label__1 fine' "$t1" "$t2" "$long" "$t3")" QUERY_STRING=$q
	cp "$T/page" "$T/one"
	post "$(printf '%s\n%s\n\n%s\n%s\n__label__1 fine' "$t1" "$t2" "$long" "$t3")" QUERY_STRING=$q RV_PIPELINE=programs
	same "$T/page" "$T/one"
done
page_has '<h2>5 reviews</h2>'
page_has '<span class="unk">zyxwv</span>'
