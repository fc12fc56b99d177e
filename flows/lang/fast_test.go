package lang

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The reference forms of functions rewritten to allocate less: the
// rewrites must give the same answers on every input.

func refLevenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	row := make([]int, len(rb)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			next := min(row[j]+1, row[j-1]+1, diag+cost)
			diag, row[j] = row[j], next
		}
	}
	return row[len(rb)]
}

func refJaroWinkler(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 && len(rb) == 0 {
		return 1
	}
	if len(ra) == 0 || len(rb) == 0 {
		return 0
	}
	window := max(len(ra), len(rb))/2 - 1
	if window < 0 {
		window = 0
	}
	ma, mb := make([]bool, len(ra)), make([]bool, len(rb))
	matches := 0
	for i := range ra {
		lo, hi := max(0, i-window), min(len(rb)-1, i+window)
		for j := lo; j <= hi; j++ {
			if !mb[j] && ra[i] == rb[j] {
				ma[i], mb[j] = true, true
				matches++
				break
			}
		}
	}
	if matches == 0 {
		return 0
	}
	half, j := 0, 0
	for i := range ra {
		if !ma[i] {
			continue
		}
		for !mb[j] {
			j++
		}
		if ra[i] != rb[j] {
			half++
		}
		j++
	}
	m := float64(matches)
	jaro := (m/float64(len(ra)) + m/float64(len(rb)) + (m-float64(half/2))/m) / 3
	prefix := 0
	for prefix < min(4, len(ra), len(rb)) && ra[prefix] == rb[prefix] {
		prefix++
	}
	return jaro + float64(prefix)*0.1*(1-jaro)
}

func refTypo(want, got string) bool {
	wr, gr := []rune(want), []rune(got)
	if len(wr) < 4 || len(gr) < 3 || wr[0] != gr[0] || hasDigit(want) || hasDigit(got) || chatWords[got] {
		return false
	}
	budget := 1
	if len(wr) >= 7 {
		budget = 2
	}
	if d := len(wr) - len(gr); d > budget || -d > budget {
		return false
	}
	return refLevenshtein(want, got) <= budget
}

func refWordSim(want, got string, typos bool) (float64, bool) {
	if got == want || strings.TrimSuffix(got, "nya") == want {
		return 1, true
	}
	if typos && refTypo(want, got) {
		return refJaroWinkler(want, got), false
	}
	return 0, false
}

