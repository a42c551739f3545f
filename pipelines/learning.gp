# learning.gp: test accuracy against the number of training reviews.
# in: TSV "n<TAB>accuracy" (a fraction or percent), one row per training-set size;
# note: an optional line under the title (how the models were trained).
if (!exists("gpdir")) gpdir = 'pipelines'
load gpdir.'/style.gp'
pct(x) = x <= 1 ? 100 * x : x
stats in using 1 every ::1 nooutput
nmin = STATS_min; nmax = STATS_max
set logscale x 2
set xrange [nmin / 1.4:nmax * 1.4]
set format x '%.0f'
set xtics nomirror
set offsets 0, 0, graph 0.1, graph 0.1
set xlabel 'training reviews (log scale)'
set ylabel 'test accuracy (%)'
if (!exists("note")) note = ''
set title 'Learning curve'.(note eq '' ? '' : "\n{/=11 ".note."}")
set xtics ()
do for [fmt in 'png svg'] {
	eval(fmt eq 'png' ? term_png : term_svg)
	set output out.'.'.fmt
	plot in using 1:(pct($2)):xtic(sprintf('%d', $1)) every ::1 with linespoints pt 7 ps 1.3 lw 2 lc rgb c_train notitle, \
	     in using 1:(pct($2)):(sprintf('%.1f%%', pct($2))) every ::1 with labels offset 0, 1.2 font ',11' notitle
	set output
}
