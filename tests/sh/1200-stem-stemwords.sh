# Differential: rv-stem's stems equal those of libstemmer's own stemwords(1)
# for every algorithm rv-stem -l list offers, on the words of the samples
# (cleaned with every script kept) and a few words of each language.
. "$RV_TOP/tests/lib.sh"
command -v stemwords > /dev/null || skip "no stemwords (Debian libstemmer-tools)"

rv-clean -a "$S/reviews.ft.txt" | tr ' ' '\n' | grep -v '^__label__' > "$T/w1"
# words of their own language for each algorithm, lower case (rv-clean's output)
cat >> "$T/w1" <<'WORDS'
running
generously
happiness
caresses
ponies
relational
continuellement
nationalité
chevaux
mangeaient
aufeinanderfolgenden
häuser
möglichkeiten
schönsten
corriendo
rápidamente
canciones
abbandonata
velocemente
cittadini
informações
felizmente
lichamelijk
bedrijven
kærlighed
bøkene
förändringarna
hjälpsamma
kaupungeissa
taloissamme
házakban
barátságos
frumoasele
cărțile
kitaplarımızdan
güzelliği
красивыми
разговаривали
книгами
knjigama
лепотама
καλύτερος
ανθρώπων
والكتاب
المدرسة
किताबें
लड़कियों
किताबहरू
புத்தகங்கள்
գրքերը
մարդկանց
ընկերներով
քաղաքներում
etxeetan
mendiko
cançons
ràpidament
leabhair
gcailíní
knygomis
gražiausias
membacakan
perumahan
ביכער
קינדערלעך
WORDS
# one word per line, each once; rv-stem passes longer words through unstemmed
grep -v '^$' "$T/w1" | awk 'length($0) <= 256' | sort -u > "$T/words"
[ "$(wc -l < "$T/words")" -gt 300 ] || fail "too few words: $(wc -l < "$T/words")"

rv-stem -l list > "$T/algs"
[ "$(grep -cvx none "$T/algs")" -ge 20 ] || fail "rv-stem -l list: $(cat "$T/algs")"
n=0
for alg in $(grep -vx none "$T/algs"); do
	expect_exit 0 rv-stem -S -l "$alg" "$T/words"
	mv "$T/out" "$T/rv.$alg"
	[ ! -s "$T/err" ] || fail "rv-stem -l $alg: $(cat "$T/err")"
	stemwords -l "$alg" -i "$T/words" -o "$T/sw.$alg" ||
		fail "stemwords -l $alg failed"
	same "$T/sw.$alg" "$T/rv.$alg"
	# and the words changed: the algorithm did run
	cmp -s "$T/words" "$T/rv.$alg" && fail "$alg left every word as it was"
	n=$((n + 1))
done
[ "$n" -ge 20 ] || fail "only $n algorithms compared"
exit 0
