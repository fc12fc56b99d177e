package lang_test

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/flows/lang"
)

// BenchmarkRead reads the dev corpus, one message per op, each on its shop
// with its slot: ns/op and allocs/op are per message.
//
//	go test ./flows/lang -run '^$' -bench Read -benchmem
func BenchmarkRead(b *testing.B) {
	shops := loadShops(b)
	rows := readCorpus(b, "messages.tsv")
	type msg struct {
		text string
		ix   *lang.Index
		ctx  lang.Context
	}
	msgs := make([]msg, 0, len(rows))
	for _, row := range rows {
		sh, ok := shops[row.shop]
		if !ok {
			b.Fatalf("line %d: unknown shop %q", row.line, row.shop)
		}
		ctx := sh.ctx
		if row.slot != "-" {
			ctx.Slot = lang.Slot(row.slot)
		}
		msgs = append(msgs, msg{row.text, sh.ix, ctx})
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	for i := range b.N {
		m := msgs[i%len(msgs)]
		lang.Read(m.text, m.ix, m.ctx)
	}
	reportCPU(b, cpu)
}

// BenchmarkNewIndex builds the index of the evaluation shops' catalogues,
// one shop per op.
func BenchmarkNewIndex(b *testing.B) {
	var cats [][]lang.Product
	for _, sh := range loadShops(b) {
		ps := make([]lang.Product, sh.ix.Len())
		for i := range ps {
			ps[i] = sh.ix.Product(i)
		}
		cats = append(cats, ps)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		lang.NewIndex(cats[i%len(cats)])
	}
}

// scriptLine is a buyer's or staff's line of a conversation script or a
// golden transcript: "6281300000003 (Citra): mau order gamis".
var scriptLine = regexp.MustCompile(`^[0-9]+(?: \([^)]*\))?: (.*)$`)

// dumpTexts gathers every message the repository's tests know of: the
// corpus (held-out rows flagged, so their readings are dumped as hashes),
// the intent utterances, the conversation scripts and transcripts, the
// fuzz seeds; then mutations of the dev ones.
func dumpTexts(t testing.TB) (texts []string, held map[string]bool) {
	held = map[string]bool{}
	for _, row := range readCorpus(t, "messages.tsv") {
		texts = append(texts, row.text)
	}
	for _, row := range readCorpus(t, "heldout.tsv") {
		held[row.text] = true
	}
	if data, err := os.ReadFile("testdata/utterances.tsv"); err == nil {
		for _, l := range strings.Split(string(data), "\n")[1:] {
			if c := strings.Split(l, "\t"); c[0] != "" {
				texts = append(texts, c[0])
			}
		}
	}
	var files []string
	for _, g := range []string{corpusRoot + "/conversations/*.txt", "../../bot/testdata/transcripts/*.txt", "../../examples/scripts/*.txt", "testdata/fuzz/*/*"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			l := sc.Text()
			if m := scriptLine.FindStringSubmatch(l); m != nil {
				texts = append(texts, strings.ReplaceAll(m[1], `\n`, "\n"))
			} else if q, ok := strings.CutPrefix(l, "string("); ok {
				if u, err := strconv.Unquote(strings.TrimSuffix(q, ")")); err == nil {
					texts = append(texts, u)
				}
			}
		}
	}
	base := len(texts)
	rng := rand.New(rand.NewPCG(1, 2))
	words := func(s string) []string { return strings.Fields(s) }
	for range 4000 {
		a, c := texts[rng.IntN(base)], texts[rng.IntN(base)]
		w := words(a)
		switch rng.IntN(9) {
		case 0:
			texts = append(texts, a+"\n"+c)
		case 1:
			texts = append(texts, a+" "+c)
		case 2:
			if len(w) > 1 {
				k := rng.IntN(len(w))
				w = append(w[:k:k], w[k+1:]...)
			}
			texts = append(texts, strings.Join(w, " "))
		case 3:
			if len(w) > 1 {
				i, j := rng.IntN(len(w)), rng.IntN(len(w))
				w[i], w[j] = w[j], w[i]
			}
			texts = append(texts, strings.Join(w, " "))
		case 4:
			n := []string{"2", "0", "-1", "12", "1.5", "dua", "3x", "x2", "@2", "99999999999999999999", "081234567890", "rp45.000"}[rng.IntN(12)]
			k := rng.IntN(len(w) + 1)
			w = append(w[:k:k], append([]string{n}, w[k:]...)...)
			texts = append(texts, strings.Join(w, " "))
		case 5:
			texts = append(texts, strings.ToUpper(a))
		case 6:
			if len(a) > 0 {
				k := rng.IntN(len(a))
				texts = append(texts, a[:k]+[]string{"?", ",", ".", "!", "\n", " - ", ":", "/", "😊", "\u200b"}[rng.IntN(10)]+a[k:])
			}
		case 7:
			if len(a) > 1 {
				texts = append(texts, a[:rng.IntN(len(a))])
			}
		case 8:
			if len(w) > 0 {
				k := rng.IntN(len(w))
				r := []rune(w[k])
				if len(r) > 2 {
					i := rng.IntN(len(r) - 1)
					r[i], r[i+1] = r[i+1], r[i]
				}
				w[k] = string(r)
			}
			texts = append(texts, strings.Join(w, " "))
		}
	}
	hs := make([]string, 0, len(held))
	for h := range held {
		hs = append(hs, h)
	}
	sort.Strings(hs)
	texts = append(texts, hs...)
	return texts, held
}

