package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

const minimalYAML = "name: Toko Uji\nowners: [\"0812-0000-0009\"]\n"

func TestParseSample(t *testing.T) {
	s, err := Parse("shop.yaml", []byte(SampleShopYAML))
	if err != nil {
		t.Fatalf("Parse(SampleShopYAML): %v", err)
	}
	if s.Name != "Toko Hijab Amanah" {
		t.Errorf("Name = %q", s.Name)
	}
	if want := []string{"6281200000001"}; !reflect.DeepEqual(s.Owners, want) {
		t.Errorf("Owners = %v, want %v", s.Owners, want)
	}
	if want := []flows.Staff{{Phone: "6281200000002", Role: flows.RoleCS}}; !reflect.DeepEqual(s.Staff, want) {
		t.Errorf("Staff = %v, want %v", s.Staff, want)
	}
	if s.Location.String() != "Asia/Jakarta" {
		t.Errorf("Location = %v", s.Location)
	}
	if want := [7]bool{false, true, true, true, true, true, true}; s.Hours.Days != want {
		t.Errorf("Days = %v, want senin-sabtu %v", s.Hours.Days, want)
	}
	if len(s.Payment.Banks) != 2 || s.Payment.Banks[0].Bank != "BCA" || s.Payment.Banks[1].Bank != "Mandiri" {
		t.Errorf("Banks = %v", s.Payment.Banks)
	}
	if !s.Payment.UniqueCode || s.Payment.COD || s.Payment.Hold != 24*time.Hour {
		t.Errorf("Payment = %+v", s.Payment)
	}
	if s.Shipping.Default != 45000 {
		t.Errorf("Default rate = %d", s.Shipping.Default)
	}
	for _, place := range []string{"jakarta", "bogor", "depok", "tangerang", "bekasi", "jawa barat", "jawa tengah",
		"diy", "jogja", "yogya", "sleman", "bantul", "jawa timur", "bali", "medan", "bandar lampung",
		"makassar", "kalimantan", "papua"} {
		if r := rateFor(s, place); r == nil {
			t.Errorf("no rate for %q", place)
		}
	}
	if r := rateFor(s, "bekasi"); r == nil || r.Price != 12000 {
		t.Errorf("rate for bekasi = %+v, want 12000", r)
	}
	if r := rateFor(s, "makassar"); r == nil || r.Area != "Sulawesi Selatan" {
		t.Errorf("rate for makassar = %+v, want Sulawesi Selatan", r)
	}
	if len(s.Texts) != 0 {
		t.Errorf("Texts = %v, want none (the override is commented out)", s.Texts)
	}
}

func rateFor(s *flows.Shop, place string) *flows.Rate {
	for i, r := range s.Shipping.Rates {
		if strings.EqualFold(r.Area, place) {
			return &s.Shipping.Rates[i]
		}
		for _, a := range r.Aliases {
			if a == place {
				return &s.Shipping.Rates[i]
			}
		}
	}
	return nil
}

