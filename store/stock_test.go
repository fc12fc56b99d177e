package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

// orderOf is an order of qty of the first variant of the test catalogue's
// first product and, when qty2 > 0, of its second variant.
func orderOf(t *testing.T, db *DB, id int64, qty, qty2 int) flows.Order {
	t.Helper()
	c, err := db.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	p := c.Products[0]
	o := flows.Order{ID: id, Status: flows.StatusAwaitingPayment, CustomerName: "A", Address: "B", CreatedAt: time.Now(),
		Items: []flows.OrderLine{{VariantID: p.Variants[0].ID, SKU: p.SKU, Name: p.Name, Variant: p.Variants[0].Name, Qty: qty, Price: 1000}}}
	if qty2 > 0 {
		if len(p.Variants) < 2 {
			t.Fatal("the test product has one variant")
		}
		o.Items = append(o.Items, flows.OrderLine{VariantID: p.Variants[1].ID, SKU: p.SKU, Name: p.Name, Variant: p.Variants[1].Name, Qty: qty2, Price: 1000})
	}
	return o
}

// applyOrder receives message msgID from a customer and applies the order as
// that customer's, in tx.
func applyOrder(tx *Tx, o flows.Order, msgID string) error {
	cust, _, err := tx.Receive(Inbound{MsgID: msgID, Phone: "6281234500001", Kind: "text", Text: "x", SentAt: time.Now()})
	if err != nil {
		return err
	}
	o.CustomerID = cust.ID
	_ = tx.Catalog()
	return tx.Apply([]flows.Effect{flows.CreateOrder{Order: o}}, msgID)
}

// TestOrderKeepsCatalogue: an order takes its stock, and the next turn
// reads the new counts from the shared catalogue without loading it again.
func TestOrderKeepsCatalogue(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	if _, err := db.ImportCatalog(ctx, twoVariants(5), false); err != nil {
		t.Fatal(err)
	}
	o := orderOf(t, db, 1, 2, 1)
	_ = txStock(t, db) // shared and cached
	loads := catalogLoads(db)
	if err := db.Update(ctx, func(tx *Tx) error {
		return applyOrder(tx, o, "M1")
	}); err != nil {
		t.Fatal(err)
	}
	var c *flows.Catalog
	if err := db.Update(ctx, func(tx *Tx) error { c = tx.Catalog(); return nil }); err != nil {
		t.Fatal(err)
	}
	if n := loads.Load(); n != 0 {
		t.Errorf("the catalogue was loaded %d times after the order, want 0", n)
	}
	if got := c.Products[0].Variants[0].Stock; got != 3 {
		t.Errorf("first variant stock %d, want 3", got)
	}
	if got := c.Products[0].Variants[1].Stock; got != 4 {
		t.Errorf("second variant stock %d, want 4", got)
	}
	// What SQLite holds agrees.
	var s0, s1 int
	if err := db.SQL().QueryRowContext(ctx, `SELECT stock FROM variant WHERE id = ?`, o.Items[0].VariantID).Scan(&s0); err != nil {
		t.Fatal(err)
	}
	if err := db.SQL().QueryRowContext(ctx, `SELECT stock FROM variant WHERE id = ?`, o.Items[1].VariantID).Scan(&s1); err != nil {
		t.Fatal(err)
	}
	if s0 != 3 || s1 != 4 {
		t.Errorf("stored stock %d, %d; want 3, 4", s0, s1)
	}
	// The index is the same one: only stock changed.
	if before, err := db.Catalog(ctx); err != nil || before.Index() != c.Index() {
		t.Errorf("the catalogue's reader index was rebuilt for a stock change")
	}
	// Two lines of the same variant are taken together.
	o2 := orderOf(t, db, 2, 1, 0)
	o2.Items = append(o2.Items, o2.Items[0])
	if err := db.Update(ctx, func(tx *Tx) error {
		return applyOrder(tx, o2, "M2")
	}); err != nil {
		t.Fatal(err)
	}
	if got := txStock(t, db); got != 1 {
		t.Errorf("after two lines of one, stock %d, want 1", got)
	}
}

