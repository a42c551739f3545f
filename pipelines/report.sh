#!/bin/sh
# report.sh: one HTML page for an experiment directory: metrics, configuration, charts.
# Usage: sh pipelines/report.sh EXPDIR > EXPDIR/report.html
# Reads EXPDIR/metrics.json (rv-predict -e --json on the test set), metrics-valid.json,
# train-log.tsv (rv-train --log), opts/config (NAME<TAB>value lines), vocab.txt,
# eda/balance.tsv and charts/*.png; every link is relative to EXPDIR.
set -eu
[ $# -eq 1 ] || { echo "usage: report.sh expdir" >&2; exit 2; }
d=$1
for f in metrics.json opts/config; do
	[ -f "$d/$f" ] || { echo "report.sh: $d/$f: no such file" >&2; exit 1; }
done

esc() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'; }
# json KEY FILE: the number after "KEY": in a one-line JSON object (empty if none).
json() { sed -n "s/.*\"$1\":\(-\{0,1\}[0-9.eE+-]*\).*/\1/p" "$2" | head -n 1; }
pct() { awk -v x="$1" 'BEGIN { if (x == "") print "&ndash;"; else printf "%.2f%%", 100 * x }'; }
num() { awk -v x="$1" 'BEGIN { if (x == "") print "&ndash;"; else printf "%.4f", x }'; }
# Class names 1 and 2 of the Amazon data are negative and positive.
cname() { case $1 in 1) echo "negative (1)" ;; 2) echo "positive (2)" ;; *) printf '%s\n' "$1" | esc ;; esac; }

title="rv experiment: $(basename "$d")"
acc=$(json accuracy "$d/metrics.json")
f1=$(json macro_f1 "$d/metrics.json")
auc=$(json roc_auc "$d/metrics.json")
ll=$(json log_loss "$d/metrics.json")
ntest=$(json records "$d/metrics.json")
vacc= vf1= vauc= vll= nvalid=
if [ -f "$d/metrics-valid.json" ]; then
	vacc=$(json accuracy "$d/metrics-valid.json")
	vf1=$(json macro_f1 "$d/metrics-valid.json")
	vauc=$(json roc_auc "$d/metrics-valid.json")
	vll=$(json log_loss "$d/metrics-valid.json")
	nvalid=$(json records "$d/metrics-valid.json")
fi

# Per-class rows of a metrics file: name precision recall f1 support, tab-separated.
classes() {
	awk '{
		t = $0
		while (match(t, /\{"name":"([^"\\]|\\.)*"[^}]*\}/)) {
			o = substr(t, RSTART, RLENGTH); t = substr(t, RSTART + RLENGTH)
			match(o, /"name":"([^"\\]|\\.)*"/); name = substr(o, RSTART + 8, RLENGTH - 9)
			printf "%s", name
			n = split("precision recall f1 support", k, " ")
			for (i = 1; i <= n; i++) {
				v = ""
				if (match(o, "\"" k[i] "\":[-0-9.eE+]*")) v = substr(o, RSTART + length(k[i]) + 3, RLENGTH - length(k[i]) - 3)
				printf "\t%s", v
			}
			printf "\n"
		}
	}' "$1"
}

# Training summary from the log: epochs, seconds, and the epoch rv-train keeps (the
# lowest validation loss) with its validation loss and accuracy.
train_summary() {
	[ -f "$d/train-log.tsv" ] || return 0
	awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ n++; s += $(c["seconds"]); l = $(c["valid_loss"]) + 0
	  if (n == 1 || l < bl) { bl = l; be = $(c["epoch"]); ba = $(c["valid_acc"]); if (ba > 1) ba /= 100 } }
	END { if (n) printf "%d\t%.0f\t%d\t%.4f\t%.4f\n", n, s, be, bl, ba }' "$d/train-log.tsv"
}