func TestLoadMinimalGetsDefaults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.yaml")
	if err := os.WriteFile(path, []byte(minimalYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := &flows.Shop{
		Name:   "Toko Uji",
		Owners: []string{"6281200000009"},
		Hours:  flows.Hours{Open: 8 * time.Hour, Close: 21 * time.Hour, Days: [7]bool{true, true, true, true, true, true, true}},
		Payment: flows.Payment{
			UniqueCode: true, Hold: 24 * time.Hour,
		},
		Shipping: flows.Shipping{Couriers: []string{"JNE", "J&T", "SiCepat", "AnterAja", "POS"},
			Live: flows.LiveShipping{Timeout: 8 * time.Second, DefaultGrams: 500, MaxOptions: 5}},
		Complaints:  flows.Complaints{AnswerWithin: 24 * time.Hour, FollowUpEvery: 24 * time.Hour, EscalateAfter: 2},
		HandoverCap: 2 * time.Hour,
		SummaryAt:   20 * time.Hour,
		StaleAfter:  24 * time.Hour,
		Retention:   flows.Retention{OrderMonths: 12, ProofDays: 90},
		QuietStart:  21 * time.Hour, QuietEnd: 8 * time.Hour,
		MaxQty:      99,
		BurstWindow: 3 * time.Second,
		Texts:       map[string]string{},
		Staffing:    flows.Staffing{OneCSAbove: 10, TwoCSAbove: 30},
		Delivery: flows.Delivery{PollEvery: 6 * time.Hour, ExpectDays: 3, Grace: 24 * time.Hour, MaxAge: 30 * 24 * time.Hour,
			CheckinAfter: 3 * 24 * time.Hour, Rating: true, RatingAfter: time.Hour},
	}
	if got.Location == nil || got.Location.String() != "Asia/Jakarta" {
		t.Errorf("Location = %v, want Asia/Jakarta", got.Location)
	}
	got.Location = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load(minimal) =\n%+v\nwant\n%+v", got, want)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "shop.yaml"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load(missing) = %v, want ErrNotExist", err)
	}
}

