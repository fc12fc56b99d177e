package flows

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// turn_fuzz_test.go: random text through the conversation engine and the
// staff commands on a small in-memory shop. The oracles are what the store
// and WhatsApp need from a turn: no panic, replies that are valid UTF-8 with
// no bidi controls (they could disguise an amount or a name, UTR #36),
// a state that serialises, and effects the shop.db CHECK constraints accept:
// a value they refuse fails the transaction on every redelivery.

// fuzzShop is a small shop built by hand (flows cannot import config).
func fuzzShop() *Shop {
	s := &Shop{
		Name: "Toko Fuzz", Address: "Jl. Melati 12, Jakarta", Location: time.FixedZone("WIB", 7*3600),
		Owners: []string{"6281200000001"}, Staff: []Staff{{Phone: "6281200000002", Role: RoleCS}, {Phone: "6281200000003", Role: RoleGudang}},
		Hours:   Hours{Open: 8 * time.Hour, Close: 21 * time.Hour},
		Payment: Payment{Banks: []Bank{{Bank: "BCA", Number: "1234567890", Holder: "Siti"}}, UniqueCode: true, Hold: 24 * time.Hour},
		Shipping: Shipping{Origin: "Jakarta", Couriers: []string{"JNE", "J&T", "SiCepat"}, Default: 45000,
			Rates: []Rate{{Area: "Jakarta", Aliases: []string{"jaksel", "dki"}, Price: 10000}, {Area: "Bekasi", Price: 12000}}},
		Complaints:  Complaints{AnswerWithin: 24 * time.Hour, FollowUpEvery: 24 * time.Hour, EscalateAfter: 2},
		HandoverCap: 2 * time.Hour, QuietStart: 21 * time.Hour, QuietEnd: 8 * time.Hour, SummaryAt: -1,
		StaleAfter: 72 * time.Hour, MaxQty: 99,
	}
	for d := range s.Hours.Days {
		s.Hours.Days[d] = d != int(time.Sunday)
	}
	return s
}

// fuzzView is a tiny in-memory View; apply plays the effects a store would.
type fuzzView struct {
	cat        Catalog
	orders     []Order
	complaints []Complaint
	customers  []Customer
}

func newFuzzView() *fuzzView {
	return &fuzzView{
		cat: Catalog{Products: []Product{
			{SKU: "PSM-02", Name: "Pashmina Ceruty Babydoll", Aliases: []string{"pashmina", "pasmina"}, Variants: []Variant{
				{ID: 1, SKU: "PSM-02", Name: "Hitam", Price: 45000, Stock: 12, WeightGrams: 120},
				{ID: 2, SKU: "PSM-02", Name: "Mocca", Price: 45000, Stock: 1, WeightGrams: 120},
				{ID: 3, SKU: "PSM-02", Name: "Dusty Pink", Price: 45000, Stock: 0, WeightGrams: 120}}},
			{SKU: "GMS-01", Name: "Gamis Aisyah", Aliases: []string{"gamis", "aisyah"}, Variants: []Variant{
				{ID: 4, SKU: "GMS-01", Name: "Hitam / M", Price: 185000, Stock: 5, WeightGrams: 450},
				{ID: 5, SKU: "GMS-01", Name: "Navy / L", Price: 185000, Stock: 3, WeightGrams: 450}}},
			{SKU: "BRG-04", Name: "Bergo Maryam", Aliases: []string{"bergo"}, Variants: []Variant{
				{ID: 6, SKU: "BRG-04", Name: "Hitam", Price: 35000, Stock: 10, WeightGrams: 100}}},
		}},
		customers: []Customer{{ID: 1, Phone: "6281300000001", PushName: "Rina"}},
	}
}

func (v *fuzzView) Catalog() *Catalog { return &v.cat }

func (v *fuzzView) Order(id int64) (*Order, bool) {
	for i := range v.orders {
		if v.orders[i].ID == id {
			return &v.orders[i], true
		}
	}
	return nil, false
}

func (v *fuzzView) CustomerOrders(customerID int64) []Order {
	var out []Order
	for i := len(v.orders) - 1; i >= 0; i-- {
		if v.orders[i].CustomerID == customerID {
			out = append(out, v.orders[i])
		}
	}
	return out
}

