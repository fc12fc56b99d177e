package lang

import (
	"math"
	"testing"
)

func TestLevenshtein(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"pashmina", "pashmina", 0},
		{"pasmina", "pashmina", 1},
		{"kimar", "khimar", 1},
		{"mariam", "maryam", 1},
		{"tunic", "tunik", 1},
		{"aisya", "aisyah", 1},
		{"hitm", "hitam", 1},
		{"kitten", "sitting", 3},
		{"flaw", "lawn", 2},
		{"gamis", "gamsi", 2},
		{"ümlaut", "umlaut", 1}, // one rune, not two bytes
		{"日本語", "日本", 1},
		{"abc", "xyz", 3},
	}
	for _, tt := range tests {
		if got := Levenshtein(tt.a, tt.b); got != tt.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Levenshtein(tt.b, tt.a); got != tt.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestJaroWinkler(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"", "", 1},
		{"", "a", 0},
		{"abc", "abc", 1},
		{"abc", "xyz", 0},
		{"martha", "marhta", 0.9611},
		{"dwayne", "duane", 0.84},
		{"dixon", "dicksonx", 0.8133},
		{"crate", "trace", 0.7333},
		{"a", "a", 1},
		{"a", "b", 0},
	}
	for _, tt := range tests {
		got := JaroWinkler(tt.a, tt.b)
		if math.Abs(got-tt.want) > 0.001 {
			t.Errorf("JaroWinkler(%q, %q) = %.4f, want %.4f", tt.a, tt.b, got, tt.want)
		}
		if back := JaroWinkler(tt.b, tt.a); math.Abs(back-got) > 1e-9 {
			t.Errorf("JaroWinkler not symmetric for %q, %q: %.4f vs %.4f", tt.a, tt.b, got, back)
		}
	}
	// A typo keeps a product word closer than an unrelated word.
	if JaroWinkler("pasmina", "pashmina") <= JaroWinkler("pasmina", "pantai") {
		t.Errorf("JaroWinkler ranks an unrelated word above a typo")
	}
}