func TestLoadResolvesQRIS(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.yaml")
	if err := os.WriteFile(path, []byte(minimalYAML+"payment:\n  qris: qris.png\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "qris.png"), qrPNG(t, testQRIS), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "qris.png"); s.Payment.QRIS != want {
		t.Errorf("QRIS = %q, want %q", s.Payment.QRIS, want)
	}
}

func TestParseValues(t *testing.T) {
	s, err := Parse("shop.yaml", []byte(minimalYAML+`timezone: WITA
staff:
  - {phone: "+62 812-0000-0010", role: gudang}
hours: {open: "7.30", close: "24:00", days: [sabtu-senin, rabu]}
quiet_hours: "off"
payment: {cod: ya, unique_code: false, hold: 1d12h}
shipping:
  couriers: [JNE]
  rates:
    - {area: Bekasi, price: 12rb, aliases: [" Kota  BEKASI "]}
    - {area: Depok, price: 0}
  default: Rp20.000
complaints: {answer_within: 90m, follow_up_every: 3d, escalate_after: 3}
handover_cap: 45m
max_qty: 10
burst_window: 0s
texts:
  greeting: |
    Halo Kak!
`))
	if err != nil {
		t.Fatal(err)
	}
	if s.Location.String() != "Asia/Makassar" {
		t.Errorf("Location = %v", s.Location)
	}
	if want := (flows.Staff{Phone: "6281200000010", Role: flows.RoleGudang}); len(s.Staff) != 1 || s.Staff[0] != want {
		t.Errorf("Staff = %v", s.Staff)
	}
	if want := (flows.Hours{Open: 7*time.Hour + 30*time.Minute, Close: 24 * time.Hour, Days: [7]bool{true, true, false, true, false, false, true}}); s.Hours != want {
		t.Errorf("Hours = %+v, want %+v", s.Hours, want)
	}
	if s.QuietStart != 0 || s.QuietEnd != 0 {
		t.Errorf("quiet = %v-%v, want off", s.QuietStart, s.QuietEnd)
	}
	if !s.Payment.COD || s.Payment.UniqueCode || s.Payment.Hold != 36*time.Hour {
		t.Errorf("Payment = %+v", s.Payment)
	}
	wantRates := []flows.Rate{{Area: "Bekasi", Aliases: []string{"kota bekasi"}, Price: 12000}, {Area: "Depok", Price: 0}}
	if !reflect.DeepEqual(s.Shipping.Rates, wantRates) || s.Shipping.Default != 20000 || !reflect.DeepEqual(s.Shipping.Couriers, []string{"JNE"}) {
		t.Errorf("Shipping = %+v", s.Shipping)
	}
	if want := (flows.Complaints{AnswerWithin: 90 * time.Minute, FollowUpEvery: 72 * time.Hour, EscalateAfter: 3}); s.Complaints != want {
		t.Errorf("Complaints = %+v", s.Complaints)
	}
	if s.HandoverCap != 45*time.Minute || s.MaxQty != 10 || s.BurstWindow != 0 {
		t.Errorf("HandoverCap, MaxQty, BurstWindow = %v, %v, %v", s.HandoverCap, s.MaxQty, s.BurstWindow)
	}
	if s.Texts["greeting"] != "Halo Kak!" {
		t.Errorf("Texts = %q", s.Texts)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		line       int
		key        string
		want       error
	}{
		{"empty file", "", 0, "", ErrRequired},
		{"not a mapping", "- a\n- b\n", 1, "", ErrBadValue},
		{"syntax", "name: a\n owners: [1]\n", 2, "", ErrBadValue},
		{"unknown top key", minimalYAML + "paymnet:\n  cod: true\n", 3, "paymnet", ErrUnknownKey},
		{"unknown nested key", minimalYAML + "payment:\n  cod: true\n  hodl: 3h\n", 5, "payment.hodl", ErrUnknownKey},
		{"duplicate key", minimalYAML + "name: Lagi\n", 3, "name", ErrDuplicate},
		{"bad duration", minimalYAML + "payment:\n  hold: 3x\n", 4, "payment.hold", ErrBadValue},
		{"negative duration", minimalYAML + "handover_cap: -1h\n", 3, "handover_cap", ErrBadValue},
		{"empty name", "owners: [081200000009]\nname: \"\"\n", 2, "name", ErrRequired},
		{"no name", "owners: [081200000009]\n", 1, "name", ErrRequired},
		{"empty owners", "name: Toko\n\nowners: []\n", 3, "owners", ErrRequired},
		{"no owners", "name: Toko\n", 1, "owners", ErrRequired},
		{"bad owner phone", "name: Toko\nowners:\n  - 12ab\n", 3, "owners[0]", ErrBadValue},
		{"duplicate phone", minimalYAML + "staff:\n  - phone: +62 812 0000 0009\n    role: cs\n", 4, "staff[0].phone", ErrDuplicate},
		{"bad role", minimalYAML + "staff:\n  - phone: 081200000010\n    role: boss\n", 5, "staff[0].role", ErrBadValue},
		{"staff without role", minimalYAML + "staff:\n  - phone: 081200000010\n", 4, "staff[0].role", ErrRequired},
		{"bad timezone", minimalYAML + "timezone: Mars/Olympus\n", 3, "timezone", ErrBadValue},
		{"bad open time", minimalYAML + "hours:\n  open: \"25:00\"\n", 4, "hours.open", ErrBadValue},
		{"close before open", minimalYAML + "hours:\n  open: \"20:00\"\n  close: \"09:00\"\n", 4, "hours.close", ErrBadValue},
		{"bad day", minimalYAML + "hours:\n  days: [senin, libur]\n", 4, "hours.days[1]", ErrBadValue},
		{"bad quiet hours", minimalYAML + "quiet_hours: malam\n", 3, "quiet_hours", ErrBadValue},
		{"negative rate", minimalYAML + "shipping:\n  rates:\n    - area: Bekasi\n      price: -5000\n", 6, "shipping.rates[0].price", ErrBadValue},
		{"bad rate price", minimalYAML + "shipping:\n  rates:\n    - {area: Bekasi, price: murah}\n", 5, "shipping.rates[0].price", ErrBadValue},
		{"rate without price", minimalYAML + "shipping:\n  rates:\n    - area: Bekasi\n", 5, "shipping.rates[0].price", ErrRequired},
		{"alias on two rates", minimalYAML + "shipping:\n  rates:\n    - {area: Bogor, price: 1rb}\n    - {area: Jawa Barat, price: 2rb, aliases: [bogor]}\n", 6, "shipping.rates[1].aliases[0]", ErrDuplicate},
		{"negative default", minimalYAML + "shipping:\n  default: -1\n", 4, "shipping.default", ErrBadValue},
		{"max_qty zero", minimalYAML + "max_qty: 0\n", 3, "max_qty", ErrBadValue},
		{"max_qty huge", minimalYAML + "max_qty: 10000\n", 3, "max_qty", ErrBadValue},
		{"burst too long", minimalYAML + "burst_window: 2m\n", 3, "burst_window", ErrBadValue},
		{"bad bool", minimalYAML + "payment:\n  cod: mungkin\n", 4, "payment.cod", ErrBadValue},
		{"bank without holder", minimalYAML + "payment:\n  banks:\n    - {bank: BCA, number: \"123\"}\n", 5, "payment.banks[0].holder", ErrRequired},
		{"empty text", minimalYAML + "texts:\n  greeting: \"\"\n", 4, "texts.greeting", ErrRequired},
		{"list where value expected", minimalYAML + "address: [a, b]\n", 3, "address", ErrBadValue},
		{"escalate zero", minimalYAML + "complaints:\n  escalate_after: 0\n", 4, "complaints.escalate_after", ErrBadValue},
		{"poll too often", minimalYAML + "delivery:\n  poll_every: 5m\n", 4, "delivery.poll_every", ErrBadValue},
		{"expect days zero", minimalYAML + "delivery:\n  expect_days: 0\n", 4, "delivery.expect_days", ErrBadValue},
		{"bad checkin", minimalYAML + "delivery:\n  checkin_after: kapan2\n", 4, "delivery.checkin_after", ErrBadValue},
		{"tracking stops before late", minimalYAML + "delivery:\n  expect_days: 5\n  track_max: 3d\n", 4, "delivery.track_max", ErrBadValue},
		{"unknown delivery key", minimalYAML + "delivery:\n  rate: true\n", 4, "delivery.rate", ErrUnknownKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("shop.yaml", []byte(tt.yaml))
			t.Log(err)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse = %v, want *Error", err)
			}
			if !errors.Is(err, ErrInvalidShop) || !errors.Is(err, tt.want) {
				t.Errorf("Parse = %v, want errors.Is %v and ErrInvalidShop", err, tt.want)
			}
			if e.Line != tt.line || e.Key != tt.key {
				t.Errorf("error at line %d key %q, want line %d key %q (%v)", e.Line, e.Key, tt.line, tt.key, err)
			}
		})
	}
}

