package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
)

// bkOpen opens a fresh shop.db with the sample catalogue.
func bkOpen(t *testing.T) (*DB, string) {
	t.Helper()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	db, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cat, err := config.SampleCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportCatalog(ctx, cat, false); err != nil {
		t.Fatal(err)
	}
	return db, dir
}

// bkOrder places an order of `lines` in-stock variants through the same
// path a turn uses (Receive, then Apply of flows.CreateOrder).
func bkOrder(t *testing.T, db *DB, phone, name string, at time.Time, lines int) int64 {
	t.Helper()
	var id int64
	msg := fmt.Sprintf("bk-%s-%d", phone, at.UnixNano())
	err := db.Update(context.Background(), func(tx *Tx) error {
		c, _, err := tx.Receive(Inbound{MsgID: msg, Phone: phone, PushName: name, Kind: "text", Text: "pesan", SentAt: at})
		if err != nil {
			return err
		}
		id = tx.NextOrderID()
		o := flows.Order{ID: id, Status: flows.StatusAwaitingPayment, CustomerID: c.ID, CustomerName: name,
			Phone: "081298765432", Address: "Jl. Melati No. 1, Bekasi", Region: "Bekasi", Courier: "JNE",
			Shipping: 15000, UniqueCode: 123, CreatedAt: at, HoldUntil: at.Add(24 * time.Hour)}
		for _, p := range tx.Catalog().Products {
			for _, v := range p.Variants {
				if v.Stock >= 2 && len(o.Items) < lines {
					o.Items = append(o.Items, flows.OrderLine{VariantID: v.ID, SKU: p.SKU, Name: p.Name, Variant: v.Name, Qty: 2, Price: v.Price})
					o.Subtotal += 2 * v.Price
				}
			}
		}
		o.Total = o.Subtotal + o.Shipping + o.UniqueCode
		return tx.Apply([]flows.Effect{flows.CreateOrder{Order: o}}, msg)
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestExportOrders(t *testing.T) {
	ctx := context.Background()
	db, _ := bkOpen(t)
	day := func(d, h int) time.Time { return time.Date(2025, 3, d, h, 0, 0, 0, time.UTC) }
	first := bkOrder(t, db, "6281200000001", `=HYPERLINK("http://x")`, day(1, 9), 2)
	second := bkOrder(t, db, "6281200000002", "Budi", day(2, 9), 1)
	third := bkOrder(t, db, "6281200000003", "Sari", day(3, 9), 1)
	paid, shipped := day(2, 12), day(3, 8)
	if err := db.Update(ctx, func(tx *Tx) error {
		return tx.Apply([]flows.Effect{
			flows.SetOrderStatus{ID: second, Status: flows.StatusPaid, At: paid},
			flows.SetOrderStatus{ID: second, Status: flows.StatusShipped, At: shipped, Courier: "SiCepat", Tracking: "SC123"},
		}, "")
	}); err != nil {
		t.Fatal(err)
	}

	rows, err := db.ExportOrders(ctx, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range rows {
		ids = append(ids, r.OrderID)
	}
	if want := []int64{first, first, second, third}; len(ids) != 4 || ids[0] != want[0] || ids[1] != want[1] || ids[2] != want[2] || ids[3] != want[3] {
		t.Fatalf("order ids of the rows = %v, want %v", ids, want)
	}
	a, b := rows[0], rows[1]
	if a.Line != 1 || b.Line != 2 || a.SKU+a.Variant == b.SKU+b.Variant {
		t.Errorf("lines of order %d: %d %s %s, %d %s %s", first, a.Line, a.SKU, a.Variant, b.Line, b.SKU, b.Variant)
	}
	if a.CustomerName != `=HYPERLINK("http://x")` || a.PushName != a.CustomerName || a.WhatsAppPhone != "6281200000001" ||
		a.RecipientPhone != "081298765432" || a.Region != "Bekasi" || a.Courier != "JNE" || a.Status != flows.StatusAwaitingPayment {
		t.Errorf("order fields = %+v", a)
	}
	if a.Qty != 2 || a.LineTotal != 2*a.Price || a.Subtotal != 2*a.Price+2*b.Price ||
		a.Total != a.Subtotal+15000+123 || a.Shipping != 15000 || a.UniqueCode != 123 {
		t.Errorf("amounts = qty %d price %d line %d subtotal %d total %d", a.Qty, a.Price, a.LineTotal, a.Subtotal, a.Total)
	}
	if !a.CreatedAt.Equal(day(1, 9)) || !a.PaidAt.IsZero() || !a.ShippedAt.IsZero() {
		t.Errorf("times of an unpaid order = %v, %v, %v", a.CreatedAt, a.PaidAt, a.ShippedAt)
	}
	s := rows[2]
	if s.Status != flows.StatusShipped || !s.PaidAt.Equal(paid) || !s.ShippedAt.Equal(shipped) || s.Tracking != "SC123" || s.Courier != "SiCepat" {
		t.Errorf("shipped order = %+v", s)
	}

	for _, tc := range []struct {
		name     string
		from, to time.Time
		want     []int64
	}{
		{"one day", day(2, 0), day(3, 0), []int64{second}},
		{"from only", day(2, 0), time.Time{}, []int64{second, third}},
		{"to only", time.Time{}, day(2, 0), []int64{first, first}},
		{"to is excluded", day(1, 9), day(3, 9), []int64{first, first, second}},
		{"none", day(10, 0), day(11, 0), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := db.ExportOrders(ctx, tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, r := range rows {
				got = append(got, r.OrderID)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("ids = %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("ids = %v, want %v", got, tc.want)
				}
			}
		})
	}
}

// A customer known only by LID is exported with its chat id.
func TestExportLIDOnlyCustomer(t *testing.T) {
	ctx := context.Background()
	db, _ := bkOpen(t)
	at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	if err := db.Update(ctx, func(tx *Tx) error {
		c, _, err := tx.Receive(Inbound{MsgID: "lid-1", LID: "99887766", Kind: "text", SentAt: at})
		if err != nil {
			return err
		}
		v := tx.Catalog().Products[0].Variants[0]
		o := flows.Order{ID: tx.NextOrderID(), Status: flows.StatusAwaitingPayment, CustomerID: c.ID, CustomerName: "Ani",
			Address: "Jl. Mawar 2", Items: []flows.OrderLine{{VariantID: v.ID, SKU: "X", Name: "Y", Qty: 1, Price: v.Price}},
			Subtotal: v.Price, Total: v.Price, CreatedAt: at}
		return tx.Apply([]flows.Effect{flows.CreateOrder{Order: o}}, "lid-1")
	}); err != nil {
		t.Fatal(err)
	}
	rows, err := db.ExportOrders(ctx, time.Time{}, time.Time{})
	if err != nil || len(rows) != 1 {
		t.Fatalf("rows = %v, %v", rows, err)
	}
	if rows[0].WhatsAppPhone != "lid:99887766" {
		t.Errorf("WhatsAppPhone = %q, want lid:99887766", rows[0].WhatsAppPhone)
	}
}
