package bot

import (
	"strings"
	"testing"

	"github.com/pesanbot/pesanbot/config"
)

// TestReadAhead: with burst_window 0 a customer's messages after the first
// are read before their turns take the write lock, and the turns take those
// readings; the chat gets the same replies as one whose messages are all
// read in their turns (the shop is the same, the readings are pure).
func TestReadAhead(t *testing.T) {
	script := []string{"halo kak", "mau pashmina hitam 2", "jadi 3 aja", "ongkir ke bekasi brp",
		"Rina, Jl. Melati 3 Bekasi 17111, 081234567890, jne", "ya", "makasih kak"}
	run := func(ahead bool) (replies string, used int64) {
		h := newHarness(t, config.SampleShopYAML, config.SampleCatalogCSV, immediate)
		const c = "6281300000201"
		for _, text := range script {
			if !ahead {
				h.b.reads = readAheads{} // nothing remembered: every message is read in its turn
			}
			h.receive(Message{Phone: c, PushName: "Rina", Text: text})
			h.settle()
		}
		return joinTexts(outTo(h.log.snapshot(), c)), h.b.reads.used.Load()
	}
	plain, none := run(false)
	early, used := run(true)
	if none != 0 {
		t.Fatalf("%d readings taken with nothing remembered", none)
	}
	if used < int64(len(script)/2) {
		t.Errorf("only %d of %d messages were read ahead and taken", used, len(script))
	}
	if early != plain {
		t.Errorf("replies with messages read ahead:\n%s\nread in their turns:\n%s", early, plain)
	}
	if !strings.Contains(plain, "Pashmina") {
		t.Fatalf("the script did not order: %s", plain)
	}
}