func TestErrorText(t *testing.T) {
	_, err := Parse("shop.yaml", []byte(minimalYAML+"payment:\n  hold: 3x\n"))
	want := `shop.yaml:4: payment.hold: "3x" bukan durasi (contoh: 24h, 90m, 3d)`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant    %s", err, want)
	}
}

func TestRateAliasRepeatingItsArea(t *testing.T) {
	s, err := Parse("shop.yaml", []byte(minimalYAML+"shipping:\n  rates:\n    - {area: Bogor, price: 1rb, aliases: [BOGOR, cibinong, cibinong]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"cibinong"}; !reflect.DeepEqual(s.Shipping.Rates[0].Aliases, want) {
		t.Errorf("Aliases = %q, want %q", s.Shipping.Rates[0].Aliases, want)
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"hodl", "hold", 1}, {"paymnet", "payment", 1}, {"name", "name", 0}, {"cod", "hold", 2}, {"", "abc", 3}} {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"3d", 72 * time.Hour, true},
		{"1d12h", 36 * time.Hour, true},
		{"90m", 90 * time.Minute, true},
		{"24h", 24 * time.Hour, true},
		{"0", 0, true},
		{"3x", 0, false},
		{"-1h", 0, false},
		{"1d-2h", 0, false},
		{"d", 0, false},
		{"12h3d", 0, false},
		{"1.5d", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, err := parseDuration(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseDuration(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestWriteSample(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if err := WriteSample(dir); err != nil {
		t.Fatalf("WriteSample: %v", err)
	}
	path := filepath.Join(dir, "shop.yaml")
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
	}
	if _, err := Load(path); err != nil {
		t.Errorf("Load(sample) = %v", err)
	}
	if err := os.WriteFile(path, []byte(minimalYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteSample(dir); !errors.Is(err, ErrExists) {
		t.Errorf("second WriteSample = %v, want ErrExists", err)
	}
	if data, _ := os.ReadFile(path); string(data) != minimalYAML {
		t.Errorf("WriteSample overwrote an existing shop.yaml")
	}
}

func TestLiveShippingKeys(t *testing.T) {
	base := "name: T\nowners: ['081200000009']\n"
	shop, err := Parse("/data/shop.yaml", []byte(base+`shipping:
  origin: Bandung
  couriers: [JNE, J&T, Kurir Toko]
  provider: rajaongkir
  api_key: abc123
  timeout: 5s
  default_weight: 300
  max_options: 3
`))
	if err != nil {
		t.Fatal(err)
	}
	l := shop.Shipping.Live
	if l.Provider != "rajaongkir" || l.APIKey.Reveal() != "abc123" || l.Timeout != 5*time.Second || l.DefaultGrams != 300 ||
		l.MaxOptions != 3 || !reflect.DeepEqual(l.CourierCodes, []string{"jne", "jnt"}) {
		t.Fatalf("%+v", l)
	}
	if s := fmt.Sprintf("%v %+v %#v", l, l, l.APIKey); strings.Contains(s, "abc123") {
		t.Fatalf("the key is printed: %s", s)
	}
	shop, err = Parse("/data/shop.yaml", []byte(base+"shipping:\n  provider: fixture\n  fixture: ongkir.yaml\n"))
	if err != nil || shop.Shipping.Live.Fixture != "/data/ongkir.yaml" {
		t.Fatalf("%v %q", err, shop.Shipping.Live.Fixture)
	}
	for _, bad := range []struct{ yaml, key string }{
		{"shipping:\n  provider: jne\n", "shipping.provider"},
		{"shipping:\n  provider: fixture\n", "shipping.fixture"},
		{"shipping:\n  provider: rajaongkir\n  api_key: k\n", "shipping.origin_id"},
		{"shipping:\n  provider: rajaongkir\n  origin_id: abc\n", "shipping.origin_id"},
		{"shipping:\n  provider: rajaongkir\n  origin: X\n  couriers: [Kurir Toko]\n", "shipping.courier_codes"},
		{"shipping:\n  timeout: 2h\n", "shipping.timeout"},
		{"shipping:\n  courier_codes: ['j n e']\n", "shipping.courier_codes"},
	} {
		_, err := Parse("shop.yaml", []byte(base+bad.yaml))
		if err == nil || !strings.Contains(err.Error(), bad.key) {
			t.Errorf("%q: err %v, want one naming %s", bad.yaml, err, bad.key)
		}
	}
}

func TestParseDelivery(t *testing.T) {
	s, err := Parse("shop.yaml", []byte(minimalYAML+`delivery:
  poll_every: 3h
  expect_days: 4
  grace: 12h
  track_max: 20d
  checkin_after: "off"
  rating: false
  rating_after: 30m
`))
	if err != nil {
		t.Fatal(err)
	}
	want := flows.Delivery{PollEvery: 3 * time.Hour, ExpectDays: 4, Grace: 12 * time.Hour, MaxAge: 20 * 24 * time.Hour,
		CheckinAfter: 0, Rating: false, RatingAfter: 30 * time.Minute}
	if s.Delivery != want {
		t.Errorf("delivery = %+v, want %+v", s.Delivery, want)
	}
	s, err = Parse("shop.yaml", []byte(minimalYAML+"delivery:\n  checkin_after: 5d\n"))
	if err != nil || s.Delivery.CheckinAfter != 5*24*time.Hour || !s.Delivery.Rating {
		t.Errorf("checkin_after 5d: %+v %v", s.Delivery, err)
	}
}