// TestOrderShortRollsBack: an order that finds one of its variants short
// fails as out of stock, naming it, and nothing is taken or shared.
func TestOrderShortRollsBack(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	if _, err := db.ImportCatalog(ctx, twoVariants(5), false); err != nil {
		t.Fatal(err)
	}
	o := orderOf(t, db, 1, 1, 6) // the second line wants more than there is
	err := db.Update(ctx, func(tx *Tx) error {
		return applyOrder(tx, o, "M1")
	})
	if !errors.Is(err, ErrOutOfStock) {
		t.Fatalf("Update = %v, want ErrOutOfStock", err)
	}
	if want := o.Items[1].Variant; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not name %q", err, want)
	}
	c, err := db.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Products[0].Variants[0].Stock; got != 5 {
		t.Errorf("after the failed order the shared catalogue says %d, want 5", got)
	}
	if got := txStock(t, db); got != 5 {
		t.Errorf("after the failed order, stock %d, want 5", got)
	}
	// A turn that took stock and then failed for another reason shares
	// nothing either.
	boom := errors.New("boom")
	err = db.Update(ctx, func(tx *Tx) error {
		if err := applyOrder(tx, orderOf(t, db, 2, 1, 0), "M2"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v, want boom", err)
	}
	if got := txStock(t, db); got != 5 {
		t.Errorf("after the rolled-back order, stock %d, want 5", got)
	}
}

// twoVariants is the test catalogue with a second variant, both with
// stock.
func twoVariants(stock int) *flows.Catalog {
	c := testCatalog(stock)
	c.Products[0].Variants = append(c.Products[0].Variants, flows.Variant{Name: "Navy / M", Price: 185000, Stock: stock, WeightGrams: 450})
	return c
}

func TestWriteTarget(t *testing.T) {
	for q, want := range map[string]string{
		"INSERT INTO order_line (order_id, variant_id, variant) VALUES (?, ?, ?)":  "order_line",
		"INSERT OR IGNORE INTO variant(product_id) VALUES (?)":                     "variant",
		"UPDATE variant SET stock = stock + l.qty FROM order_line l WHERE l.x = 1": "variant",
		"DELETE FROM product WHERE id = ?":                                         "product",
		"update Outbox set sent_at = 1":                                            "outbox",
		"WITH x AS (SELECT 1) UPDATE variant SET stock = 1":                        "",
		"SELECT 1": "",
	} {
		if got := writeTarget(q); got != want {
			t.Errorf("writeTarget(%q) = %q, want %q", q, got, want)
		}
	}
}

// TestOrdersHead: /pesanan's read takes the first orders and counts them
// all, open ones or those of one status.
func TestOrdersHead(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	if _, err := db.ImportCatalog(ctx, twoVariants(100), false); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 7; i++ {
		o := orderOf(t, db, int64(i), 1, 0)
		if err := db.Update(ctx, func(tx *Tx) error { return applyOrder(tx, o, fmt.Sprint("M", i)) }); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Update(ctx, func(tx *Tx) error {
		return tx.Apply([]flows.Effect{flows.SetOrderStatus{ID: 2, Status: flows.StatusCancelled, At: time.Now()},
			flows.SetOrderStatus{ID: 4, Status: flows.StatusPaid, At: time.Now()}, flows.SetOrderStatus{ID: 6, Status: flows.StatusPaid, At: time.Now()}}, "")
	}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		status      flows.OrderStatus
		n           int
		first, want int
		total       int
	}{
		{"", 3, 1, 3, 6},
		{"", 10, 1, 6, 6},
		{flows.StatusCancelled, 3, 2, 1, 1},
		{flows.StatusAwaitingPayment, 2, 1, 2, 4},
		{flows.StatusPaid, 1, 4, 1, 2},
		{flows.StatusPaid, 5, 4, 2, 2},
		{flows.StatusShipped, 5, 0, 0, 0},
	} {
		var head []flows.Order
		var total int
		if err := db.Update(ctx, func(tx *Tx) error { head, total = tx.OrdersHead(c.status, c.n); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(head) != c.want || total != c.total || c.want > 0 && head[0].ID != int64(c.first) {
			t.Errorf("OrdersHead(%q, %d) = %d orders (first %v), total %d; want %d from #%d, total %d",
				c.status, c.n, len(head), head, total, c.want, c.first, c.total)
		}
	}
}

// TestComplaintsHead: /komplain's read takes the first complaints not
// resolved and counts them all; the counts of the open lists read the
// orders' counts by status and the complaints' own partial index, never
// every order or complaint.
func TestComplaintsHead(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	now := time.Now()
	if err := db.Update(ctx, func(tx *Tx) error {
		cust, _, err := tx.Receive(Inbound{MsgID: "K0", Phone: "6281234500001", Kind: "text", Text: "x", SentAt: now})
		if err != nil {
			return err
		}
		for i := 1; i <= 5; i++ {
			c := flows.Complaint{ID: int64(i), Status: flows.ComplaintOpen, Category: flows.CategoryLate, CustomerID: cust.ID,
				Description: "belum sampai", CreatedAt: now, DueAt: now.Add(time.Hour)}
			if i == 1 {
				c.Status = flows.ComplaintResolved
				c.ResolvedAt = now
			}
			if err := tx.Apply([]flows.Effect{flows.CreateComplaint{Complaint: c}}, ""); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var head []flows.Complaint
	var total int
	if err := db.Update(ctx, func(tx *Tx) error { head, total = tx.ComplaintsHead(3); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(head) != 3 || total != 4 || head[0].ID != 2 {
		t.Errorf("ComplaintsHead(3) = %d complaints (first #%d), total %d; want 3 from #2, total 4", len(head), head[0].ID, total)
	}
	for q, index := range map[string]string{
		countOpenOrders:                      "COVERING INDEX orders_open",
		countOrdersIn(flows.StatusPaid):      "COVERING INDEX orders_open (status=?)",
		countOrdersIn(flows.StatusCompleted): "order_status_count",
		countOpenComplaints:                  "complaint_unresolved",
	} {
		var id, parent, unused int
		var detail string
		var args []any
		if strings.Contains(q, "?") {
			args = append(args, "paid")
		}
		if err := db.SQL().QueryRow("EXPLAIN QUERY PLAN "+q, args...).Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(detail, index) {
			t.Errorf("%s: plan %q does not use %s", q, detail, index)
		}
	}
}
