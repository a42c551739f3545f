# topwords.gp: the most frequent words of each class, as horizontal bars, one panel per class.
# in: TSV "word<TAB>total<TAB>CLASS..." from rv-wordfreq; n: how many words (default 25).
if (!exists("gpdir")) gpdir = 'pipelines'
load gpdir.'/style.gp'
if (!exists("n")) n = 25
K = nfields(in) - 2
# The n words most frequent in column c, most frequent first.
top(c) = sprintf("< awk -F '\t' 'NR > 1 && $%d > 0 { print $1 \"\t\" $%d }' '%s' | sort -t '\t' -k2,2nr -k1,1 | awk 'NR <= %d'", c, c, in, n)
set style fill solid 0.9 noborder
set yrange [0.4:n + 0.6]
set xrange [0:*]
set offsets 0, graph 0.18, 0, 0
set ytics scale 0 font ',10'
set xtics font ',9'
set grid xtics noytics
set xlabel 'occurrences in the class''s reviews'
set format x '%.0s%c'
do for [fmt in 'png svg'] {
	eval(fmt eq 'png' ? term_png : term_svg)
	set output out.'.'.fmt
	set multiplot layout 1, K title sprintf('The %d most frequent words per class', n) font ',15'
	do for [i=3:K+2] {
		set title classname(field(in, i)) tc rgb classcolor(field(in, i)) font ',13'
		plot top(i) using ($2 / 2):(n - $0):($2 / 2):(0.38):ytic(1) with boxxyerror lc rgb classcolor(field(in, i)), \
		     top(i) using 2:(n - $0):(sprintf(' %d', $2)) with labels left font ',8' tc rgb '#444444'
	}
	unset multiplot
	set output
}