func (v *fuzzView) Complaint(id int64) (*Complaint, bool) {
	for i := range v.complaints {
		if v.complaints[i].ID == id {
			return &v.complaints[i], true
		}
	}
	return nil, false
}

func (v *fuzzView) CustomerComplaints(customerID int64) []Complaint {
	var out []Complaint
	for i := len(v.complaints) - 1; i >= 0; i-- {
		if v.complaints[i].CustomerID == customerID {
			out = append(out, v.complaints[i])
		}
	}
	return out
}

func (v *fuzzView) Orders(status OrderStatus) []Order {
	var out []Order
	for _, o := range v.orders {
		if (status == "" && o.Status.Open()) || o.Status == status {
			out = append(out, o)
		}
	}
	return out
}

func (v *fuzzView) Complaints(status ComplaintStatus) []Complaint {
	var out []Complaint
	for _, c := range v.complaints {
		if (status == "" && c.Status != ComplaintResolved) || c.Status == status {
			out = append(out, c)
		}
	}
	return out
}

func (v *fuzzView) CustomerByPhone(phone string) (*Customer, bool) {
	for i := range v.customers {
		if v.customers[i].Phone == phone {
			return &v.customers[i], true
		}
	}
	return nil, false
}

func (v *fuzzView) CustomerByID(id int64) (*Customer, bool) {
	for i := range v.customers {
		if v.customers[i].ID == id {
			return &v.customers[i], true
		}
	}
	return nil, false
}

func (v *fuzzView) NextOrderID() int64           { return int64(len(v.orders)) + 1 }
func (v *fuzzView) FreeCode(want, _ int64) int64 { return want }
func (v *fuzzView) NextComplaintID() int64       { return int64(len(v.complaints)) + 1 }

func (v *fuzzView) Summary(from, to time.Time) Summary {
	return Summary{From: from, To: to, Orders: len(v.orders), ByStatus: map[string]int{}}
}

func (v *fuzzView) variant(id int64) *Variant {
	for i := range v.cat.Products {
		for j := range v.cat.Products[i].Variants {
			if v.cat.Products[i].Variants[j].ID == id {
				return &v.cat.Products[i].Variants[j]
			}
		}
	}
	return nil
}

// apply checks each effect against shop.db's constraints (migrations
// 001_init.sql) and plays it on the view.
func (v *fuzzView) apply(t *testing.T, input string, effects []Effect) {
	t.Helper()
	runes := utf8.RuneCountInString
	for _, e := range effects {
		switch e := e.(type) {
		case CreateOrder:
			o := e.Order
			switch {
			case o.ID != v.NextOrderID():
				t.Fatalf("%q: order id %d, next is %d", input, o.ID, v.NextOrderID())
			case runes(o.CustomerName) > 100 || runes(o.Phone) > 20 || runes(o.Address) > 500 || runes(o.Region) > 100 || runes(o.Courier) > 40:
				t.Fatalf("%q: order fields over the column limits: %+v", input, o)
			case o.Subtotal < 0 || o.Shipping < 0 || o.UniqueCode < 0 || o.UniqueCode > 999 || o.Total != o.Subtotal+o.Shipping+o.UniqueCode:
				t.Fatalf("%q: order amounts break the CHECKs: %+v", input, o)
			case !o.Status.Valid() || len(o.Items) == 0:
				t.Fatalf("%q: order status %q with %d lines", input, o.Status, len(o.Items))
			}
			for _, l := range o.Items {
				va := v.variant(l.VariantID)
				if va == nil || l.Qty < 1 || l.Qty > 9999 || l.Qty > va.Stock || l.Price < 0 {
					t.Fatalf("%q: order line %+v against variant %+v", input, l, va)
				}
				va.Stock -= l.Qty
			}
			v.orders = append(v.orders, o)
		case SetOrderStatus:
			o, ok := v.Order(e.ID)
			if !ok || !e.Status.Valid() {
				t.Fatalf("%q: status %q for order %d (exists %v)", input, e.Status, e.ID, ok)
			}
			if runes(e.Tracking) > 60 || runes(e.Courier) > 40 {
				t.Fatalf("%q: shipping fields over the column limits: %+v", input, e)
			}
			if e.Status == StatusCancelled && o.Status != StatusCancelled {
				for _, l := range o.Items {
					v.variant(l.VariantID).Stock += l.Qty
				}
			}
			o.Status = e.Status
		case CreateComplaint:
			c := e.Complaint
			if c.ID != v.NextComplaintID() || !c.Status.Valid() {
				t.Fatalf("%q: complaint %+v", input, c)
			}
			switch c.Category {
			case CategoryLate, CategoryWrongItem, CategoryDamaged, CategoryOther:
			default:
				t.Fatalf("%q: complaint category %q", input, c.Category)
			}
			if c.OrderID != 0 {
				if _, ok := v.Order(c.OrderID); !ok {
					t.Fatalf("%q: complaint about unknown order %d", input, c.OrderID)
				}
			}
			v.complaints = append(v.complaints, c)
		case UpdateComplaint:
			c, ok := v.Complaint(e.ID)
			if !ok {
				t.Fatalf("%q: update of unknown complaint %d", input, e.ID)
			}
			if e.Status != "" {
				c.Status = e.Status
			}
		case SetStock:
			va := v.variant(e.VariantID)
			if va == nil || e.Stock < 0 || e.Stock > 1_000_000 {
				t.Fatalf("%q: stock %d for variant %d", input, e.Stock, e.VariantID)
			}
			va.Stock = e.Stock
		case SetPause:
			if e.Phone == "" || runes(e.Phone) > 60 {
				t.Fatalf("%q: pause for %q", input, e.Phone)
			}
		}
	}
}

