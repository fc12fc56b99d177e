package shipping

import (
	"testing"
	"time"
)

func TestOrderCourierCode(t *testing.T) {
	for in, want := range map[string]string{
		"JNE": "jne", "JNE REG": "jne", "J&T": "jnt", "J&T EZ": "jnt", "j&t cargo": "jtl", "J&T Cargo REG": "jtl",
		"SiCepat BEST": "sicepat", "Si Cepat": "sicepat", "Pos Indonesia Kilat": "pos", "Kurir Toko": "", "": "",
	} {
		if got := OrderCourierCode(in); got != want {
			t.Errorf("OrderCourierCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLastMove(t *testing.T) {
	at := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	if !(Track{}).LastMove().IsZero() {
		t.Error("no events: zero time")
	}
	tr := Track{Events: []Event{{At: at, Text: "tiba"}, {At: at.Add(-time.Hour), Text: "dikirim"}}}
	if got := tr.LastMove(); !got.Equal(at) {
		t.Errorf("LastMove = %v, want the newest event %v", got, at)
	}
}
