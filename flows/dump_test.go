package flows_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
)

// scriptLine is a line of a conversation script or a golden transcript:
// "6281300000003 (Citra): mau order gamis".
var scriptLine = regexp.MustCompile(`^[0-9]+(?: \([^)]*\))?: (.*)$`)

// TestDumpTurns plays random conversations made of the dev corpus's and
// the scripts' messages on the sample shop and the evaluation shops, and
// writes every turn's replies, effects and state to the file $FLOWS_DUMP,
// for comparing the flows before and after a change that must not change
// what they do:
//
//	FLOWS_DUMP=/tmp/before.txt go test ./flows -run TestDumpTurns
func TestDumpTurns(t *testing.T) {
	out := os.Getenv("FLOWS_DUMP")
	if out == "" {
		t.Skip("set FLOWS_DUMP to a file")
	}
	var pool []string
	var scripts [][]string // each script's first sender's lines
	files, _ := filepath.Glob("../testdata/conversations/*.txt")
	more, _ := filepath.Glob("../bot/testdata/transcripts/*.txt")
	files = append(files, more...)
	for _, f := range append(files, "../testdata/corpus/messages.tsv") {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var script []string
		first := ""
		for _, l := range strings.Split(string(data), "\n") {
			if m := scriptLine.FindStringSubmatch(l); m != nil {
				who, _, _ := strings.Cut(l, ":")
				who, _, _ = strings.Cut(who, " ")
				if first == "" {
					first = who
				}
				if who == first {
					script = append(script, strings.ReplaceAll(m[1], `\n`, "\n"))
				}
			}
			if strings.HasSuffix(f, ".tsv") {
				if c := strings.Split(l, "\t"); len(c) >= 3 && !strings.HasPrefix(l, "#") && c[0] != "shop" {
					pool = append(pool, strings.ReplaceAll(c[2], `\n`, "\n"))
				}
			} else if m := scriptLine.FindStringSubmatch(l); m != nil {
				pool = append(pool, strings.ReplaceAll(m[1], `\n`, "\n"))
			}
		}
		if len(script) > 0 {
			scripts = append(scripts, script)
		}
	}
	for k := range 8 {
		pool = append(pool, episode(k, true)...)
	}
	type shopCat struct {
		name string
		shop *flows.Shop
		cat  *flows.Catalog
	}
	sample, err := config.Parse("shop.yaml", []byte(config.SampleShopYAML))
	if err != nil {
		t.Fatal(err)
	}
	sampleCat, err := config.SampleCatalog()
	if err != nil {
		t.Fatal(err)
	}
	shops := []shopCat{{"sample", sample, sampleCat}}
	dirs, _ := filepath.Glob("../testdata/shops/*")
	for _, d := range dirs {
		s, err := config.Load(filepath.Join(d, "shop.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(filepath.Join(d, "catalog.csv"))
		if err != nil {
			t.Fatal(err)
		}
		c, err := config.ReadCatalogCSV("catalog.csv", f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		shops = append(shops, shopCat{filepath.Base(d), s, c})
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	js := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			return "!" + err.Error()
		}
		return string(b)
	}
	for _, sc := range shops {
		var id int64
		for i := range sc.cat.Products {
			for j := range sc.cat.Products[i].Variants {
				id++
				sc.cat.Products[i].Variants[j].ID = id
			}
		}
		v := &benchView{cat: sc.cat, orders: map[int64][]flows.Order{}}
		rng := rand.New(rand.NewPCG(3, 4))
		for k := range 700 + len(scripts) {
			cust := flows.Customer{ID: int64(k + 1), Phone: fmt.Sprintf("62813%08d", k), PushName: "Rina"}
			at := time.Date(2026, 11, 23+rng.IntN(7), rng.IntN(24), rng.IntN(60), 0, 0, sc.shop.Location)
			var st flows.State
			var script []string
			if k >= 700 {
				script = scripts[k-700]
				at = time.Date(2026, 11, 26, 10, 0, 0, 0, sc.shop.Location)
			}
			for n := range max(len(script), 1+rng.IntN(8)) {
				text := pool[rng.IntN(len(pool))]
				if script != nil {
					if n >= len(script) {
						break
					}
					text = script[n]
				}
				res := flows.Handle(sc.shop, st, flows.Input{Customer: cust, Text: text, At: at}, v)
				fmt.Fprintf(w, "%s %d %q\n\treplies %s\n\tstate %s\n", sc.name, k, text, js(res.Replies), js(res.State))
				for _, e := range res.Effects {
					fmt.Fprintf(w, "\t%T %s\n", e, js(e))
				}
				v.apply(res.Effects)
				st = res.State
				at = at.Add(time.Duration(rng.IntN(90)) * time.Minute)
			}
		}
		for _, cmd := range []string{"/bantuan", "/pesanan", "/pesanan 1", "/komplain", "/stok", "/gudang", "/ringkasan", "/lunas 1", "/kirim 1 JNE JN123"} {
			res := flows.HandleCommand(sc.shop, flows.Staff{Phone: sc.shop.Owners[0], Role: flows.RoleOwner}, cmd, time.Date(2026, 11, 30, 10, 0, 0, 0, sc.shop.Location), v)
			fmt.Fprintf(w, "%s %q\n\treplies %s\n", sc.name, cmd, js(res.Replies))
			for _, e := range res.Effects {
				fmt.Fprintf(w, "\t%T %s\n", e, js(e))
			}
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
}