func refNormalize(s string) string {
	s = capRunes(strings.ToValidUTF8(s, ""), MaxParseRunes)
	s = okEmoji.Replace(s)
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	var last rune
	run := 0
	for _, r := range s {
		if unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
			continue
		}
		r = unicode.ToLower(r)
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '/' && r != '.' && r != ',' && r != '-' && r != '+' {
			r = ' '
		}
		if r == last {
			run++
		} else {
			run = 1
			last = r
		}
		if unicode.IsLetter(r) && run > 2 {
			continue
		}
		b.WriteRune(r)
	}
	words := strings.Fields(b.String())
	out := words[:0]
	for _, w := range words {
		w = strings.Trim(w, ".,-+/")
		if w == "" {
			continue
		}
		if m, ok := slang[w]; ok {
			w = m
		} else if folded := foldPairs(w); folded != w {
			if m, ok := slang[folded]; ok {
				w = m
			}
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

func refMatchWords(s string) []string {
	var out []string
	for _, w := range Words(Normalize(s)) {
		for _, p := range strings.Split(w, "/") {
			if p = strings.Trim(p, ".,-+"); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

func refCompact(words ...string) string {
	var b strings.Builder
	for _, w := range words {
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(unicode.ToLower(r))
			}
		}
	}
	return b.String()
}

func refCourierCompact(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func refFoldLetters(w string) string {
	var b strings.Builder
	var last rune
	run := 0
	for _, r := range w {
		if r == last {
			run++
		} else {
			run, last = 1, r
		}
		if run > 2 && unicode.IsLetter(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var fastSeeds = []string{"", "a", "pashmina", "pasmina", "pashminaa", "gamis", "gamisnya", "kaaak", "KAK", "J&T", "jnt", "jne", "sicepat",
	"si cepat", "gms-01", "GMS 01", "ÉCLAIR", "éclair", "ﬁne", "\xff\xfe", "a\xffb", "\uFFFD\uFFFD\uFFFD", "٣٣", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	strings.Repeat("ab", 40), "khimar", "khimer", "bergo", "brgo", "mukena", "mukenah", "ooo", "ŁŁŁ", "日本語日本語", "100gr", "12", "nya", "gamisnya", "pashminanya",
	"İSTANBUL", "KAAAK brp", "\u200bpash\u00admina", "ok👍", "✅ sip", "a\tb\u00a0c\u0085d", "..-+/", "x/y.z,w-v+u", "ＡＢＣ１２３", "ǅemal", "ΣΊΣΥΦΟΣ", "kakk", "okee", "hitam/m", "a//b", "/", "/x/", "S/M/L", "level 3/100gr"}

func checkFast(t *testing.T, a, b string) {
	if got, want := Levenshtein(a, b), refLevenshtein(a, b); got != want {
		t.Fatalf("Levenshtein(%q, %q) = %d, want %d", a, b, got, want)
	}
	if got, want := JaroWinkler(a, b), refJaroWinkler(a, b); got != want {
		t.Fatalf("JaroWinkler(%q, %q) = %v, want %v", a, b, got, want)
	}
	if got, want := typo(a, b), refTypo(a, b); got != want {
		t.Fatalf("typo(%q, %q) = %v, want %v", a, b, got, want)
	}
	for _, typos := range []bool{false, true} {
		s, e := wordSim(a, b, typos)
		rs, re := refWordSim(a, b, typos)
		if s != rs || e != re {
			t.Fatalf("wordSim(%q, %q, %v) = %v, %v, want %v, %v", a, b, typos, s, e, rs, re)
		}
	}
	if got, want := compact(a), refCompact(a); got != want {
		t.Fatalf("compact(%q) = %q, want %q", a, got, want)
	}
	if got, want := compact(a, b), refCompact(a, b); got != want {
		t.Fatalf("compact(%q, %q) = %q, want %q", a, b, got, want)
	}
	if got, want := courierCompact(a), refCourierCompact(a); got != want {
		t.Fatalf("courierCompact(%q) = %q, want %q", a, got, want)
	}
	for _, x := range []string{a, a + " " + b, b + "\n" + a, strings.ToUpper(a) + "!! " + b} {
		if got, want := Normalize(x), refNormalize(x); got != want {
			t.Fatalf("Normalize(%q) = %q, want %q", x, got, want)
		}
		if got, want := matchWords(x), refMatchWords(x); !slices.Equal(got, want) {
			t.Fatalf("matchWords(%q) = %q, want %q", x, got, want)
		}
	}
	if got, want := foldLetters(a), refFoldLetters(a); got != want {
		t.Fatalf("foldLetters(%q) = %q, want %q", a, got, want)
	}
}

func TestFastMatchesReference(t *testing.T) {
	for _, a := range fastSeeds {
		for _, b := range fastSeeds {
			checkFast(t, a, b)
		}
	}
}

func FuzzFastMatchesReference(f *testing.F) {
	for i, a := range fastSeeds {
		f.Add(a, fastSeeds[(i+1)%len(fastSeeds)])
	}
	f.Fuzz(checkFast)
}

// The areas' words are built once per list of areas and shared by
// concurrent readers; another list gets its own.
func TestAreaWordsShared(t *testing.T) {
	a := []string{"Jakarta", "jaksel", "Kab. Bandung Barat"}
	b := []string{"Jakarta", "jaksel", "Kab. Bandung Barat"}
	if areaWordsOf(a) != areaWordsOf(b) {
		t.Fatal("the same areas were read twice")
	}
	c := []string{"Jakarta", "jaksel", "Kota Bandung"}
	w := areaWordsOf(c)
	if w == areaWordsOf(a) || strings.Join(w.toks[2], " ") != "kota bandung" || strings.Join(w.fields[0], " ") != "jakarta" {
		t.Fatalf("areas %q read as %q / %q", c, w.toks, w.fields)
	}
	done := make(chan bool)
	for g := range 4 {
		go func() {
			for i := range 200 {
				names := []string{"Bekasi", "Depok " + strings.Repeat("x", (g+i)%10)}
				if got := areaWordsOf(names); len(got.toks) != 2 || got.toks[0][0] != "bekasi" {
					t.Errorf("areas %q read as %q", names, got.toks)
				}
			}
			done <- true
		}()
	}
	for range 4 {
		<-done
	}
}

// A keyword set made inside a function (after the package's variables)
// registers no key numbers, so reading never writes shared tables, and
// tests words as a set made at start does.
func TestKeySetMadeLate(t *testing.T) {
	buildKeySets()
	n := len(keyIDs)
	if n == 0 {
		t.Fatal("the package's keyword sets numbered no keys")
	}
	late := keySet("transfer", "bayar", "kirimin", "zzkata-baru")
	if len(keyIDs) != n || !late.late {
		t.Fatalf("a set made at run time numbered keys: %d -> %d, late %v", n, len(keyIDs), late.late)
	}
	for _, text := range []string{"udah tf kak", "mau bayar", "tolong kirimin", "zzkata-baru dong", "halo kak", ""} {
		u := newUtterance(Normalize(text))
		if got, want := u.has(late), u.has(ksTransferBayar) || u.has(sendWords) || slices.Contains(u.keys, intentKey("zzkata-baru")); got != want {
			t.Errorf("%q: late set has = %v, want %v", text, got, want)
		}
		if got, want := u.has(late), u.hasMap(late.m); got != want {
			t.Errorf("%q: has = %v, by the map %v", text, got, want)
		}
	}
}

// The package's keyword sets are built when the first message is read, not
// when the package is initialised: a fresh process (this test binary run
// again) holds them unbuilt until then, and builds every one, numbering
// each key once, at the first read.
func TestKeySetsBuiltOnFirstUse(t *testing.T) {
	if os.Getenv("LANG_KEYSETS_CHILD") == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKeySetsBuiltOnFirstUse$", "-test.count=1")
		cmd.Env = append(os.Environ(), "LANG_KEYSETS_CHILD=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("child: %v\n%s", err, out)
		}
		return
	}
	if keyIDs != nil || len(pendingSets) == 0 || ksTransferBayar.m != nil || ksTransferBayar.words == nil {
		t.Fatalf("keyword sets built at start-up: %d keys numbered, %d pending", len(keyIDs), len(pendingSets))
	}
	pending := len(pendingSets)
	Read("mau bayar transfer kak", nil, Context{})
	if len(keyIDs) == 0 || pendingSets != nil || !ksTransferBayar.contains("bayar") || ksTransferBayar.words != nil {
		t.Fatalf("first read built %d keys of %d sets; still pending %d", len(keyIDs), pending, len(pendingSets))
	}
	want := map[string]bool{}
	for _, s := range []*keywordSet{ksTransferBayar, yesWords, noWords, abuseWords} {
		for k := range s.m {
			want[k] = true
			if id := keyID(k); id < 0 || s.bits[id>>6]&(1<<(id&63)) == 0 {
				t.Errorf("key %q: number %d not in its set's bits", k, id)
			}
		}
	}
	if keyID("zzbukan-kata") != -1 {
		t.Error("a word of no set has a number")
	}
}
