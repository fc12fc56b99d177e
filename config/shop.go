package config

import (
	"bytes"
	"errors"
	"github.com/pesanbot/pesanbot/flows/lang"

	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // containers without /usr/share/zoneinfo still know Asia/Jakarta

	"gopkg.in/yaml.v3"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/flows/qris"
)

// maxShopBytes bounds shop.yaml; a real one is a few kilobytes.
const maxShopBytes = 1 << 20

// Defaults applied to keys that shop.yaml leaves out.
const (
	DefaultTimezone      = "Asia/Jakarta"
	DefaultOpen          = 8 * time.Hour
	DefaultClose         = 21 * time.Hour
	DefaultHold          = 24 * time.Hour
	DefaultAnswerWithin  = 24 * time.Hour
	DefaultFollowUpEvery = 24 * time.Hour
	DefaultEscalateAfter = 2
	DefaultHandoverCap   = 2 * time.Hour
	DefaultQuietStart    = 21 * time.Hour
	DefaultQuietEnd      = 8 * time.Hour
	DefaultMaxQty        = 99
	DefaultBurstWindow   = 3 * time.Second
	DefaultSummaryAt     = 20 * time.Hour
	DefaultStaleAfter    = 24 * time.Hour
	DefaultGrace         = 24 * time.Hour
	DefaultCheckinAfter  = 3 * 24 * time.Hour
	DefaultRatingAfter   = time.Hour
)

// DefaultCouriers returns the couriers offered when shipping.couriers is left out.
func DefaultCouriers() []string {
	return []string{"JNE", "J&T", "SiCepat", "AnterAja", "POS"}
}

// Load reads and parses the shop.yaml at path. A relative payment.qris path is
// taken relative to the file's directory, and a qris that names a file must
// name a regular image file that is there and holds a valid QRIS, which is
// read from it. Anything but a regular file (a FIFO, a device) is refused
// before it is opened: reading one could block forever.
func Load(path string) (*flows.Shop, error) {
	if st, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("failed to open shop config: %w", err)
	} else if !st.Mode().IsRegular() {
		return nil, shopErr(path, 0, "", ErrNotRegular, "bukan file biasa (%s); shop.yaml harus file teks biasa", fileKind(st.Mode()))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("failed to open shop config: %w", err)
	}
	defer f.Close()
	// Checked again on the opened file: the name may have been swapped.
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, shopErr(path, 0, "", ErrNotRegular, "bukan file biasa; shop.yaml harus file teks biasa")
	}
	data, err := io.ReadAll(io.LimitReader(f, maxShopBytes+1))
	if err != nil {
		return nil, fmt.Errorf("failed to read shop config: %w", err)
	}
	shop, qrisLine, err := parse(path, data)
	if err != nil {
		return nil, err
	}
	if q := shop.Payment.QRIS; q != "" && !qris.LooksLikePayload(q) && !filepath.IsAbs(q) && !strings.Contains(q, "://") {
		shop.Payment.QRIS = filepath.Join(filepath.Dir(path), q)
	}
	if err := readQRISImage(path, qrisLine, shop); err != nil {
		return nil, err
	}
	return shop, nil
}

// Parse parses the contents of a shop.yaml. name is used in error messages,
// which are *Error values naming the line and the key. Keys left out get
// their defaults; unknown keys are errors, and so is a second YAML document
// (after ---), which would otherwise be ignored without a word.
func Parse(name string, data []byte) (*flows.Shop, error) {
	shop, _, err := parse(name, data)
	return shop, err
}