// checkReplies holds for every reply of a turn.
func checkReplies(t *testing.T, input string, replies []Reply) {
	t.Helper()
	for _, r := range replies {
		if !utf8.ValidString(r.Text) {
			t.Fatalf("%q: reply is not valid UTF-8: %q", input, r.Text)
		}
		if i := strings.IndexFunc(r.Text, isBidiControl); i >= 0 {
			t.Fatalf("%q: reply to %q carries a bidi control at %d: %q", input, r.To, i, r.Text)
		}
		if len(r.Text) > 65536 {
			t.Fatalf("%q: reply of %d bytes is over the outbox limit", input, len(r.Text))
		}
	}
}

func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}

var fuzzTurnSeeds = []string{
	"halo kak", "1", "menu", "mau pashmina hitam 2", "mau pashmina mocca 5\nRina, Jl. Mawar 2 Bekasi, 081233000101, jne\nya",
	"*FORMAT ORDER*\nNama : Dewi\nNo HP : 0857-1111-2222\nAlamat : Jl. Kenari 1 Surabaya\nPesanan : bergo maryam hitam 1\nKurir : J&T",
	"gamis aisyah navy L 2\nsudah\nBudi\nJl. Diponegoro 45 Jakarta Selatan\n081234567890\nsicepat\nya",
	"kak paket saya belum sampai\n1\nsudah 5 hari", "batal\nya", "ongkir ke dki brp", "\u202Eya\u202C", "2.000 pcs", "٣",
	"mau pashmina hitam 99999999999999999999", "Nama: " + strings.Repeat("A", 300) + "\nAlamat: " + strings.Repeat("jl ", 400),
	"admin", "'; DROP TABLE orders;--", "hapus data saya\nya\nya", "data saya",
	"mau bergo hitam 1\nRina\u202E Sari\u2066, Jl. Mawar\u200F 2 Bekasi 17111, 081233000101, jne\nya",
}

// FuzzHandleTurn feeds each line of the input as one turn of a chat, the
// state carried from turn to turn as the store would (through JSON).
func FuzzHandleTurn(f *testing.F) {
	for _, s := range fuzzTurnSeeds {
		f.Add(s)
	}
	shop := fuzzShop()
	f.Fuzz(func(t *testing.T, input string) {
		v := newFuzzView()
		at := time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)
		var st State
		lines := strings.Split(input, "\n")
		if len(lines) > 12 {
			lines = lines[:12]
		}
		for i, text := range lines {
			in := Input{Customer: v.customers[0], Text: text, At: at}
			if i%5 == 4 {
				in.Media = []Media{{Kind: MediaImage, Path: "media/p.jpg"}}
			}
			res := Handle(shop, st, in, v)
			checkReplies(t, text, res.Replies)
			v.apply(t, text, res.Effects)
			raw, err := json.Marshal(res.State)
			if err != nil {
				t.Fatalf("%q: state does not serialise: %v", text, err)
			}
			st = State{}
			if err := json.Unmarshal(raw, &st); err != nil {
				t.Fatalf("%q: state does not read back: %v", text, err)
			}
			at = at.Add(time.Minute)
		}
	})
}

