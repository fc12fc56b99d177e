package flows

import (
	"strings"

	"github.com/pesanbot/pesanbot/flows/lang"
)

// takeDetails fills the delivery details the message carries. An address
// sent in parts ("Jl. Melati 12", then "Kec. Tambun", then "Bekasi
// 17510") grows until it says where it goes; anything else replaces the
// old value. It reports whether it took any.
func (t *turn) takeDetails() bool {
	d := t.r.Details
	if d.Phone != "" && d.Address != "" && d.Name == "" && t.st.Details.Name == "" {
		// "Uji Coba, Jl. Veteran 3 …, 0812…, jne": a list of details
		// starts with the name, whatever its words.
		d.Name = lang.ParseDetails(t.in.Text, t.shop.Shipping.Couriers).Name
	}
	took := false
	set := func(dst *string, v string, max int) {
		if v = lang.Clean(v, max); v != "" {
			*dst = v
			took = true
		}
	}
	set(&t.st.Details.Name, d.Name, 100)
	if d.Phone != "" {
		set(&t.st.Details.Phone, d.Phone, 20)
	}
	if d.Address != "" {
		addr := lang.Clean(d.Address, 500)
		if old := t.st.Details.Address; old != "" && !strings.Contains(strings.ToLower(old), strings.ToLower(addr)) {
			if joined, ok := t.joinCODAddress(old, addr); ok {
				// "kode posnya berapa?" — "17510": the COD address grows.
				addr = joined
			} else if !t.addressComplete(old) || !hasPostcode(old) && !startsStreet(addr) {
				addr = lang.Clean(t.st.Details.Address+", "+addr, 500)
			}
		}
		set(&t.st.Details.Address, addr, 500)
	}
	if d.Courier != "" {
		if c, ok := lang.MatchCourier(d.Courier, t.shop.Shipping.Couriers); ok {
			set(&t.st.Details.Courier, c, 40)
		} else {
			set(&t.st.Details.Courier, strings.ToUpper(d.Courier), 40)
		}
	}
	switch d.Payment {
	case lang.PayCOD:
		if t.codAllowed() {
			t.st.Details.Payment = string(PayCOD)
			took = true
		} else if t.shop.Payment.COD {
			t.transferOnly()
			t.answered = true
		} else {
			t.cod()
			t.answered = true
		}
	case lang.PayQRIS:
		if t.shop.Payment.QRIS != "" {
			t.st.Details.Payment = string(PayQRIS)
		} else {
			t.st.Details.Payment = string(PayTransfer)
		}
		took = true
	case lang.PayTransfer:
		t.st.Details.Payment = string(PayTransfer)
		took = true
	}
	return took
}

// addressComplete reports whether an address says where it goes: a
// shipping area the shop knows, or a postcode.
func (t *turn) addressComplete(addr string) bool {
	if _, ok := t.rateForAddress(addr); ok {
		return true
	}
	return hasPostcode(addr) || len(t.shop.Shipping.Rates) == 0
}

// hasPostcode reports whether an address carries a 5-digit postcode.
func hasPostcode(addr string) bool {
	for _, w := range strings.FieldsFunc(addr, func(r rune) bool { return r < '0' || r > '9' }) {
		if len(w) == 5 {
			return true
		}
	}
	return false
}

// startsStreet reports whether an address part starts a new address (a
// street, an alley, an estate), rather than adding the town to one.
func startsStreet(addr string) bool {
	f := strings.Fields(strings.ToLower(addr))
	if len(f) == 0 {
		return false
	}
	switch strings.Trim(f[0], ".,:") {
	case "jl", "jln", "jalan", "gg", "gang", "perum", "perumahan", "komplek", "kompleks", "komp", "blok", "dusun", "dsn", "desa":
		return true
	}
	return false
}