// parse is Parse that also returns the line of payment.qris (0 if absent).
func parse(name string, data []byte) (*flows.Shop, int, error) {
	if len(data) > maxShopBytes {
		return nil, 0, shopErr(name, 0, "", ErrTooLarge, "file terlalu besar (lebih dari %d KB)", maxShopBytes>>10)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, 0, syntaxError(name, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, 0, shopErr(name, 0, "", ErrRequired, "file kosong; paling sedikit isi name dan owners")
	}
	var second yaml.Node
	switch err := dec.Decode(&second); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, 0, syntaxError(name, err)
	case len(second.Content) > 0 && !isNull(second.Content[0]):
		return nil, 0, shopErr(name, second.Line, "", ErrBadValue,
			"ada dokumen YAML kedua (setelah ---) yang tidak akan dibaca; pindahkan isinya ke atas atau hapus baris --- itu")
	}
	root := deref(doc.Content[0])
	if root.Kind != yaml.MappingNode {
		return nil, 0, shopErr(name, root.Line, "", ErrBadValue, "harus berisi pasangan kunci: nilai (name: …, owners: …)")
	}
	p := &shopParser{decoder: decoder{file: name}, shop: defaultShop(), phones: make(map[string]string)}
	if err := p.fields("", root, p.topLevel()); err != nil {
		return nil, 0, err
	}
	if p.shop.Name == "" {
		return nil, 0, p.errAt(root, "name", ErrRequired, "wajib diisi (nama toko)")
	}
	if len(p.shop.Owners) == 0 {
		return nil, 0, p.errAt(root, "owners", ErrRequired, "wajib diisi, paling sedikit satu nomor pemilik")
	}
	return p.shop, p.qrisLine, nil
}

// syntaxError turns a yaml.v3 error into an *Error; yaml.v3 reports the line
// only inside its message, so it is read from there.
func syntaxError(name string, err error) error {
	line, msg := 0, err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	return shopErr(name, line, "", ErrBadValue, "penulisan YAML salah (cek titik dua dan spasi di awal baris): %s", msg)
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// defaultShop is a Shop with every default filled in.
func defaultShop() *flows.Shop {
	loc, _ := time.LoadLocation(DefaultTimezone)
	return &flows.Shop{
		Location: loc,
		Hours: flows.Hours{
			Open: DefaultOpen, Close: DefaultClose,
			Days: [7]bool{true, true, true, true, true, true, true},
		},
		Payment: flows.Payment{UniqueCode: true, Hold: DefaultHold},
		Shipping: flows.Shipping{Couriers: DefaultCouriers(), Live: flows.LiveShipping{
			Timeout: DefaultShippingTimeout, DefaultGrams: DefaultShippingGrams, MaxOptions: DefaultShippingOptions}},
		Complaints: flows.Complaints{
			AnswerWithin:  DefaultAnswerWithin,
			FollowUpEvery: DefaultFollowUpEvery,
			EscalateAfter: DefaultEscalateAfter,
		},
		HandoverCap: DefaultHandoverCap,
		SummaryAt:   DefaultSummaryAt,
		Retention:   flows.Retention{OrderMonths: 12, ProofDays: 90},
		StaleAfter:  DefaultStaleAfter,
		QuietStart:  DefaultQuietStart,
		QuietEnd:    DefaultQuietEnd,
		MaxQty:      DefaultMaxQty,
		BurstWindow: DefaultBurstWindow,
		Texts:       map[string]string{},
		Staffing:    flows.Staffing{OneCSAbove: flows.DefaultOneCSAbove, TwoCSAbove: flows.DefaultTwoCSAbove},
		Delivery: flows.Delivery{PollEvery: flows.DefaultPollEvery, ExpectDays: flows.DefaultExpectDays, Grace: DefaultGrace,
			MaxAge: flows.DefaultTrackMax, CheckinAfter: DefaultCheckinAfter, Rating: true, RatingAfter: DefaultRatingAfter},
	}
}

// shopParser fills one Shop; phones remembers every owner and staff number
// with where it was first written, to refuse duplicates.
type shopParser struct {
	decoder
	shop     *flows.Shop
	phones   map[string]string // normalised number -> "owners[0] (baris 4)"
	qrisLine int               // where payment.qris is written, for Load's file check
}

func (p *shopParser) topLevel() map[string]handler {
	s := p.shop
	return map[string]handler{
		"name":           p.name,
		"address":        p.str(&s.Address, 500),
		"phone":          p.str(&s.Phone, 40),
		"instagram":      p.str(&s.Instagram, 100),
		"about":          p.str(&s.About, 2000),
		"timezone":       p.timezone,
		"owners":         p.owners,
		"staff":          p.staff,
		"hours":          p.hours,
		"payment":        p.payment,
		"shipping":       p.shipping,
		"complaints":     p.complaints,
		"handover_cap":   p.duration(&s.HandoverCap, time.Minute, 30*24*time.Hour),
		"quiet_hours":    p.quietHours,
		"max_qty":        p.integer(&s.MaxQty, 1, 9999),
		"retention":      p.retention,
		"burst_window":   p.duration(&s.BurstWindow, 0, time.Minute),
		"texts":          p.texts,
		"summary_time":   p.summaryTime,
		"followup_stale": p.duration(&s.StaleAfter, time.Hour, 30*24*time.Hour),
		"staffing":       p.staffing,
		"delivery":       p.delivery,
	}
}

func (p *shopParser) name(path string, v *yaml.Node) error {
	s, _, err := p.text(path, v, 100)
	if err != nil {
		return err
	}
	if s == "" {
		return p.errAt(deref(v), path, ErrRequired, "wajib diisi (nama toko)")
	}
	p.shop.Name = s
	return nil
}

// zoneAliases maps Indonesia's zone abbreviations to IANA names.
var zoneAliases = map[string]string{"wib": "Asia/Jakarta", "wita": "Asia/Makassar", "wit": "Asia/Jayapura"}

func (p *shopParser) timezone(path string, v *yaml.Node) error {
	s, ok, err := p.text(path, v, 64)
	if err != nil || !ok || s == "" {
		return err
	}
	zone := s
	if z, ok := zoneAliases[strings.ToLower(s)]; ok {
		zone = z
	}
	loc, lerr := time.LoadLocation(zone)
	if lerr != nil || zone == "Local" {
		return p.errAt(v, path, ErrBadValue, "zona waktu %q tidak dikenal (contoh: Asia/Jakarta, WIB, WITA, WIT)", s)
	}
	p.shop.Location = loc
	return nil
}

// phone normalises one owner or staff number and refuses one seen before.
func (p *shopParser) phone(path string, v *yaml.Node) (string, error) {
	s, ok, err := p.text(path, v, 40)
	if err != nil {
		return "", err
	}
	if !ok || s == "" {
		return "", p.errAt(v, path, ErrRequired, "nomor HP wajib diisi")
	}
	num, nerr := lang.NormalizePhone(s)
	if nerr != nil {
		return "", p.errAt(v, path, ErrBadValue, "%q bukan nomor HP (contoh: 081234567890 atau +62 812-3456-7890)", s)
	}
	if first, dup := p.phones[num]; dup {
		return "", p.errAt(v, path, ErrDuplicate, "nomor %s sudah ditulis di %s", num, first)
	}
	p.phones[num] = fmt.Sprintf("%s (baris %d)", path, v.Line)
	return num, nil
}

func (p *shopParser) owners(path string, v *yaml.Node) error {
	items, err := p.sequence(path, v)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return p.errAt(deref(v), path, ErrRequired, "wajib diisi, paling sedikit satu nomor pemilik")
	}
	for i, it := range items {
		num, err := p.phone(fmt.Sprintf("%s[%d]", path, i), it)
		if err != nil {
			return err
		}
		p.shop.Owners = append(p.shop.Owners, num)
	}
	return nil
}

