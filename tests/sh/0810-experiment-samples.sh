#!/bin/sh
# make experiment runs end to end on samples/: every chart is a PNG of the asked
# size (and an SVG), the report links them all and shows the test metrics.
. "$RV_TOP/tests/lib.sh"
command -v gnuplot > /dev/null || skip "no gnuplot"

# The experiment's make, on its own (not the jobserver of a make check around us),
# two jobs at a time.
xmake() {
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -j2 -C "$RV_TOP" --no-print-directory \
	    RVBIN="$RV_BIN" SPLIT= EXP="$T/exp" CHART_SIZE=640,400 VOCAB=300 SEQLEN=40 \
	    EPOCHS=2 THREADS=1 TRAIN_OPTS='--embed 16 --hidden 8 --dense 8' "$@"
}
expect_exit 0 xmake experiment
err_has "using samples/reviews.ft.txt split 3:1:1"

# Width and height from a PNG's IHDR chunk, after checking the signature.
png_size() {
	sig=$(od -An -tx1 -N16 "$1" | tr -d ' \n')
	case $sig in 89504e470d0a1a0a0000000d49484452) ;; *) fail "$1: not a PNG ($sig)" ;; esac
	od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d\n", (($1 * 256 + $2) * 256 + $3) * 256 + $4, (($5 * 256 + $6) * 256 + $7) * 256 + $8 }'
}

charts="balance lengths topwords wordcloud-1 wordcloud-2 training confusion roc"
for c in $charts; do
	f=$T/exp/charts/$c.png
	[ -f "$f" ] || fail "no chart $c.png"
	[ "$(png_size "$f")" = 640x400 ] || fail "$c.png is $(png_size "$f"), wanted 640x400"
	[ "$(wc -c < "$f")" -gt 5000 ] || fail "$c.png is nearly empty"
	grep -q '<svg' "$T/exp/charts/$c.svg" || fail "no SVG for $c"
	grep -q "src=\"charts/$c.png\"" "$T/exp/report.html" || fail "report lacks $c.png"
done
[ "$(ls "$T/exp/charts" | grep -c '\.png$')" -eq 8 ] || fail "charts: $(ls "$T/exp/charts")"

# Every relative link of the report leads to a file.
grep -o '\(src\|href\)="[^"#]*"' "$T/exp/report.html" | sed 's/.*="\(.*\)"/\1/' | grep -v '^[a-z]*:' |
while read -r l; do
	[ -f "$T/exp/$l" ] || { echo "broken link $l"; exit 1; }
done > "$T/links" || fail "$(cat "$T/links")"

# The report's accuracy is rv-predict's, and the options are recorded.
acc=$(sed -n 's/.*"accuracy":\([0-9.]*\).*/\1/p' "$T/exp/metrics.json")
want=$(awk -v a="$acc" 'BEGIN { printf "%.2f%%", 100 * a }')
grep -qF ">$want<" "$T/exp/report.html" || fail "report lacks accuracy $want"
grep -q '<code>VOCAB</code></td><td>300<' "$T/exp/report.html" || fail "report lacks VOCAB 300"
grep -q '<code>SEQLEN</code></td><td>40<' "$T/exp/report.html" || fail "report lacks SEQLEN 40"
grep -q '^accuracy' "$T/exp/metrics.txt" || fail "metrics.txt: $(cat "$T/exp/metrics.txt")"

# The training log has the two epochs asked for, and the model predicts the test split.
[ "$(awk 'END { print NR }' "$T/exp/train-log.tsv")" -eq 3 ] || fail "train-log: $(cat "$T/exp/train-log.tsv")"
[ "$(wc -l < "$T/exp/predictions.tsv")" -eq "$(wc -l < "$T/exp/data/test.ft.txt")" ] || fail "predictions and test differ in length"
