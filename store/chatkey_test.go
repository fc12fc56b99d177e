package store

import "testing"

func TestChatKey(t *testing.T) {
	for _, c := range []struct {
		phone, lid string
		want       string
	}{
		{"6281311112222", "2012345", "6281311112222"},
		{"", "2012345", "lid:2012345"},
		{"6281311112222", "", "6281311112222"},
		{"", "", ""},
	} {
		k := NewChatKey(c.phone, c.lid)
		if k.String() != c.want {
			t.Errorf("NewChatKey(%q, %q) = %q, want %q", c.phone, c.lid, k, c.want)
		}
		if c.want == "" {
			continue
		}
		back, ok := ParseChatKey(k.String())
		if !ok || back != k {
			t.Errorf("ParseChatKey(%q) = %q, %v", k, back, ok)
		}
		if lid, isLID := back.LID(); isLID != (c.phone == "") || (isLID && lid != c.lid) {
			t.Errorf("%q.LID() = %q, %v", k, lid, isLID)
		}
		if p := back.Phone(); p != c.phone {
			t.Errorf("%q.Phone() = %q, want %q", k, p, c.phone)
		}
	}
	if k := LIDChatKey("99"); k.String() != "lid:99" || k.Phone() != "" {
		t.Errorf("LIDChatKey = %q", k)
	}
}