func (p *shopParser) staff(path string, v *yaml.Node) error {
	items, err := p.sequence(path, v)
	if err != nil {
		return err
	}
	for i, it := range items {
		ipath := fmt.Sprintf("%s[%d]", path, i)
		var st flows.Staff
		var phoneSeen, roleSeen bool
		err := p.fields(ipath, it, map[string]handler{
			"phone": func(path string, v *yaml.Node) (err error) {
				phoneSeen = true
				st.Phone, err = p.phone(path, v)
				return err
			},
			"role": func(path string, v *yaml.Node) error {
				s, _, err := p.text(path, v, 20)
				if err != nil {
					return err
				}
				switch r := flows.Role(strings.ToLower(s)); r {
				case flows.RoleCS, flows.RoleGudang:
					st.Role, roleSeen = r, true
				case flows.RoleOwner:
					return p.errAt(v, path, ErrBadValue, "pemilik ditulis di owners, bukan di staff")
				default:
					return p.errAt(v, path, ErrBadValue, "%q bukan peran staf (pilih cs atau gudang)", s)
				}
				return nil
			},
		})
		if err != nil {
			return err
		}
		if it.Kind != yaml.MappingNode {
			return p.errAt(it, ipath, ErrBadValue, "tulis sebagai {phone: 0812…, role: cs}")
		}
		if !phoneSeen {
			return p.errAt(it, ipath+".phone", ErrRequired, "nomor HP staf wajib diisi")
		}
		if !roleSeen {
			return p.errAt(it, ipath+".role", ErrRequired, "peran wajib diisi (cs atau gudang)")
		}
		p.shop.Staff = append(p.shop.Staff, st)
	}
	return nil
}