// TestDumpReadings writes the reading of every known message (see
// dumpTexts) on every evaluation shop in every slot to the file
// $LANG_DUMP, for comparing the reader before and after a change that
// must not change what it reads (held-out rows as hashes only):
//
//	LANG_DUMP=/tmp/before.txt go test ./flows/lang -run TestDumpReadings
func TestDumpReadings(t *testing.T) {
	out := os.Getenv("LANG_DUMP")
	if out == "" {
		t.Skip("set LANG_DUMP to a file")
	}
	shops := loadShops(t)
	names := make([]string, 0, len(shops))
	for n := range shops {
		names = append(names, n)
	}
	sort.Strings(names)
	texts, held := dumpTexts(t)
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	slots := []lang.Slot{lang.SlotNone, lang.SlotQty, lang.SlotName, lang.SlotAddress, lang.SlotPhone,
		lang.SlotCourier, lang.SlotConfirm, lang.SlotChoice, lang.SlotVariant}
	for _, text := range texts {
		nt := lang.Normalize(text)
		of, ok := lang.ParseOrderForm(text, nil)
		q, rest, qerr := lang.ExtractQuantity(text, 99)
		ph, phRest, phOK := lang.FindPhone(text)
		rn, rc, rok := lang.ReadRating(text, lang.RatingMarked(text))
		line := fmt.Sprintf("%q norm=%q intent=%#v abusive=%v form=%#v,%v details=%#v name=%v addr=%v qty=%d,%q,%v phone=%q,%q,%v arrival=%#v,%#v rating=%d,%q,%v place=%q clean=%q",
			text, nt, lang.DetectIntent(nt), lang.IsAbusive(text), of, ok, lang.ParseDetails(text, nil), lang.LooksLikeName(text), lang.LooksLikeAddress(text),
			q, rest, qerr, ph, phRest, phOK, lang.ReadArrival(text, false), lang.ReadArrival(text, true), rn, rc, rok, lang.DetectPlace(nt), lang.Clean(text, 100))
		for _, n := range names {
			sh := shops[n]
			m := lang.MatchProduct(sh.ix, text)
			area, aok := lang.FindArea(text, sh.ctx.Areas)
			inAddr, iok := lang.NewAreas(sh.ctx.Areas).FindInAddress(text)
			cour, cok := lang.MatchCourier(text, sh.ctx.Couriers)
			v, vs := lang.MatchVariant(sh.ix.Product(0).Variants, text)
			line += fmt.Sprintf(" %s: match=%#v area=%q,%v in=%q,%v courier=%q,%v variant=%d,%v", n, m, area, aok, inAddr, iok, cour, cok, v, vs)
		}
		if held[text] {
			line = fmt.Sprintf("held %x", sha256.Sum256([]byte(line)))
		}
		fmt.Fprintln(w, line)
		for _, n := range names {
			sh := shops[n]
			for _, slot := range slots {
				for _, cur := range []string{"", sh.ix.Product(0).SKU} {
					if cur != "" && slot != lang.SlotNone && slot != lang.SlotQty && slot != lang.SlotVariant {
						continue
					}
					ctx := sh.ctx
					ctx.Slot, ctx.Current = slot, cur
					if slot == lang.SlotChoice {
						ctx.Choices = 3
					}
					line := fmt.Sprintf("%q %s %s %s => %#v", text, n, slot, cur, lang.Read(text, sh.ix, ctx))
					if held[text] {
						line = fmt.Sprintf("held %x", sha256.Sum256([]byte(line)))
					}
					fmt.Fprintln(w, line)
				}
			}
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d messages", len(texts))
}

// processCPU is the process's user+system CPU time so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the process CPU time per op since start (garbage
// collection included): steadier than ns/op when other work shares the
// machine.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(processCPU()-start)/float64(b.N), "cpu-ns/op")
}
