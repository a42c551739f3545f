# balance.gp: reviews per class in each split, as grouped bars with counts.
# The splits sit at x = 0, 1, 2 ($0 counts the rows after the header).
# in: TSV "split<TAB>CLASS...", one row per split (train, valid, test).
if (!exists("gpdir")) gpdir = 'pipelines'
load gpdir.'/style.gp'
K = nfields(in) - 1
bw = 0.8 / K
off(i) = (i - 2 - (K - 1) / 2.0) * bw
rowsum = 'sum [j=2:K+1] column(j)'
nrow = int(system("awk 'END { print NR - 1 }' '".in."'"))
set style fill solid 0.9 border lc rgb 'white'
set boxwidth bw * 0.95 absolute
set xrange [-0.6:nrow - 0.4]
set yrange [0:*]
set offsets 0, 0, graph 0.12, 0
set xtics scale 0 font ',12'
set grid noxtics ytics
set ylabel 'reviews'
set xlabel 'split'
set key top right font ',12'
set title 'Class balance per split'
do for [fmt in 'png svg'] {
	eval(fmt eq 'png' ? term_png : term_svg)
	set output out.'.'.fmt
	plot in using ($0):(NaN):xtic(1) every ::1 notitle, \
	     for [i=2:K+1] in using ($0 + off(i)):i every ::1 with boxes \
	        lc rgb classcolor(field(in, i)) title classname(field(in, i)), \
	     for [i=2:K+1] in using ($0 + off(i)):i:(sprintf('%d (%.1f%%)', column(i), 100.0 * column(i) / @rowsum)) \
	        every ::1 with labels offset 0, 0.8 font ',10' notitle
	set output
}
