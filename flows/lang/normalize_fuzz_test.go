package lang

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzNormalize checks the text normaliser and the storage cleaner on any
// bytes: no panic, valid UTF-8 out, no format characters (zero-width, bidi
// controls) left, the caps kept, and normalising twice changes nothing more.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"", "halo kak", "Kaaaak brp hrg pashmina?", "ＰＡＳＨＭＩＮＡ ３", "٣ pcs", "pa\u200bsh\u200dmi\ufeffna",
		"\u202Etransfer 10.000\u202C", "a\u2066b\u2069c", "e\u0301\u0301\u0301", "👩‍👩‍👧‍👦 mau 2", "\xff\xfe halo \xc3",
		"ﬁ ﬂ ㎏ ½", strings.Repeat("a", 3000), strings.Repeat("😀", 2100), "ok.,-+/ ..-- ++", "İstanbul ǅ ß",
		"\x00\x01\t\r\n kak", "jl. mawar no.2, rt 01/rw 02",
	} {
		f.Add(s, 100)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, n)
		}
		if i := strings.IndexFunc(n, func(r rune) bool { return unicode.Is(unicode.Cf, r) }); i >= 0 {
			t.Fatalf("Normalize(%q) = %q: format character at %d", s, n, i)
		}
		if n != strings.TrimSpace(n) || strings.Contains(n, "  ") {
			t.Fatalf("Normalize(%q) = %q: spaces not collapsed", s, n)
		}
		// The cap is on the input; NFKC may expand a rune into several.
		if r := utf8.RuneCountInString(n); r > MaxParseRunes*18 {
			t.Fatalf("Normalize(%q): %d runes out of at most %d in", s, r, MaxParseRunes)
		}
		if again := Normalize(n); again != n && utf8.RuneCountInString(n) <= MaxParseRunes {
			t.Fatalf("Normalize not idempotent: %q -> %q -> %q", s, n, again)
		}

		max = max % 1000
		c := Clean(s, max)
		if !utf8.ValidString(c) {
			t.Fatalf("Clean(%q) = %q: invalid UTF-8", s, c)
		}
		if i := strings.IndexFunc(c, func(r rune) bool { return unicode.Is(unicode.Cf, r) || unicode.IsControl(r) }); i >= 0 {
			t.Fatalf("Clean(%q) = %q: format or control character at %d", s, c, i)
		}
		if max >= 0 && utf8.RuneCountInString(c) > max {
			t.Fatalf("Clean(%q, %d) = %q: over the cap", s, max, c)
		}
	})
}
