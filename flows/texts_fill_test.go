package flows

import (
	"regexp"
	"strings"
	"testing"
)

// refText is Text as it was written first (strings.Replacer and two
// regular expressions): the hand-written filling must give the same text.
func refText(s *Shop, key string, kv ...string) string {
	t, ok := s.Texts[key]
	if !ok {
		t = DefaultTexts[key]
	}
	if len(kv) == 0 || !strings.Contains(t, "{") {
		return t
	}
	pairs := make([]string, 0, len(kv))
	for i := 0; i+1 < len(kv); i += 2 {
		pairs = append(pairs, "{"+kv[i]+"}", kv[i+1])
	}
	out := strings.NewReplacer(pairs...).Replace(t)
	out = refDoubleSpace.ReplaceAllString(out, " ")
	return refClosingStar.ReplaceAllString(out, "*$1")
}

var (
	refDoubleSpace = regexp.MustCompile(`[ \t]{2,}`)
	refClosingStar = regexp.MustCompile(` \*([ \n.,!?)]|$)`)
)

func checkFill(t *testing.T, tmpl string, kv []string) {
	s := &Shop{Texts: map[string]string{"k": tmpl}}
	if got, want := s.Text("k", kv...), refText(s, "k", kv...); got != want {
		t.Fatalf("Text(%q, %q) = %q, want %q", tmpl, kv, got, want)
	}
}

func TestTextFillMatchesReference(t *testing.T) {
	kvs := [][]string{nil, {"name"}, {"name", ""}, {"name", " Rina"}, {"a", "{b}", "b", "x"}, {"a", "1", "a", "2"},
		{"a", "x", "a}b", "y"}, {"", "empty"}, {"product", "Kaos Kaki", "variant", ""}, {"x", "  \t *"}}
	tmpls := []string{"", "{", "}", "{}", "{name}", "Halo Kak{name} 😊", "*{product} {variant}*", "{a}{b}{a}", "{a}b}", "{{a}}",
		"x  y\t\tz \t", " *", "a * b", "*x *.", " * *.", "a *\n", "a *)", "é{a}é", "{name", "name}", strings.Repeat("{a} ", 20)}
	for _, tmpl := range DefaultTexts {
		tmpls = append(tmpls, tmpl)
	}
	for _, tmpl := range tmpls {
		for _, kv := range kvs {
			checkFill(t, tmpl, kv)
		}
	}
}

func FuzzTextFill(f *testing.F) {
	f.Add("Halo Kak{name} 😊 *{product} {variant}*", "name", "", "product", "Kaos")
	f.Add("{a}{b} *  \t*", "a", "{b}", "b", " *")
	f.Fuzz(func(t *testing.T, tmpl, k1, v1, k2, v2 string) {
		checkFill(t, tmpl, []string{k1, v1, k2, v2})
		checkFill(t, tmpl, []string{k1, v1})
		checkFill(t, tmpl, []string{k1, v1, k1, v2})
	})
}
