package lang_test

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/pesanbot/pesanbot/flows/lang"
)

func TestProbe(t *testing.T) {
	path := os.Getenv("LANG_PROBE")
	if path == "" {
		t.Skip()
	}
	shops := loadShops(t)
	f, _ := os.Open(path)
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 3 {
			continue
		}
		sh := shops[c[0]]
		ctx := sh.ctx
		if c[1] != "-" {
			ctx.Slot = lang.Slot(c[1])
		}
		rd := lang.Read(strings.ReplaceAll(c[2], `\n`, "\n"), sh.ix, ctx)
		t.Logf("%-8s %-8s %-60q => %s", c[0], c[1], c[2], strings.Join(Labels(rd), " ; "))
	}
}