chart() {	# name caption
	[ -f "$d/charts/$1.png" ] || return 0
	svg=
	[ -f "$d/charts/$1.svg" ] && svg=" &middot; <a href=\"charts/$1.svg\">SVG</a>"
	printf '<figure><a href="charts/%s.png"><img src="charts/%s.png" alt="%s"></a>\n' "$1" "$1" "$2"
	printf '<figcaption>%s%s</figcaption></figure>\n' "$2" "$svg"
}

cat <<EOF
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$(printf '%s' "$title" | esc)</title>
<style>
:root { --neg: #c0392b; --pos: #2471a3; --ink: #1f2d3a; --muted: #6b7785; --line: #e3e8ee; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 "DejaVu Sans", system-ui, -apple-system, "Segoe UI", sans-serif;
  color: var(--ink); background: #f4f6f9; }
header { background: linear-gradient(120deg, #1f3a5c, #2471a3); color: white; padding: 28px 40px 24px; }
header h1 { margin: 0 0 4px; font-size: 26px; font-weight: 600; }
header p { margin: 0; opacity: .85; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 24px 60px; }
section { background: white; border: 1px solid var(--line); border-radius: 10px;
  padding: 20px 24px; margin: 0 0 22px; box-shadow: 0 1px 2px rgba(0,0,0,.04); }
h2 { margin: 0 0 14px; font-size: 19px; font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 14px; margin-bottom: 18px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; background: #fafbfd; }
.card .v { font-size: 28px; font-weight: 600; }
.card .k { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); }
th { color: var(--muted); font-weight: 600; font-size: 13px; text-transform: uppercase; letter-spacing: .03em; }
td.n, th.n { text-align: right; }
.neg { color: var(--neg); font-weight: 600; }
.pos { color: var(--pos); font-weight: 600; }
code { font: 13px "DejaVu Sans Mono", monospace; background: #eef2f6; padding: 1px 5px; border-radius: 4px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 18px; }
figure { margin: 0; }
figure img { width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; display: block; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; }
footer { color: var(--muted); font-size: 13px; text-align: center; }
</style>
</head>
<body>
<header>
<h1>$(printf '%s' "$title" | esc)</h1>
<p>Bidirectional LSTM sentiment classifier &middot; $(date -u '+%Y-%m-%d %H:%M UTC') &middot; data: $(awk -F '\t' '$1 == "data" { print $2 }' "$d/opts/config" | esc)</p>
</header>
<main>
<section>
<h2>Results on the test set</h2>
<div class="cards">
<div class="card"><div class="v">$(pct "$acc")</div><div class="k">accuracy ($ntest reviews)</div></div>
<div class="card"><div class="v">$(num "$f1")</div><div class="k">macro F1</div></div>
<div class="card"><div class="v">$(num "$auc")</div><div class="k">ROC AUC</div></div>
<div class="card"><div class="v">$(num "$ll")</div><div class="k">log loss</div></div>
</div>
<table>
<tr><th>metric</th><th class="n">test</th><th class="n">validation</th></tr>
<tr><td>reviews</td><td class="n">$ntest</td><td class="n">${nvalid:-&ndash;}</td></tr>
<tr><td>accuracy</td><td class="n">$(pct "$acc")</td><td class="n">$(pct "$vacc")</td></tr>
<tr><td>macro F1</td><td class="n">$(num "$f1")</td><td class="n">$(num "$vf1")</td></tr>
<tr><td>ROC AUC</td><td class="n">$(num "$auc")</td><td class="n">$(num "$vauc")</td></tr>
<tr><td>log loss</td><td class="n">$(num "$ll")</td><td class="n">$(num "$vll")</td></tr>
</table>
<table>
<tr><th>class (test set)</th><th class="n">precision</th><th class="n">recall</th><th class="n">F1</th><th class="n">support</th></tr>
EOF
classes "$d/metrics.json" | while IFS="$(printf '\t')" read -r name p r f s; do
	case $name in 1) cls=neg ;; 2) cls=pos ;; *) cls= ;; esac
	printf '<tr><td class="%s">%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td></tr>\n' \
	    "$cls" "$(cname "$name")" "$(num "$p")" "$(num "$r")" "$(num "$f")" "$s"
done
echo '</table>'
echo '<div class="grid">'
chart confusion "Confusion matrix: counts, and the share of each true class"
chart roc "ROC curve of the positive class; the dot is the 0.5 threshold"
echo '</div>'
echo '</section>'

summary=$(train_summary)
echo '<section>'
echo '<h2>Training</h2>'
if [ -n "$summary" ]; then
	printf '%s\n' "$summary" | awk -F '\t' '{ printf "<p>%d epoch%s in %d s. The model is that of epoch %d, the lowest validation loss (%.4f; validation accuracy %.2f%%).</p>\n", $1, $1 == 1 ? "" : "s", $2, $3, $4, 100 * $5 }'
fi
chart training "Loss and accuracy per epoch, on the training and the validation set"
echo '</section>'

echo '<section>'
echo '<h2>Data</h2>'
if [ -f "$d/eda/balance.tsv" ]; then
	echo '<table>'
	awk -F '\t' 'NR == 1 { printf "<tr><th>split</th>"; for (i = 2; i <= NF; i++) { h[i] = $i; printf "<th class=\"n\">%s</th>", $i == "1" ? "negative" : $i == "2" ? "positive" : $i } print "<th class=\"n\">total</th></tr>"; next }
	{ t = 0; for (i = 2; i <= NF; i++) t += $i
	  printf "<tr><td>%s</td>", $1; for (i = 2; i <= NF; i++) printf "<td class=\"n\">%d (%.1f%%)</td>", $i, t ? 100 * $i / t : 0; printf "<td class=\"n\">%d</td></tr>\n", t }' "$d/eda/balance.tsv"
	echo '</table>'
fi
echo '<div class="grid">'
chart balance "Reviews per class in each split"
chart lengths "Review length in words (cleaned training text), per class"
echo '</div>'
echo '</section>'

echo '<section>'
echo '<h2>Words</h2>'
chart topwords "The 25 most frequent words of each class (stemmed training text, stop words removed)"
echo '<div class="grid">'
for f in "$d"/charts/wordcloud-*.png; do
	[ -f "$f" ] || continue
	c=${f##*/wordcloud-}
	c=${c%.png}
	chart "wordcloud-$c" "Words typical of $(cname "$c") reviews, sized by over-representation"
done
echo '</div>'
echo '</section>'

# The learning curve, when it was made for this model (newer than the model).
if [ -f "$d/charts/learning.png" ] && ! [ "$d/model.rvm" -nt "$d/charts/learning.png" ]; then
	echo '<section>'
	echo '<h2>Learning curve</h2>'
	chart learning "Test accuracy against the number of training reviews"
	echo '</section>'
fi

echo '<section>'
echo '<h2>Configuration</h2>'
echo '<table>'
echo '<tr><th>setting</th><th>value</th></tr>'
esc < "$d/opts/config" | awk -F '\t' '{ printf "<tr><td><code>%s</code></td><td>%s</td></tr>\n", $1, $2 == "" ? "&ndash;" : $2 }'
if [ -f "$d/vocab.txt" ]; then
	prep=$(sed -n 's/^#prep //p' "$d/vocab.txt" | head -n 1 | esc)
	nv=$(grep -cv '^#\|^__label__' "$d/vocab.txt" || true)
	printf '<tr><td>preparation profile</td><td><code>%s</code></td></tr>\n' "${prep:-default}"
	printf '<tr><td>vocabulary</td><td>%s words (and the 2 reserved ids)</td></tr>\n' "$nv"
fi
echo '</table>'
echo '<p>Files: <a href="metrics.txt">metrics.txt</a> &middot; <a href="metrics.json">metrics.json</a> &middot;'
echo '<a href="train-log.tsv">train-log.tsv</a> &middot; <a href="vocab.txt">vocab.txt</a> &middot; <a href="model.rvm">model.rvm</a></p>'
echo '</section>'
echo '<footer>Made by <code>make experiment</code> (pipelines/experiment.mk) with rv and gnuplot.</footer>'
echo '</main>'
echo '</body>'
echo '</html>'
