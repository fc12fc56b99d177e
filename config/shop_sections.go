package config

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/pesanbot/pesanbot/flows"
)

// dayNames maps Indonesian (and English) day names to time.Weekday.
var dayNames = map[string]time.Weekday{
	"minggu": time.Sunday, "ahad": time.Sunday, "sunday": time.Sunday,
	"senin": time.Monday, "monday": time.Monday,
	"selasa": time.Tuesday, "tuesday": time.Tuesday,
	"rabu": time.Wednesday, "wednesday": time.Wednesday,
	"kamis": time.Thursday, "thursday": time.Thursday,
	"jumat": time.Friday, "jum'at": time.Friday, "friday": time.Friday,
	"sabtu": time.Saturday, "saturday": time.Saturday,
}

func (p *shopParser) hours(path string, v *yaml.Node) error {
	h := &p.shop.Hours
	clock := func(dst *time.Duration) handler {
		return func(path string, v *yaml.Node) error {
			s, ok, err := p.text(path, v, 10)
			if err != nil || !ok {
				return err
			}
			c, cok := parseClock(s)
			if !cok {
				return p.errAt(v, path, ErrBadValue, "%q bukan jam (contoh: 08:00, 21:30)", s)
			}
			*dst = c
			return nil
		}
	}
	err := p.fields(path, v, map[string]handler{
		"open":  clock(&h.Open),
		"close": clock(&h.Close),
		"days":  p.days,
	})
	if err != nil {
		return err
	}
	if h.Close <= h.Open {
		return p.errAt(deref(v), path+".close", ErrBadValue, "jam tutup harus setelah jam buka (untuk 24 jam tulis open: 00:00, close: 24:00)")
	}
	return nil
}

// days accepts a list of day names or ranges, or one string such as
// "senin-sabtu", "senin, rabu, jumat" or "setiap hari".
func (p *shopParser) days(path string, v *yaml.Node) error {
	items, err := p.sequence(path, v)
	if err != nil {
		return err
	}
	var days [7]bool
	someDay := false
	for i, it := range items {
		ipath := path
		if deref(v).Kind == yaml.SequenceNode {
			ipath = fmt.Sprintf("%s[%d]", path, i)
		}
		s, _, err := p.text(ipath, it, 100)
		if err != nil {
			return err
		}
		for _, part := range strings.Split(s, ",") {
			part = strings.ToLower(strings.TrimSpace(part))
			if part == "" {
				continue
			}
			if part == "setiap hari" || part == "tiap hari" || part == "semua" || part == "every day" {
				days = [7]bool{true, true, true, true, true, true, true}
				someDay = true
				continue
			}
			from, to, isRange := strings.Cut(part, "-")
			a, aok := dayNames[strings.TrimSpace(from)]
			b, bok := a, aok
			if isRange {
				b, bok = dayNames[strings.TrimSpace(to)]
			}
			if !aok || !bok {
				return p.errAt(it, ipath, ErrBadValue, "%q bukan nama hari (contoh: senin-sabtu, atau [senin, rabu, jumat])", part)
			}
			// A range may wrap past Sunday: "sabtu-senin".
			for d := a; ; d = (d + 1) % 7 {
				days[d] = true
				if d == b {
					break
				}
			}
			someDay = true
		}
	}
	if !someDay {
		return p.errAt(deref(v), path, ErrRequired, "paling sedikit satu hari buka")
	}
	p.shop.Hours.Days = days
	return nil
}

// quietHours reads "21:00-08:00"; "off" switches quiet hours off.
func (p *shopParser) quietHours(path string, v *yaml.Node) error {
	s, ok, err := p.text(path, v, 20)
	if err != nil || !ok {
		return err
	}
	switch strings.ToLower(s) {
	case "off", "tidak", "tidak ada", "none", "false":
		p.shop.QuietStart, p.shop.QuietEnd = 0, 0
		return nil
	}
	a, b, found := strings.Cut(strings.ReplaceAll(s, "–", "-"), "-")
	start, aok := parseClock(strings.TrimSpace(a))
	end, bok := parseClock(strings.TrimSpace(b))
	if !found || !aok || !bok {
		return p.errAt(v, path, ErrBadValue, "%q bukan rentang jam (contoh: 21:00-08:00, atau off)", s)
	}
	start, end = start%(24*time.Hour), end%(24*time.Hour)
	if start == end {
		return p.errAt(v, path, ErrBadValue, "jam mulai dan selesai sama; tulis off untuk mematikan")
	}
	p.shop.QuietStart, p.shop.QuietEnd = start, end
	return nil
}

func (p *shopParser) payment(path string, v *yaml.Node) error {
	pay := &p.shop.Payment
	return p.fields(path, v, map[string]handler{
		"banks":       p.banks,
		"qris":        p.qris,
		"unique_code": p.boolean(&pay.UniqueCode),
		"cod":         p.boolean(&pay.COD),
		"hold":        p.duration(&pay.Hold, 10*time.Minute, 30*24*time.Hour),
	})
}

