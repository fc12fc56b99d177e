package flows

import (
	"testing"

	"github.com/pesanbot/pesanbot/flows/lang"
)

func TestTextEmptyValues(t *testing.T) {
	s := &Shop{}
	for _, tc := range []struct{ key, product, variant, want string }{
		{"variant_ready", "Kaos Kaki Jempol", "", "*Kaos Kaki Jempol* ready 3 pcs, harga Rp12.000."},
		{"variant_ready", "Gamis Aisyah", "Hitam / M", "*Gamis Aisyah Hitam / M* ready 3 pcs, harga Rp12.000."},
	} {
		got := s.Text(tc.key, "product", tc.product, "variant", tc.variant, "stock", "3", "price", "Rp12.000")
		if got != tc.want {
			t.Errorf("Text(%s, %q, %q) = %q, want %q", tc.key, tc.product, tc.variant, got, tc.want)
		}
	}
	// Overrides win; unknown placeholders stay as written.
	s.Texts = map[string]string{"thanks": "Makasih {name}, {unknown}"}
	if got := s.Text("thanks", "name", "Rina"); got != "Makasih Rina, {unknown}" {
		t.Errorf("override = %q", got)
	}
}

func TestNoEmptyText(t *testing.T) {
	for _, k := range TextKeys() {
		if DefaultTexts[k] == "" {
			t.Errorf("text %q is empty", k)
		}
	}
}

func TestNamesSomething(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"mau order dong kak", false},
		{"fix kak saya ambil", false},
		{"ready kak?", false},
		{"mau beli sepatu 2", true},
		{"ada sepatu kak?", true},
		{"tolong pesan satu ya", false},
	} {
		if got := namesSomething(lang.Normalize(tc.text)); got != tc.want {
			t.Errorf("namesSomething(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestThumbsUpIsOke(t *testing.T) {
	if got := lang.DetectIntent(lang.Normalize("👍🏻")); got != lang.IntentConfirmYes {
		t.Errorf("DetectIntent(👍🏻) = %s, want confirm_yes", got)
	}
	if got := lang.Normalize("🙏"); got != "" {
		t.Errorf("Normalize(🙏) = %q, want empty", got)
	}
}

func TestKeepsOrder(t *testing.T) {
	for text, want := range map[string]bool{
		"gak jadi batal kak":    true,
		"jangan dibatalin ya":   true,
		"ga usah batal kak":     true,
		"ya batal aja":          false,
		"ga jadi kak batal aja": false,
		"iya kak batalin":       false,
		"tetap lanjut kak":      true,
	} {
		if got := keepsOrder(lang.Normalize(text)); got != want {
			t.Errorf("keepsOrder(%q) = %v, want %v", text, got, want)
		}
	}
}