var fuzzCommandSeeds = []string{
	"/bantuan", "/pesanan", "/pesanan 1", "/pesanan lunas", "/lunas 1", "/kirim 1 JNE JN123", "/selesai 1", "/batal 1 stok rusak",
	"/komplain", "/komplain 1", "/balas 1 sudah kami kirim ulang", "/tutup 1 beres", "/stok", "/stok PSM-02", "/stok PSM-02 hitam +5",
	"/stok PSM-02 hitam -99", "/stok psm-02 mocca 1000001", "/stok bergo 0", "/ambil 6281300000001", "/lepas 0813-0000-0001",
	"/gudang", "/ringkasan", "/ringkasan minggu", "#lunas 1", "/LUNAS   1", "/x", "/kirim 1 " + strings.Repeat("R", 100),
	"/balas 1 \u202Etransfer 10.000\u202C", "/stok PSM-02 Hitam 0x10", "/batal 99",
	"/datapelanggan 6281300000001", "/hapusdata 6281300000001 YA", "/hapusdata 0813-0000-0001 ya", "/hapusdata 6281300000009 YA",
}

// FuzzHandleCommand runs random staff commands as each role on a shop with
// an order and a complaint; besides the turn oracles it checks the roles:
// cs never changes stock, gudang never marks paid, cancels or answers, and
// only the owner erases a customer.
func FuzzHandleCommand(f *testing.F) {
	for i, s := range fuzzCommandSeeds {
		f.Add(s, uint8(i))
	}
	shop := fuzzShop()
	roles := []Staff{{Phone: "6281200000001", Role: RoleOwner}, shop.Staff[0], shop.Staff[1]}
	f.Fuzz(func(t *testing.T, text string, who uint8) {
		actor := roles[int(who)%len(roles)]
		v := newFuzzView()
		at := time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)
		v.orders = []Order{{ID: 1, Status: StatusAwaitingPayment, CustomerID: 1, CustomerPhone: "6281300000001", CustomerName: "Rina",
			Address: "Jl. Mawar 2 Bekasi", Courier: "JNE", Items: []OrderLine{{VariantID: 1, SKU: "PSM-02", Name: "Pashmina Ceruty Babydoll", Variant: "Hitam", Qty: 2, Price: 45000}},
			Subtotal: 90000, Shipping: 12000, UniqueCode: 338, Total: 102338, CreatedAt: at.Add(-time.Hour)}}
		v.complaints = []Complaint{{ID: 1, Status: ComplaintOpen, Category: CategoryLate, OrderID: 1, CustomerID: 1, CustomerPhone: "6281300000001",
			Description: "belum sampai", CreatedAt: at.Add(-time.Hour), DueAt: at.Add(23 * time.Hour)}}
		if !IsCommand(text) {
			text = "/" + text
		}
		res := HandleCommand(shop, actor, text, at, v)
		if len(res.Replies) == 0 || res.Replies[0].Text == "" {
			t.Fatalf("%q as %s: no answer", text, actor.Role)
		}
		checkReplies(t, text, res.Replies)
		for _, e := range res.Effects {
			switch e := e.(type) {
			case SetStock:
				if actor.Role == RoleCS {
					t.Fatalf("%q: cs changed stock", text)
				}
			case SetOrderStatus:
				if actor.Role == RoleGudang && slices.Contains([]OrderStatus{StatusPaid, StatusCancelled}, e.Status) {
					t.Fatalf("%q: gudang set order %d %s", text, e.ID, e.Status)
				}
			case UpdateComplaint, SetPause:
				if actor.Role == RoleGudang {
					t.Fatalf("%q: gudang ran %T", text, e)
				}
			case EraseCustomer:
				if actor.Role != RoleOwner {
					t.Fatalf("%q: %s erased a customer", text, actor.Role)
				}
				if _, ok := v.CustomerByID(e.CustomerID); !ok {
					t.Fatalf("%q: erase of unknown customer %d", text, e.CustomerID)
				}
			}
		}
		v.apply(t, text, res.Effects)
	})
}