func (p *shopParser) texts(path string, v *yaml.Node) error {
	v = deref(v)
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.MappingNode {
		return p.errAt(v, path, ErrBadValue, "harus berisi pasangan kunci: teks")
	}
	seen := make(map[string]int)
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := deref(v.Content[i]), v.Content[i+1]
		if k.Kind != yaml.ScalarNode || strings.TrimSpace(k.Value) == "" {
			return p.errAt(k, path, ErrBadValue, "kunci teks harus berupa nama")
		}
		key := strings.TrimSpace(k.Value)
		kpath := joinPath(path, key)
		if _, known := flows.DefaultTexts[key]; !known {
			return p.errAt(k, kpath, ErrUnknownKey, "bukan nama teks yang dikenal (daftar lengkap: pesanbot texts)")
		}
		if first, dup := seen[key]; dup {
			return p.errAt(k, kpath, ErrDuplicate, "ditulis dua kali (pertama di baris %d)", first)
		}
		seen[key] = k.Line
		s, ok, err := p.text(kpath, val, 4096)
		if err != nil {
			return err
		}
		if !ok || s == "" {
			return p.errAt(val, kpath, ErrRequired, "teks kosong; hapus barisnya untuk memakai teks bawaan")
		}
		p.shop.Texts[key] = s
	}
	return nil
}

// summaryTime reads the daily summary's time, "20:00"; "off" turns it off.
func (p *shopParser) summaryTime(path string, v *yaml.Node) error {
	s, ok, err := p.text(path, v, 10)
	if err != nil || !ok {
		return err
	}
	if strings.EqualFold(s, "off") {
		p.shop.SummaryAt = -1
		return nil
	}
	d, ok := parseClock(s)
	if !ok || d >= 24*time.Hour {
		return p.errAt(v, path, ErrBadValue, "%q bukan jam (contoh: 20:00, atau off)", s)
	}
	p.shop.SummaryAt = d
	return nil
}

// retention reads how long personal data is kept after an order closes.
func (p *shopParser) retention(path string, v *yaml.Node) error {
	r := &p.shop.Retention
	return p.fields(path, v, map[string]handler{
		"orders_months": p.integer(&r.OrderMonths, 1, 120),
		"proofs_days":   p.integer(&r.ProofDays, 7, 3650),
	})
}

// delivery reads what happens after shipping: tracking polls, the arrival
// check-in and the rating question.
func (p *shopParser) delivery(path string, v *yaml.Node) error {
	d := &p.shop.Delivery
	err := p.fields(path, v, map[string]handler{
		"poll_every":    p.duration(&d.PollEvery, 30*time.Minute, 7*24*time.Hour),
		"expect_days":   p.integer(&d.ExpectDays, 1, 60),
		"grace":         p.duration(&d.Grace, 0, 30*24*time.Hour),
		"track_max":     p.duration(&d.MaxAge, 24*time.Hour, 180*24*time.Hour),
		"checkin_after": p.offDuration(&d.CheckinAfter, time.Hour, 60*24*time.Hour),
		"rating":        p.boolean(&d.Rating),
		"rating_after":  p.duration(&d.RatingAfter, 0, 7*24*time.Hour),
	})
	if err != nil {
		return err
	}
	if expect := time.Duration(d.ExpectDays)*24*time.Hour + d.Grace; d.MaxAge <= expect {
		return p.errAt(deref(v), path+".track_max", ErrBadValue,
			"pelacakan berhenti (%s) sebelum paket dianggap terlambat (expect_days + grace = %s); perbesar track_max",
			fmtDuration(d.MaxAge), fmtDuration(expect))
	}
	return nil
}

// offDuration is duration, where "off" (or 0) switches the thing off.
func (p *shopParser) offDuration(dst *time.Duration, lo, hi time.Duration) handler {
	return func(path string, v *yaml.Node) error {
		s, ok, err := p.text(path, v, 40)
		if err != nil || !ok {
			return err
		}
		switch strings.ToLower(s) {
		case "off", "tidak", "false", "no", "0", "nonaktif":
			*dst = 0
			return nil
		}
		return p.duration(dst, lo, hi)(path, v)
	}
}
