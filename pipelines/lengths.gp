# lengths.gp: review length distribution per class (percent of the class's reviews).
# in: TSV "length<TAB>CLASS..." from rv-wordfreq -l (one row per length in words).
if (!exists("gpdir")) gpdir = 'pipelines'
load gpdir.'/style.gp'
K = nfields(in) - 1
# Length covering 99% of the reviews: the right end of the x axis.
p99 = real(system("awk -F '\t' 'NR > 1 { for (i = 2; i <= NF; i++) { n[$1] += $i; t += $i } if ($1 > m) m = $1 } \
    END { for (l = 0; l <= m; l++) { c += n[l]; if (c >= 0.99 * t) { print l; exit } } print m + 0 }' '".in."'"))
binw = p99 > 400 ? 20 : p99 > 150 ? 10 : p99 > 40 ? 5 : p99 > 15 ? 2 : 1
xmax = binw * ceil((p99 + 1) / binw)
# Every bin from 0 to xmax, also the empty ones: "bin centre, percent of class 1, ...";
# longer reviews go into the last bin.
bins = sprintf("< awk -F '\t' -v w=%d -v xmax=%d 'NR > 1 { b = int($1 / w); if (b * w >= xmax) b = xmax / w - 1; \
    for (i = 2; i <= NF; i++) { n[b, i] += $i; t[i] += $i } k = NF } \
    END { for (b = 0; b * w < xmax; b++) { printf \"%%g\", b * w + w / 2; \
    for (i = 2; i <= k; i++) printf \"\t%%g\", t[i] ? 100 * n[b, i] / t[i] : 0; printf \"\\n\" } }' '%s'", binw, xmax, in)
array tot[K + 2]
array med[K + 2]
do for [i=2:K+1] {
	stats in using i every ::1 nooutput
	tot[i] = STATS_sum
	med[i] = real(system(sprintf("awk -F '\t' -v c=%d 'NR > 1 { n += $c; v[NR] = $1; k[NR] = $c } \
	    END { for (r = 2; r <= NR; r++) { s += k[r]; if (s >= n / 2) { print v[r]; exit } } print 0 }' '%s'", i, in)))
}
set xrange [0:xmax]
set yrange [0:*]
set xlabel sprintf('review length (words%s)', binw > 1 ? sprintf(', bins of %d', binw) : '')
set ylabel 'share of the class''s reviews (%)'
set key top right font ',12'
set title 'Review length per class (training set)'
set boxwidth binw absolute
set style fill transparent solid 0.30 noborder
do for [fmt in 'png svg'] {
	eval(fmt eq 'png' ? term_png : term_svg)
	set output out.'.'.fmt
	plot for [i=2:K+1] bins using 1:i with boxes lc rgb classcolor(field(in, i)) \
	        title sprintf('%s (%d reviews, median %d words)', classname(field(in, i)), tot[i], med[i]), \
	     for [i=2:K+1] bins using 1:i with histeps lw 2 lc rgb classcolor(field(in, i)) notitle
	set output
}
