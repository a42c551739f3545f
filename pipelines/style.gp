# style.gp: what every rv chart shares: fonts, class colours, the two terminals.
# The other pipelines/*.gp scripts load it; each is run from the top directory as
#   gnuplot -e "in='data.tsv'; out='dir/name'; size='1000,620'" pipelines/NAME.gp
# and writes dir/name.png (pngcairo) and dir/name.svg of that size in pixels.
if (!exists("size")) size = '1000,620'
W = int(word(system("echo '".size."' | tr , ' '"), 1))
H = int(word(system("echo '".size."' | tr , ' '"), 2))
font = 'DejaVu Sans'
# Negative is red, positive is blue: apart for colour-blind eyes too.
c_neg = '#c0392b'
c_pos = '#2471a3'
c_other = '#7d8c2b'
c_train = '#34495e'
c_valid = '#e67e22'
# The Amazon polarity classes are named 1 and 2: show them as words.
classname(s) = s eq '1' ? 'negative' : s eq '2' ? 'positive' : s
classcolor(s) = s eq '1' ? c_neg : s eq '2' ? c_pos : c_other
# The first line of a TSV file (its header), and field i of it.
header(f) = system("head -n 1 '".f."'")
field(f, i) = word(header(f), i)
nfields(f) = words(header(f))

# pngcairo draws 1 pt as 4/3 pixel and svg as 1 pixel: fontscale makes them agree.
term_png = sprintf('set term pngcairo size %d,%d font "%s,11" enhanced background "white" linewidth 1.5', W, H, font)
term_svg = sprintf('set term svg size %d,%d font "%s,11" fontscale 1.3333 enhanced background "white" linewidth 1.5', W, H, font)

set border 3 lc rgb '#555555'
set tics nomirror textcolor rgb '#333333'
set grid lc rgb '#e0e0e0' lw 1
set key noautotitle
set datafile separator "\t"
set title font ',15'
