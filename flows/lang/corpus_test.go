package lang_test

// The evaluation corpus: labelled buyer messages over the four test shops
// in the repository's testdata/. Format, in the project's own words:
//
//	testdata/shops/<shop>/shop.yaml     a complete shop config
//	testdata/shops/<shop>/catalog.csv   sku,name,variant,price,stock,weight_grams,description,aliases,image,category
//	testdata/corpus/messages.tsv        labelled buyer messages (dev set: rules may be written against it)
//	testdata/corpus/heldout.tsv         labelled buyer messages (held out: nobody writing rules reads it)
//
// messages.tsv / heldout.tsv: tab-separated, a header line
// `shop	slot	text	labels`, `#` lines are comments.
//   - shop: hijab | snack | gadget | kosmetik
//   - slot: what the bot asked last, or `-`: `-` nothing pending; `qty`
//     ("mau berapa, Kak?" for a product already chosen); `name`, `address`,
//     `phone`, `courier` (the bot asked for that delivery detail); `confirm`
//     (order summary shown, waiting for "ya"); `choice` (a numbered list was
//     shown); `variant` (asked which colour/size).
//   - text: the message exactly as a buyer types it (no tabs; a literal `\n`
//     stands for a line break).
//   - labels: zero or more labels separated by ` ; `. Empty = nothing to read.
//     Grammar:
//
//	item=SKU|VARIANT|QTY|OP     a product line. SKU from the shop's catalog, or `*` when no product is
//	                            named and the line under discussion is meant. VARIANT: the exact variant
//	                            name from the CSV when the message determines exactly one; empty
//	                            otherwise. QTY: integer when a quantity is said, empty when not. OP: add,
//	                            set ("jadi 2", "2 aja", "bukan 3 tapi 2"), remove, replace.
//	                            "masing-masing 2" / "@2" gives each named item qty 2.
//	unknown=WORDS               a product the shop does not sell, as named ("sepatu", "kaos kaki").
//	novariant=SKU|WORDS         a variant the product does not have.
//	name=Full Name              recipient name, cleaned, title case.
//	phone=62812...              phone normalised to 62…
//	addr=TEXT                   the address text that should be kept, cleaned of chat words.
//	courier=jne|jnt|sicepat|anteraja|pos|...   (lower-case key)
//	pay=transfer|cod|qris       payment choice
//	q=price|SKU                 price question (SKU empty when no product named)
//	q=stock|SKU|VARIANT         ready/stock question (VARIANT may be empty)
//	q=ongkir|PLACE              shipping cost question; PLACE lower-case as written, empty when none
//	q=cod | q=account | q=payment | q=total | q=status | q=eta | q=discount | q=shopinfo | q=catalog | q=howto
//	act=confirm | act=deny | act=cancel | act=keep | act=greet | act=salam | act=thanks | act=done | act=human | act=abuse
//	complaint=late|wrong_item|damaged|other
//	choice=1,2 | choice=all     numbered picks
//
// Labels are compared as sets per class: items (SKU+OP of item labels,
// unknown), quantities (QTY of item labels), variants (VARIANT of item
// labels, novariant), edits (item labels with OP set/remove/replace),
// details (name, phone, addr, courier, pay), questions (q=), acts (act=,
// complaint=, choice=). A message counts for a class if it has a label of
// that class in its expectation or in the reading.

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows/lang"
)

// Accuracy floors per class, in percent: the test fails below them. They
// are set just under what the reader reaches, so that a change that reads
// worse is caught. Raise them as the reader improves; never lower the
// held-out ones to make a change pass.
var (
	devFloor = map[string]float64{
		"items": 99, "quantities": 99, "variants": 99, "edits": 98, "details": 99, "questions": 99, "acts": 99, "messages": 99,
	}
	heldoutFloor = map[string]float64{
		"items": 91, "quantities": 95, "variants": 84, "edits": 81, "details": 83, "questions": 79, "acts": 81, "messages": 83,
	}
)

var classes = []string{"items", "quantities", "variants", "edits", "details", "questions", "acts"}

const corpusRoot = "../../testdata"

// testShop is one evaluation shop, prepared for reading.
type testShop struct {
	ix  *lang.Index
	ctx lang.Context
}

