package lang_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pesanbot/pesanbot/flows/lang"
)

// FuzzRead reads any bytes in any slot on two shops: no panic, spans inside
// Norm, and no token read twice by items, products not sold, missing
// variants and delivery details.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"", "pashmina hitam 2 sama bergo 1", "mau 2, ready kan?", "Nama: Sinta\nHP: 0857 1111 2222\nAlamat: Jl. Mawar 5",
		"kopsus 250ml x3 @2 masing2 1", "ongkir ke kab bks brp? cod?", "1 & 3", "bukan 3 tapi 2", "ganti yg hitam jadi putih",
		"a.n.", "nama", "alamat:", "jl.", "(0812) 3450 0001 + 62", "dua2nya semuanya", "\u202e1\u200b2", "🙏👍", "rp 45.000,- 1,5jt",
		strings.Repeat("pashmina ", 300), "x", "-", "?", "level", "isi 12 nya 2", "sneakers putih 43", "yg 10000",
	} {
		f.Add(s, uint8(0))
	}
	// Found by the CI fuzz run: "hp"/"wa" as the last word of an address
	// answer read past the end of the message.
	for slot := range uint8(9) {
		f.Add("jl wa", slot)
		f.Add("hp", slot)
	}
	shops := []*lang.Index{coffeeShop(), shoeShop()}
	slots := []lang.Slot{"", lang.SlotQty, lang.SlotName, lang.SlotAddress, lang.SlotPhone, lang.SlotCourier,
		lang.SlotConfirm, lang.SlotChoice, lang.SlotVariant}
	f.Fuzz(func(t *testing.T, text string, slot uint8) {
		for _, ix := range shops {
			ctx := coffeeCtx
			ctx.Slot = slots[int(slot)%len(slots)]
			rd := lang.Read(text, ix, ctx)
			if !utf8.ValidString(rd.Norm) {
				t.Fatalf("%q: Norm %q is not UTF-8", text, rd.Norm)
			}
			var spans []lang.Span
			check := func(what string, sp lang.Span, own bool) {
				if sp.Start < 0 || sp.End > len(rd.Norm) || sp.Start > sp.End {
					t.Fatalf("%q: %s span %v out of Norm %q", text, what, sp, rd.Norm)
				}
				if !own || sp.Start == sp.End {
					return
				}
				for _, o := range spans {
					if sp.Start < o.End && o.Start < sp.End {
						t.Fatalf("%q: %s span %v overlaps %v in %q (%+v)", text, what, sp, o, rd.Norm, rd)
					}
				}
				spans = append(spans, sp)
			}
			for _, it := range rd.Items {
				check("item", it.Span, !it.Each)
				if !it.QtySaid && it.Qty != 0 {
					t.Fatalf("%q: quantity %d said=%v", text, it.Qty, it.QtySaid)
				}
			}
			for _, u := range rd.Unknown {
				check("unknown", u.Span, true)
			}
			for _, n := range rd.NoVariant {
				check("novariant", n.Span, false)
			}
			d := rd.Details
			for _, sp := range []lang.Span{d.NameSpan, d.PhoneSpan, d.CourierSpan, d.PaymentSpan} {
				check("detail", sp, true)
			}
			check("address", d.AddressSpan, false)
			for _, q := range rd.Questions {
				check("question", q.Span, false)
			}
			for _, a := range rd.Acts {
				check("act", a.Span, false)
			}
		}
	})
}
