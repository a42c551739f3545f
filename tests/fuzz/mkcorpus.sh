#!/bin/sh
# mkcorpus.sh [BUILD]: remake the seed corpora in tests/fuzz/corpus/ from
# samples/ with rv's own tools (BUILD/bin, default build/bin).  The seeds are
# kept small: a few lines, a few records, a tiny model.
set -eu
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-build}/bin
case $bin in /*) ;; *) bin=$top/$bin ;; esac
PATH=$bin:$PATH
c=$top/tests/fuzz/corpus
s=$top/samples/reviews.ft.txt
t=$(mktemp -d "${TMPDIR:-/tmp}/rv-corpus.XXXXXX")
trap 'rm -rf "$t"' EXIT
rm -rf "$c"
mkdir -p "$c/text" "$c/stem" "$c/vocab" "$c/tensor" "$c/model" "$c/form" "$c/page"

# text: a flags byte (bit 0 -d, bit 1 -a), then a raw review line
i=0
for n in 1 5 9 17 33; do
	printf "\\$(printf %03o $((i % 4)))" > "$c/text/line$i"
	sed -n "${n}p" "$s" >> "$c/text/line$i"
	i=$((i + 1))
done
printf '\003__label__x Caf\303\251 &amp;quot;na\303\257ve&quot; <b class="a">don&#39;t</b> &#x41;&euro; \316\232\317\216\316\264\316\271\316\272\316\261\317\202 42\r' > "$c/text/html"

# stem: an algorithm byte, a stop-word byte (default, none, list), a cleaned line
rv-clean "$s" | head -n 6 > "$t/clean"
i=0
while read -r line; do
	printf "\\$(printf %03o $((i * 5)))\\$(printf %03o $((i % 3)))%s" "$line" > "$c/stem/line$i"
	i=$((i + 1))
done < "$t/clean"

# vocab: the vocabulary of the samples, and a small one
rv-clean "$s" | rv-stem > "$t/stemmed"
rv-vocab -n 40 "$t/stemmed" > "$c/vocab/n40"
rv-vocab -n 3 "$t/stemmed" > "$c/vocab/n3"
rv-clean "$s" | rv-stem -S -l french | rv-vocab -n 5 > "$c/vocab/french"

# tensor: a few records, plain and gzip, unlabelled, concatenated
rv-vocab -n 30 "$t/stemmed" > "$t/v.txt"
head -n 4 "$t/stemmed" | rv-tokenize -n 6 -v "$t/v.txt" > "$c/tensor/plain"
head -n 3 "$t/stemmed" | rv-tokenize -z -n 4 -v "$t/v.txt" > "$c/tensor/gzip"
head -n 2 "$t/stemmed" | cut -d' ' -f2- | rv-tokenize -n 5 -v "$t/v.txt" > "$c/tensor/nolabel"
cat "$c/tensor/plain" "$c/tensor/plain" > "$c/tensor/concat"

# model: a mode byte (0 as is, 1 checksum fixed, 2 payload framed), then a tiny
# model or checkpoint, or its payload
rv-vocab -n 8 "$t/stemmed" > "$t/v8.txt"
rv-tokenize -n 4 -v "$t/v8.txt" "$t/stemmed" > "$t/s.rvt"
rv-train -q -e 1 -b 8 -t 1 --layers 1 --embed 2 --hidden 2 --dense 2 \
    -v "$t/v8.txt" -o "$t/m.rvm" "$t/s.rvt"
printf '\000' | cat - "$t/m.rvm" > "$c/model/model"
printf '\001' | cat - "$t/m.rvm" > "$c/model/fixed"
printf '\000' | cat - "$t/m.rvm.ckpt" > "$c/model/checkpoint"
# the payload: the bytes after the 32-byte header, inflated
python3 -c '
import sys, zlib
d = open(sys.argv[1], "rb").read()
sys.stdout.buffer.write(b"\x02" + zlib.decompress(d[32:-4]))' "$t/m.rvm" > "$c/model/payload"

# form: bodies as a browser sends them
printf 'text=%s' "$(sed -n 2p "$s" | python3 -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.stdin.read().strip()), end="")')" > "$c/form/text"
printf 'a=1&text=caf%%C3%%A9+%%3Cb%%3E%%0D%%0Aline&&b&text=second' > "$c/form/fields"
printf 'text=%%FF%%00%%7F%%C2%%85+%%e2%%80%%a8%%zz%%4' > "$c/form/bad"
# page: a flags byte (bit 0 JSON), then an answer of rv-classify -r -w and its status line
g=$top/tests/golden/1014-page.in
{ printf '\000'; cat "$g"; } > "$c/page/table"
{ printf '\001'; cat "$g"; } > "$c/page/json"
{ printf '\000'; head -n 1 "$g"; sed -n 2,3p "$g"; echo '#status 0'; } > "$c/page/one"
{ printf '\000'; head -n 2 "$g"; echo '#status 124'; } > "$c/page/late"

ls -l "$c"/*