func (p *shopParser) banks(path string, v *yaml.Node) error {
	items, err := p.sequence(path, v)
	if err != nil {
		return err
	}
	for i, it := range items {
		ipath := fmt.Sprintf("%s[%d]", path, i)
		var b flows.Bank
		err := p.fields(ipath, it, map[string]handler{
			"bank":   p.str(&b.Bank, 50),
			"number": p.str(&b.Number, 40),
			"holder": p.str(&b.Holder, 100),
		})
		if err != nil {
			return err
		}
		switch {
		case it.Kind != yaml.MappingNode:
			return p.errAt(it, ipath, ErrBadValue, "tulis sebagai {bank: BCA, number: 1234567890, holder: Nama}")
		case b.Bank == "":
			return p.errAt(it, ipath+".bank", ErrRequired, "nama bank wajib diisi")
		case b.Number == "":
			return p.errAt(it, ipath+".number", ErrRequired, "nomor rekening wajib diisi")
		case b.Holder == "":
			return p.errAt(it, ipath+".holder", ErrRequired, "nama pemilik rekening wajib diisi")
		case strings.Trim(b.Number, "0123456789 -.") != "":
			return p.errAt(it, ipath+".number", ErrBadValue, "%q: nomor rekening hanya angka", b.Number)
		}
		pay := &p.shop.Payment
		pay.Banks = append(pay.Banks, b)
	}
	return nil
}

func (p *shopParser) shipping(path string, v *yaml.Node) error {
	sh := &p.shop.Shipping
	fields := map[string]handler{
		"origin":   p.str(&sh.Origin, 100),
		"couriers": p.couriers,
		"rates":    p.rates,
		"default":  p.price(&sh.Default),
	}
	for k, h := range p.liveShipping() {
		fields[k] = h
	}
	if err := p.fields(path, v, fields); err != nil {
		return err
	}
	return p.checkLiveShipping(v, path)
}

func (p *shopParser) couriers(path string, v *yaml.Node) error {
	items, err := p.sequence(path, v)
	if err != nil {
		return err
	}
	seen := make(map[string]bool)
	var list []string
	for i, it := range items {
		ipath := fmt.Sprintf("%s[%d]", path, i)
		s, _, err := p.text(ipath, it, 40)
		if err != nil {
			return err
		}
		if s == "" {
			return p.errAt(it, ipath, ErrRequired, "nama kurir kosong")
		}
		if seen[strings.ToLower(s)] {
			return p.errAt(it, ipath, ErrDuplicate, "kurir %q ditulis dua kali", s)
		}
		seen[strings.ToLower(s)] = true
		list = append(list, s)
	}
	if len(list) == 0 {
		return p.errAt(deref(v), path, ErrRequired, "paling sedikit satu kurir (atau hapus kunci ini untuk daftar bawaan)")
	}
	p.shop.Shipping.Couriers = list
	return nil
}

// rates reads the flat rates; an area or alias may name only one rate, or a
// customer's "bogor" would have two prices.
func (p *shopParser) rates(path string, v *yaml.Node) error {
	items, err := p.sequence(path, v)
	if err != nil {
		return err
	}
	type claimed struct {
		rate  int
		where string
	}
	names := make(map[string]claimed) // lower-case area or alias -> first use
	// claim reserves name for rate i; it reports whether name is new to
	// that rate, so an alias repeating its own area is dropped, not refused.
	claim := func(i int, n *yaml.Node, path, name string) (bool, error) {
		first, dup := names[name]
		switch {
		case !dup:
			names[name] = claimed{i, fmt.Sprintf("%s (baris %d)", path, n.Line)}
			return true, nil
		case first.rate == i:
			return false, nil
		}
		return false, p.errAt(n, path, ErrDuplicate, "%q sudah dipakai di %s", name, first.where)
	}
	for i, it := range items {
		ipath := fmt.Sprintf("%s[%d]", path, i)
		var r flows.Rate
		priceSeen := false
		err := p.fields(ipath, it, map[string]handler{
			"area": p.str(&r.Area, 100),
			"price": func(path string, v *yaml.Node) error {
				priceSeen = !isNull(deref(v))
				return p.price(&r.Price)(path, v)
			},
			"aliases": func(path string, v *yaml.Node) error {
				als, err := p.sequence(path, v)
				if err != nil {
					return err
				}
				for j, a := range als {
					apath := fmt.Sprintf("%s[%d]", path, j)
					s, _, err := p.text(apath, a, 100)
					if err != nil {
						return err
					}
					s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
					if s == "" {
						continue
					}
					if fresh, err := claim(i, a, apath, s); err != nil {
						return err
					} else if fresh {
						r.Aliases = append(r.Aliases, s)
					}
				}
				return nil
			},
		})
		if err != nil {
			return err
		}
		switch {
		case it.Kind != yaml.MappingNode:
			return p.errAt(it, ipath, ErrBadValue, "tulis sebagai {area: Bekasi, price: 10000}")
		case r.Area == "":
			return p.errAt(it, ipath+".area", ErrRequired, "nama daerah wajib diisi")
		case !priceSeen:
			return p.errAt(it, ipath+".price", ErrRequired, "ongkir wajib diisi")
		}
		area := strings.Join(strings.Fields(strings.ToLower(r.Area)), " ")
		if _, err := claim(i, it, ipath+".area", area); err != nil {
			return err
		}
		if j := slices.Index(r.Aliases, area); j >= 0 {
			r.Aliases = slices.Delete(r.Aliases, j, j+1)
		}
		p.shop.Shipping.Rates = append(p.shop.Shipping.Rates, r)
	}
	return nil
}

func (p *shopParser) complaints(path string, v *yaml.Node) error {
	c := &p.shop.Complaints
	return p.fields(path, v, map[string]handler{
		"answer_within":   p.duration(&c.AnswerWithin, time.Minute, 30*24*time.Hour),
		"follow_up_every": p.duration(&c.FollowUpEvery, 10*time.Minute, 30*24*time.Hour),
		"escalate_after":  p.integer(&c.EscalateAfter, 1, 100),
	})
}
