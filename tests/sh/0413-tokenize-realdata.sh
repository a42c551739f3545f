#!/bin/sh
# Real data: a 20000-word vocabulary of the training text, then its tensors: one record per
# review, every label the right class id, and the first record holds the first review's words.
. "$RV_TOP/tests/lib.sh"
need_data

rv-clean < "$DATA/train.ft.txt" | rv-stem > "$T/prep.txt"
rv-clean < "$DATA/train.ft.txt" | rv-stem | rv-vocab -n 20000 > "$T/vocab.txt"
rv-vocab -n 20000 "$T/prep.txt" > "$T/vocab2.txt"
same "$T/vocab.txt" "$T/vocab2.txt"
[ "$(grep -vc -e '^#' -e '^__label__' "$T/vocab.txt")" -eq 20000 ] || fail "not 20000 words"
grep '^__label__' "$T/vocab.txt" | cut -f1 > "$T/labels"
printf '__label__1\n__label__2\n' > "$T/want"
same "$T/labels" "$T/want"
# the label counts are the data's
for l in 1 2; do
	n=$(grep -c "^__label__$l " "$DATA/train.ft.txt")
	grep -q "^__label__$l	$n\$" "$T/vocab.txt" || fail "count of label $l is not $n"
done
# most frequent first, ties by bytes
grep -v -e '^#' -e '^__label__' "$T/vocab.txt" > "$T/words"
sort -t "$(printf '\t')" -k 2,2nr -k 1,1 "$T/words" > "$T/sorted"
same "$T/words" "$T/sorted"

expect_exit 0 sh -c 'rv-tokenize -v "$1" "$2" > "$3"' sh "$T/vocab.txt" "$T/prep.txt" "$T/t.rvt"
err_lines 0
rv-tokenize -d "$T/t.rvt" > "$T/dump"
lines=$(wc -l < "$DATA/train.ft.txt")
[ "$(grep -vc '^#' "$T/dump")" -eq "$lines" ] || fail "not one record per review ($lines)"
sed -n 1p "$T/dump" | grep -q '^# seqlen 100 vocab 20002 sum [0-9a-f]* classes 1 2$' ||
    fail "header: $(sed -n 1p "$T/dump")"

# label 1 is class 0, label 2 class 1, record by record
cut -d ' ' -f 1 "$DATA/train.ft.txt" | sed 's/^__label__1$/0/; s/^__label__2$/1/' > "$T/want"
grep -v '^#' "$T/dump" | cut -f 1 > "$T/got"
same "$T/got" "$T/want"

# the first record: the first review's first 100 words, <unk> for words not in the vocabulary
awk -F '\t' 'NR == FNR { if ($0 !~ /^#/ && $0 !~ /^__label__/) in_v[$1] = 1; next }
    FNR == 1 { n = NF - 1; if (n > 100) n = 100
        s = ""; for (i = 2; i <= n + 1; i++) s = s (i > 2 ? " " : "") ($i in in_v ? $i : "<unk>")
        print "0\t" n "\t" s; exit }' "$T/vocab.txt" FS=' ' "$T/prep.txt" > "$T/want"
rv-tokenize -d -v "$T/vocab.txt" "$T/t.rvt" | sed -n 2p > "$T/got"
same "$T/got" "$T/want"
# and those are the words of the first review, as rv-clean and rv-stem make them
head -n 1 "$DATA/train.ft.txt" | rv-clean | rv-stem > "$T/first"
cut -f 3 "$T/got" | tr ' ' '\n' | grep -v '^<unk>$' > "$T/words"
[ -s "$T/words" ] || fail "no known word in the first record"
while read -r w; do
	grep -qw -- "$w" "$T/first" || fail "word $w is not in the first review"
done < "$T/words"
