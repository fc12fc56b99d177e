package lang_test

import (
	"os"
	"strings"
	"testing"

	"github.com/pesanbot/pesanbot/flows/lang"
)

// TestProbe: LANG_PROBE=file with lines shop\tslot\tcurrent\ttext
func TestProbe(t *testing.T) {
	file := os.Getenv("LANG_PROBE")
	if file == "" {
		t.Skip()
	}
	shops := loadShops(t)
	data, _ := os.ReadFile(file)
	for _, line := range strings.Split(string(data), "\n") {
		c := strings.Split(line, "\t")
		if len(c) < 4 || strings.HasPrefix(line, "#") {
			continue
		}
		var ix *lang.Index
		var ctx lang.Context
		if c[0] == "snack2" {
			ix = snackShop()
		} else {
			sh := shops[c[0]]
			ix, ctx = sh.ix, sh.ctx
		}
		if c[1] != "-" {
			ctx.Slot = lang.Slot(c[1])
		}
		if c[2] != "-" {
			ctx.Current = c[2]
		}
		text := strings.ReplaceAll(c[3], `\n`, "\n")
		text = strings.ReplaceAll(text, `\u200b`, "\u200b")
		text = strings.ReplaceAll(text, `\u200c`, "\u200c")
		text = strings.ReplaceAll(text, `\u200d`, "\u200d")
		text = strings.ReplaceAll(text, `\u200e`, "\u200e")
		text = strings.ReplaceAll(text, `\u200f`, "\u200f")
		text = strings.ReplaceAll(text, `\u00ad`, "\u00ad")
		rd := lang.Read(text, ix, ctx)
		var ex []string
		for _, it := range rd.Items {
			if len(it.Candidates) > 0 || len(it.VariantCandidates) > 0 {
				ex = append(ex, "cands="+strings.Join(it.Candidates, ",")+" vc="+strings.Join(it.VariantCandidates, ","))
			}
		}
		for _, q := range rd.Questions {
			if len(q.Candidates) > 0 || len(q.VariantCandidates) > 0 {
				ex = append(ex, "q.cands="+strings.Join(q.Candidates, ",")+" q.vc="+strings.Join(q.VariantCandidates, ","))
			}
		}
		t.Logf("%-7s %-7s %-7s %-50q => %s  %s", c[0], c[1], c[2], c[3], strings.Join(Labels(rd), " ; "), strings.Join(ex, " "))
	}
}
