package flows

import (
	"strings"
	"testing"
)

// TestStatusLabels: every status has its own owner's word, and the parsers
// read the label (with a space or a hyphen), the English value, and
// nothing unknown.
func TestStatusLabels(t *testing.T) {
	seen := map[string]bool{}
	for _, st := range OrderStatuses {
		l := st.Label()
		if l == string(st) || seen[l] {
			t.Errorf("%s: label %q missing or shared", st, l)
		}
		seen[l] = true
		for _, in := range []string{string(st), l, "  " + l + " ", strings.ReplaceAll(l, " ", "-"), strings.ToUpper(l)} {
			if got, ok := ParseOrderStatus(in); !ok || got != st {
				t.Errorf("ParseOrderStatus(%q) = %q, %v; want %q", in, got, ok, st)
			}
		}
	}
	seen = map[string]bool{}
	for _, st := range ComplaintStatuses {
		l := st.Label()
		if l == string(st) || seen[l] {
			t.Errorf("%s: label %q missing or shared", st, l)
		}
		seen[l] = true
		for _, in := range []string{string(st), l, strings.ToUpper(l)} {
			if got, ok := ParseComplaintStatus(in); !ok || got != st {
				t.Errorf("ParseComplaintStatus(%q) = %q, %v; want %q", in, got, ok, st)
			}
		}
	}
	for _, in := range []string{"", "hilang", "open", "terbuka"} {
		if st, ok := ParseOrderStatus(in); ok {
			t.Errorf("ParseOrderStatus(%q) = %q", in, st)
		}
	}
	for _, in := range []string{"", "hilang", "lunas", "paid"} {
		if st, ok := ParseComplaintStatus(in); ok {
			t.Errorf("ParseComplaintStatus(%q) = %q", in, st)
		}
	}
	// The words /pesanan always took still work.
	for in, want := range map[string]OrderStatus{"bayar": StatusAwaitingPayment, "cek": StatusAwaitingVerification,
		"dikemas": StatusPaid, "kirim": StatusShipped, "belumbayar": StatusAwaitingPayment} {
		if got, ok := ParseOrderStatus(in); !ok || got != want {
			t.Errorf("ParseOrderStatus(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, c := range []ComplaintCategory{CategoryLate, CategoryWrongItem, CategoryDamaged, CategoryOther} {
		if l := c.Label(); l == string(c) || l == "" {
			t.Errorf("%s: label %q", c, l)
		}
	}
}
