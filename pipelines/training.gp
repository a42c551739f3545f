# training.gp: loss and accuracy per epoch, training and validation, from rv-train --log.
# in: TSV with the header "epoch train_loss train_acc valid_loss valid_acc seconds".
if (!exists("gpdir")) gpdir = 'pipelines'
load gpdir.'/style.gp'
# Columns by name, so added columns do not matter.
col(name) = system(sprintf("awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == \"%s\") print i; exit }' '%s'", name, in))
ce = int(col('epoch')); ctl = int(col('train_loss')); cta = int(col('train_acc'))
cvl = int(col('valid_loss')); cva = int(col('valid_acc'))
# rv-train keeps the parameters of the epoch with the lowest validation loss.
stats in using cvl every ::1 nooutput
best = STATS_index_min
stats in using ce every ::1 nooutput
emax = STATS_max
ebest = real(system(sprintf("awk -F '\t' -v r=%d 'NR == r + 2 { print $%d }' '%s'", best, ce, in)))
set arrow 1 from ebest, graph 0 to ebest, graph 1 nohead dt 2 lc rgb '#999999' back
# Accuracy may be logged as a fraction or as percent.
pct(x) = x <= 1 ? 100 * x : x
set xlabel 'epoch'
set xrange [emax > 1 ? 1 : 0:emax > 1 ? emax : 2]
set xtics 1
if (emax > 20) { set xtics autofreq }
set key font ',11'
do for [fmt in 'png svg'] {
	eval(fmt eq 'png' ? term_png : term_svg)
	set output out.'.'.fmt
	set multiplot layout 1, 2 title sprintf("Training curves\n{/=11 dashed: epoch %d, the lowest validation loss, whose model rv-train keeps}", ebest) font ',15'
	set title 'loss (cross-entropy)' font ',12'
	set ylabel 'loss'
	set key top right
	set yrange [0:*]
	plot in using ce:ctl every ::1 with linespoints pt 7 ps 0.8 lc rgb c_train title 'training', \
	     in using ce:cvl every ::1 with linespoints pt 5 ps 0.8 lc rgb c_valid title 'validation'
	set title 'accuracy' font ',12'
	set ylabel 'accuracy (%)'
	set key bottom right
	set yrange [*:*]
	plot in using ce:(pct(column(cta))) every ::1 with linespoints pt 7 ps 0.8 lc rgb c_train title 'training', \
	     in using ce:(pct(column(cva))) every ::1 with linespoints pt 5 ps 0.8 lc rgb c_valid title 'validation', \
	     in using ce:(pct(column(cva))):(sprintf('kept: %.1f%%', pct(column(cva)))) every ::1+best::1+best \
	        with labels offset 0, -1.2 font ',10' tc rgb c_valid notitle
	unset multiplot
	set output
}
