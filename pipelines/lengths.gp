# lengths.gp: review length distribution per class (percent of the class's reviews).
# in: TSV "length<TAB>CLASS..." from rv-wordfreq -l (one row per length in words).
if (!exists("gpdir")) gpdir = 'pipelines'
load gpdir.'/style.gp'
K = nfields(in) - 1
# Length covering 99% of the reviews: the right end of the x axis.
p99 = real(system("awk -F '\t' 'NR > 1 { for (i = 2; i <= NF; i++) { n[$1] += $i; t += $i } if ($1 > m) m = $1 } \
    END { for (l = 0; l <= m; l++) { c += n[l]; if (c >= 0.99 * t) { print l; exit } } print m }' '".in."'"))
binw = p99 > 400 ? 20 : p99 > 150 ? 10 : p99 > 40 ? 5 : 1
bin(x) = binw * floor(x / binw) + binw / 2.0
array tot[K + 2]
array med[K + 2]
do for [i=2:K+1] {
	stats in using i every ::1 nooutput
	tot[i] = STATS_sum
	med[i] = real(system(sprintf("awk -F '\t' -v c=%d 'NR > 1 { n += $c; v[NR] = $1; k[NR] = $c } \
	    END { for (r = 2; r <= NR; r++) { s += k[r]; if (s >= n / 2) { print v[r]; exit } } print 0 }' '%s'", i, in)))
}
set xrange [0:binw * ceil((p99 + 1) / binw)]
set yrange [0:*]
set xlabel sprintf('review length (words, bins of %d)', binw)
set ylabel 'share of the class''s reviews (%)'
set key top right font ',12'
set title 'Review length per class'
set style fill transparent solid 0.30 noborder
do for [fmt in 'png svg'] {
	eval(fmt eq 'png' ? term_png : term_svg)
	set output out.'.'.fmt
	plot for [i=2:K+1] in using (bin($1)):(tot[i] > 0 ? 100.0 * column(i) / tot[i] : 0) every ::1 \
	        smooth frequency with boxes lc rgb classcolor(field(in, i)) \
	        title sprintf('%s (%d reviews, median %d words)', classname(field(in, i)), tot[i], med[i]), \
	     for [i=2:K+1] in using (bin($1)):(tot[i] > 0 ? 100.0 * column(i) / tot[i] : 0) every ::1 \
	        smooth frequency with histeps lw 2 lc rgb classcolor(field(in, i)) notitle
	set output
}