func loadShops(t testing.TB) map[string]*testShop {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(corpusRoot, "shops", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no evaluation shops under %s/shops", corpusRoot)
	}
	shops := map[string]*testShop{}
	for _, d := range dirs {
		shop, err := config.Load(filepath.Join(d, "shop.yaml"))
		if err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		f, err := os.Open(filepath.Join(d, "catalog.csv"))
		if err != nil {
			t.Fatal(err)
		}
		cat, err := config.ReadCatalogCSV("catalog.csv", f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		shops[filepath.Base(d)] = &testShop{ix: cat.Index(), ctx: shop.ReadContext()}
	}
	return shops
}

// corpusRow is one labelled message.
type corpusRow struct {
	line                    int
	shop, slot, text, label string
}

func readCorpus(t testing.TB, name string) []corpusRow {
	t.Helper()
	path := filepath.Join(corpusRoot, "corpus", name)
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("corpus file missing: %v", err)
	}
	defer f.Close()
	var rows []corpusRow
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	header := false
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		if !header {
			header = true
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 3 {
			t.Errorf("%s:%d: %d columns", name, n, len(cols))
			continue
		}
		for len(cols) < 4 {
			cols = append(cols, "")
		}
		rows = append(rows, corpusRow{line: n, shop: cols[0], slot: cols[1],
			text: strings.ReplaceAll(cols[2], `\n`, "\n"), label: cols[3]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no messages", name)
	}
	return rows
}

// Labels turns a reading into the corpus's labels.
func Labels(rd lang.Reading) []string {
	var out []string
	for _, it := range rd.Items {
		sku := it.SKU
		if sku == "" {
			sku = "*"
		}
		q := ""
		if it.QtySaid {
			q = strconv.Itoa(it.Qty)
		}
		out = append(out, "item="+sku+"|"+it.Variant+"|"+q+"|"+string(it.Op))
	}
	for _, u := range rd.Unknown {
		out = append(out, "unknown="+u.Words)
	}
	for _, n := range rd.NoVariant {
		out = append(out, "novariant="+n.SKU+"|"+n.Words)
	}
	d := rd.Details
	for _, kv := range [][2]string{{"name", d.Name}, {"phone", d.Phone}, {"addr", d.Address}, {"courier", d.Courier}, {"pay", d.Payment}} {
		if kv[1] != "" {
			out = append(out, kv[0]+"="+kv[1])
		}
	}
	for _, q := range rd.Questions {
		switch q.Kind {
		case lang.QPrice:
			out = append(out, "q=price|"+q.SKU)
		case lang.QStock:
			out = append(out, "q=stock|"+q.SKU+"|"+q.Variant)
		case lang.QOngkir:
			out = append(out, "q=ongkir|"+q.Place)
		default:
			out = append(out, "q="+string(q.Kind))
		}
	}
	for _, a := range rd.Acts {
		if a.Kind == lang.ActComplaint {
			out = append(out, "complaint="+a.Complaint)
		} else {
			out = append(out, "act="+string(a.Kind))
		}
	}
	if len(rd.Choices) > 0 {
		var cs []string
		for _, c := range rd.Choices {
			if c == lang.ChoiceAll {
				cs = []string{"all"}
				break
			}
			cs = append(cs, strconv.Itoa(c))
		}
		out = append(out, "choice="+strings.Join(cs, ","))
	}
	return out
}

func splitLabels(s string) []string {
	var out []string
	for _, l := range strings.Split(s, " ; ") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// classView returns, for one class, the comparable forms of the labels and
// whether the labels concern that class at all.
func classView(class string, labels []string) ([]string, bool) {
	var out []string
	counts := false
	for _, l := range labels {
		key, val, _ := strings.Cut(l, "=")
		f := strings.Split(val, "|")
		switch class {
		case "items":
			if key == "item" && len(f) == 4 {
				out, counts = append(out, f[0]+"|"+f[3]), true
			} else if key == "unknown" {
				out, counts = append(out, l), true
			}
		case "quantities":
			if key == "item" && len(f) == 4 {
				out = append(out, f[0]+"|"+f[2])
				counts = counts || f[2] != ""
			}
		case "variants":
			if key == "item" && len(f) == 4 {
				out = append(out, f[0]+"|"+f[1])
				counts = counts || f[1] != ""
			} else if key == "novariant" {
				out, counts = append(out, l), true
			}
		case "edits":
			if key == "item" && len(f) == 4 && f[3] != "add" {
				out, counts = append(out, l), true
			}
		case "details":
			if key == "name" || key == "phone" || key == "addr" || key == "courier" || key == "pay" {
				out, counts = append(out, l), true
			}
		case "questions":
			if key == "q" {
				out, counts = append(out, l), true
			}
		case "acts":
			if key == "act" || key == "complaint" || key == "choice" {
				out, counts = append(out, l), true
			}
		}
	}
	sort.Strings(out)
	return out, counts
}

// score is one class's tally.
type score struct{ ok, n int }

func (s score) pct() float64 {
	if s.n == 0 {
		return 100
	}
	return 100 * float64(s.ok) / float64(s.n)
}

// evaluate reads every row and tallies per class; failures are described
// when show is set.
func evaluate(t *testing.T, shops map[string]*testShop, rows []corpusRow, show bool) map[string]score {
	scores := map[string]score{}
	for _, row := range rows {
		sh, ok := shops[row.shop]
		if !ok {
			t.Errorf("line %d: unknown shop %q", row.line, row.shop)
			continue
		}
		ctx := sh.ctx
		if row.slot != "-" {
			ctx.Slot = lang.Slot(row.slot)
		}
		rd := lang.Read(row.text, sh.ix, ctx)
		got, want := Labels(rd), splitLabels(row.label)
		all := true
		var bad []string
		for _, c := range classes {
			g, gc := classView(c, got)
			w, wc := classView(c, want)
			if !gc && !wc {
				continue
			}
			s := scores[c]
			s.n++
			if strings.Join(g, " ; ") == strings.Join(w, " ; ") {
				s.ok++
			} else {
				all = false
				bad = append(bad, c)
			}
			scores[c] = s
		}
		m := scores["messages"]
		m.n++
		if all {
			m.ok++
		}
		scores["messages"] = m
		if !all && show {
			sort.Strings(got)
			sort.Strings(want)
			t.Logf("line %d [%s %s] %q (%s)\n\tgot:  %s\n\twant: %s", row.line, row.shop, row.slot, row.text,
				strings.Join(bad, ","), strings.Join(got, " ; "), strings.Join(want, " ; "))
		}
	}
	return scores
}

func report(t *testing.T, name string, scores map[string]score, floor map[string]float64) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s accuracy:\n", name)
	for _, c := range append(classes, "messages") {
		s := scores[c]
		fmt.Fprintf(&b, "  %-10s %5.1f%%  (%d/%d)\n", c, s.pct(), s.ok, s.n)
	}
	t.Log(b.String())
	for _, c := range append(classes, "messages") {
		if s := scores[c]; s.pct() < floor[c] {
			t.Errorf("%s %s accuracy %.1f%% is below the floor %.1f%%", name, c, s.pct(), floor[c])
		}
	}
}

// TestCorpus reads the labelled corpus and reports accuracy per class on
// the dev set (messages.tsv, failures shown with -v) and on the held-out
// set (heldout.tsv, scores only: its messages stay unread).
func TestCorpus(t *testing.T) {
	shops := loadShops(t)
	dev := readCorpus(t, "messages.tsv")
	report(t, "dev", evaluate(t, shops, dev, testing.Verbose()), devFloor)
	held := readCorpus(t, "heldout.tsv")
	report(t, "held-out", evaluate(t, shops, held, false), heldoutFloor)
}

// TestReadOne prints the reading of one message, or of every line
// "shop<TAB>slot<TAB>text" of a file, for working on the reader:
//
//	LANG_READ="text" LANG_SHOP=hijab LANG_SLOT=qty go test ./flows/lang -run TestReadOne -v
//	LANG_READ_FILE=messages.tsv go test ./flows/lang -run TestReadOne -v
func TestReadOne(t *testing.T) {
	text, file := os.Getenv("LANG_READ"), os.Getenv("LANG_READ_FILE")
	if text == "" && file == "" {
		t.Skip("set LANG_READ to a message or LANG_READ_FILE to a file")
	}
	shops := loadShops(t)
	one := func(shop, slot, text string) {
		sh, ok := shops[shop]
		if !ok {
			sh = shops["hijab"]
		}
		ctx := sh.ctx
		if slot != "-" {
			ctx.Slot = lang.Slot(slot)
		}
		rd := lang.Read(strings.ReplaceAll(text, `\n`, "\n"), sh.ix, ctx)
		t.Logf("%-8s %-8s %-60q => %s", shop, slot, text, strings.Join(Labels(rd), " ; "))
		if file == "" {
			t.Logf("norm: %q\n%+v", rd.Norm, rd)
		}
	}
	if text != "" {
		one(os.Getenv("LANG_SHOP"), os.Getenv("LANG_SLOT"), text)
		return
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if c := strings.Split(line, "\t"); len(c) >= 3 && !strings.HasPrefix(line, "#") {
			one(c[0], c[1], c[2])
		}
	}
}
