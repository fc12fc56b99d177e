package bot

import (
	"strings"
	"testing"
	"time"
)

// FuzzParseScript checks the simulate script reader on any text: no panic;
// either an error that names the file and line, or lines that make sense
// (a wait within a year, or a message from "owner" or 5-20 digits).
func FuzzParseScript(f *testing.F) {
	for _, s := range []string{
		"6281300000001 (Budi): halo kak\n6281300000001: 1\n",
		"# comment\n\n~ 26h\nowner: /pesanan\n+6281300000002: [gambar] ini bukti tf\n",
		"\ufeff6281300000003: *FORMAT ORDER*\nNama: Dewi\nAlamat: Jl. Kenari 1\n",
		"~ 1h30m\n~ 5d\n~ 367d\n", "~ 99999999999999999999s\n", "~ 10x\n", "~\n", "lanjutan tanpa pengirim\n",
		"owner (Siti): /stok\r\n6281: pendek\n", "62813000000011112222333: terlalu panjang\n", "6281300000001 (Budi: kurung\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lines, err := ParseScript("fuzz.txt", strings.NewReader(s))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.txt:") {
				t.Fatalf("error does not name the file and line: %v", err)
			}
			return
		}
		prev := 0
		for _, l := range lines {
			if l.Line <= prev {
				t.Fatalf("line numbers out of order: %+v", lines)
			}
			prev = l.Line
			switch {
			case l.Wait < 0 || l.Wait > 366*24*time.Hour:
				t.Fatalf("wait %v out of range", l.Wait)
			case l.Wait > 0 && l.Sender != "":
				t.Fatalf("a wait with a sender: %+v", l)
			case l.Sender != "" && l.Sender != "owner" && (len(l.Sender) < 5 || len(l.Sender) > 20 || strings.Trim(l.Sender, "0123456789") != ""):
				t.Fatalf("bad sender %q", l.Sender)
			}
		}
	})
}
