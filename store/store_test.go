package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

func openTest(t *testing.T) (*DB, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	db, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, dir
}

func testCatalog(stock int) *flows.Catalog {
	return &flows.Catalog{Products: []flows.Product{{
		SKU: "GMS-01", Name: "Gamis Aisyah", Category: "Gamis",
		Variants: []flows.Variant{{Name: "Hitam / M", Price: 185000, Stock: stock, WeightGrams: 450}},
	}}}
}

func TestOpenPermissions(t *testing.T) {
	db, dir := openTest(t)
	if err := db.Update(context.Background(), func(tx *Tx) error {
		_, _, err := tx.Receive(Inbound{MsgID: "A", Phone: "6281234500001", Kind: "text", Text: "halo", SentAt: time.Now()})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != 0o700 {
		t.Errorf("data dir mode = %o, want 700", got)
	}
	for _, name := range []string{"shop.db", "shop.db-wal", "shop.db-shm"} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != 0o600 {
			t.Errorf("%s mode = %o, want 600", name, got)
		}
	}
	var mode string
	if err := db.SQL().QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	db, dir := openTest(t)
	if _, err := db.SQL().Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+1)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err := Open(context.Background(), dir, Options{})
	if !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("Open = %v, want ErrSchemaTooNew", err)
	}
}

func TestReopenKeepsData(t *testing.T) {
	db, dir := openTest(t)
	ctx := context.Background()
	if _, err := db.ImportCatalog(ctx, testCatalog(3), false); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db2, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	c, err := db2.Catalog(ctx)
	if err != nil || len(c.Products) != 1 || c.Products[0].Variants[0].Stock != 3 {
		t.Fatalf("catalogue after reopen = %+v, %v", c, err)
	}
}

func TestStockCheckConstraint(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	if _, err := db.ImportCatalog(ctx, testCatalog(1), false); err != nil {
		t.Fatal(err)
	}
	_, err := db.SQL().Exec(`UPDATE variant SET stock = -1`)
	if err == nil {
		t.Fatal("negative stock accepted")
	}
	if !errors.Is(classify(err), ErrConstraint) {
		t.Errorf("classify(%v) is not ErrConstraint", err)
	}
}

func TestReceiveDedupe(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	var dups []bool
	for i := 0; i < 3; i++ {
		err := db.Update(ctx, func(tx *Tx) error {
			_, dup, err := tx.Receive(Inbound{MsgID: "SAME", Phone: "6281234500001", Kind: "text", Text: "halo", SentAt: time.Now()})
			dups = append(dups, dup)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if dups[0] || !dups[1] || !dups[2] {
		t.Errorf("dups = %v, want [false true true]", dups)
	}
}

func TestLIDMerge(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	var lidOnly, both flows.Customer
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.Update(ctx, func(tx *Tx) (err error) {
		lidOnly, _, err = tx.Receive(Inbound{MsgID: "1", LID: "123456789", Kind: "text", Text: "halo", SentAt: time.Now()})
		return err
	}))
	must(db.Update(ctx, func(tx *Tx) (err error) {
		_, _, err = tx.Receive(Inbound{MsgID: "2", Phone: "6281234500001", Kind: "text", Text: "lagi", SentAt: time.Now()})
		return err
	}))
	// Now a message carries both: the two customers become one.
	must(db.Update(ctx, func(tx *Tx) (err error) {
		both, _, err = tx.Receive(Inbound{MsgID: "3", Phone: "6281234500001", LID: "123456789", Kind: "text", Text: "x", SentAt: time.Now()})
		return err
	}))
	var n, msgs int
	must(db.SQL().QueryRow(`SELECT count(*) FROM customer`).Scan(&n))
	must(db.SQL().QueryRow(`SELECT count(*) FROM inbound WHERE customer_id = ?`, both.ID).Scan(&msgs))
	if n != 1 || msgs != 3 {
		t.Errorf("customers = %d, messages of merged = %d; want 1, 3 (lid-only id was %d)", n, msgs, lidOnly.ID)
	}
}

func order(id, customer int64, variantID int64, qty int) flows.Order {
	return flows.Order{ID: id, Status: flows.StatusAwaitingPayment, CustomerID: customer, CustomerName: "Rina", Address: "Jl. Melati 1",
		Items:    []flows.OrderLine{{VariantID: variantID, SKU: "GMS-01", Name: "Gamis Aisyah", Variant: "Hitam / M", Qty: qty, Price: 185000}},
		Subtotal: int64(qty) * 185000, Total: int64(qty) * 185000, CreatedAt: time.Now()}
}

// TestLastUnitNeverOversold races many buyers for few units through the same
// path a turn uses: read the stock inside the IMMEDIATE transaction, then
// reserve it with the conditional update.
func TestLastUnitNeverOversold(t *testing.T) {
	for _, tc := range []struct{ stock, buyers, qty int }{{1, 50, 1}, {2, 20, 2}, {10, 60, 1}} {
		t.Run(fmt.Sprintf("stock%d_buyers%d_qty%d", tc.stock, tc.buyers, tc.qty), func(t *testing.T) {
			db, _ := openTest(t)
			ctx := context.Background()
			if _, err := db.ImportCatalog(ctx, testCatalog(tc.stock), false); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			var mu sync.Mutex
			accepted, refused := 0, 0
			for i := 0; i < tc.buyers; i++ {
				wg.Add(1)
				go func(i int) {
					defer wg.Done()
					ok := false
					err := db.Update(ctx, func(tx *Tx) error {
						c, _, err := tx.Receive(Inbound{MsgID: fmt.Sprint("m", i), Phone: fmt.Sprintf("62812000%05d", i), Kind: "text", Text: "beli", SentAt: time.Now()})
						if err != nil {
							return err
						}
						v := tx.Catalog().Products[0].Variants[0]
						if v.Stock < tc.qty {
							return nil // the flow answers "stok habis"
						}
						ok = true
						return tx.Apply([]flows.Effect{flows.CreateOrder{Order: order(tx.NextOrderID(), c.ID, v.ID, tc.qty)}}, fmt.Sprint("m", i))
					})
					mu.Lock()
					defer mu.Unlock()
					if err != nil {
						t.Errorf("buyer %d: %v", i, err)
						return
					}
					if ok {
						accepted++
					} else {
						refused++
					}
				}(i)
			}
			wg.Wait()
			want := tc.stock / tc.qty
			if accepted != want {
				t.Errorf("accepted %d orders, want %d", accepted, want)
			}
			var stock, orders, sold int
			db.SQL().QueryRow(`SELECT stock FROM variant`).Scan(&stock)
			db.SQL().QueryRow(`SELECT count(*), coalesce(sum(qty), 0) FROM order_line`).Scan(&orders, &sold)
			if stock < 0 || stock+sold != tc.stock {
				t.Errorf("stock %d + sold %d != initial %d", stock, sold, tc.stock)
			}
		})
	}
}

func TestCreateOrderRefusesOversell(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	if _, err := db.ImportCatalog(ctx, testCatalog(1), false); err != nil {
		t.Fatal(err)
	}
	err := db.Update(ctx, func(tx *Tx) error {
		c, _, err := tx.Receive(Inbound{MsgID: "x", Phone: "6281200000009", Kind: "text", SentAt: time.Now()})
		if err != nil {
			return err
		}
		v := tx.Catalog().Products[0].Variants[0]
		return tx.Apply([]flows.Effect{flows.CreateOrder{Order: order(1, c.ID, v.ID, 2)}}, "x")
	})
	if !errors.Is(err, ErrOutOfStock) {
		t.Fatalf("err = %v, want ErrOutOfStock", err)
	}
	var n int
	db.SQL().QueryRow(`SELECT count(*) FROM orders`).Scan(&n)
	if n != 0 {
		t.Errorf("%d orders stored after a refused reservation", n)
	}
}

func TestCancelReleasesStockOnce(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	if _, err := db.ImportCatalog(ctx, testCatalog(5), false); err != nil {
		t.Fatal(err)
	}
	err := db.Update(ctx, func(tx *Tx) error {
		c, _, err := tx.Receive(Inbound{MsgID: "x", Phone: "6281200000009", Kind: "text", SentAt: time.Now()})
		if err != nil {
			return err
		}
		v := tx.Catalog().Products[0].Variants[0]
		return tx.Apply([]flows.Effect{flows.CreateOrder{Order: order(1, c.ID, v.ID, 2)}}, "x")
	})
	if err != nil {
		t.Fatal(err)
	}
	cancel := func() error {
		return db.Update(ctx, func(tx *Tx) error {
			return tx.Apply([]flows.Effect{flows.SetOrderStatus{ID: 1, Status: flows.StatusCancelled, At: time.Now()}}, "")
		})
	}
	if err := cancel(); err != nil {
		t.Fatal(err)
	}
	if err := cancel(); err != nil {
		t.Fatal(err) // a second cancel is a no-op
	}
	var stock int
	db.SQL().QueryRow(`SELECT stock FROM variant`).Scan(&stock)
	if stock != 5 {
		t.Errorf("stock after cancel = %d, want 5", stock)
	}
}

// TestOrderOncePerMessage: an order comes from its message's turn, and a
// message delivered again (after a crash, before WhatsApp heard it was
// received) is recognised by its id and runs no turn: one order. (Orders
// keep no unique index of their source message: this is the guard.)
func TestOrderOncePerMessage(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	if _, err := db.ImportCatalog(ctx, testCatalog(5), false); err != nil {
		t.Fatal(err)
	}
	place := func(id int64) (dup bool, err error) {
		err = db.Update(ctx, func(tx *Tx) error {
			c, d, err := tx.Receive(Inbound{MsgID: "in1", Phone: "6281200000009", Kind: "text", SentAt: time.Now()})
			if dup = d; err != nil || dup {
				return err
			}
			v := tx.Catalog().Products[0].Variants[0]
			return tx.Apply([]flows.Effect{flows.CreateOrder{Order: order(id, c.ID, v.ID, 1)}}, "in1")
		})
		return dup, err
	}
	for i, want := range []bool{false, true} {
		if dup, err := place(int64(i + 1)); err != nil || dup != want {
			t.Fatalf("delivery %d: dup %v, %v; want %v", i+1, dup, err, want)
		}
	}
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM orders`).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d orders (%v), want 1", n, err)
	}
}

func TestOutboxOrderAndSent(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	now := time.Now()
	err := db.Update(ctx, func(tx *Tx) error {
		for i := 0; i < 3; i++ {
			if err := tx.Enqueue("6281200000001", fmt.Sprint("pesan ", i), "", "src", time.Time{}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out, err := db.PendingOutbox(ctx, now.Add(time.Second), 10)
	if err != nil || len(out) != 3 || out[0].Text != "pesan 0" || out[0].MsgID == out[1].MsgID {
		t.Fatalf("pending = %+v, %v", out, err)
	}
	if err := db.MarkSent(ctx, out[0].ID, now); err != nil {
		t.Fatal(err)
	}
	out, _ = db.PendingOutbox(ctx, now.Add(time.Second), 10)
	if len(out) != 2 {
		t.Errorf("after one sent, %d pending; want 2", len(out))
	}
	// A reply sent whose mark is on its way is left out.
	if rest, err := db.PendingOutbox(ctx, now.Add(time.Second), 10, out[0].ID); err != nil || len(rest) != 1 || rest[0].ID != out[1].ID {
		t.Errorf("skipping %d: pending = %+v, %v; want only %d", out[0].ID, rest, err, out[1].ID)
	}
}

func TestAuditLogAppendOnly(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	if err := db.Update(ctx, func(tx *Tx) error {
		return tx.Apply([]flows.Effect{flows.Audit{Actor: "6281200000001", Action: "lunas", Detail: "order 1"}}, "")
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(`DELETE FROM audit_log`); err == nil {
		t.Error("audit_log row deleted")
	}
	if _, err := db.SQL().Exec(`UPDATE audit_log SET actor = 'x'`); err == nil {
		t.Error("audit_log row updated")
	}
}

// TestPendingOutboxPlan: the delivery loop's read of unsent replies walks
// the rows from the delivery frontier on and the index of parked replies,
// never the whole outbox, whose size grows with every reply the shop ever
// sent.
func TestPendingOutboxPlan(t *testing.T) {
	db, err := Open(context.Background(), t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	all := queryPlan(t, db.db, pendingOutbox, 1, heldBehindFailures, 50, "[1, 2]", 1)
	plan := strings.Split(all, "\n")
	for _, step := range plan {
		f := strings.Fields(step)
		if len(f) < 2 || f[0] != "SCAN" {
			continue
		}
		// The outbox under any of its names, read whole or through an
		// index other than the parked replies'.
		if slices.Contains([]string{"outbox", "o", "h", "e"}, f[1]) && !strings.Contains(step, "outbox_parked") {
			t.Errorf("the unsent replies are read with a full scan: %q (plan %q)", step, plan)
		}
	}
	for _, want := range []string{"outbox_parked", "INTEGER PRIMARY KEY (rowid>?)"} {
		if !strings.Contains(all, want) {
			t.Errorf("plan %q does not use %s", plan, want)
		}
	}
}

// TestFreeCode: a unique code is kept while free, the nearest free one is
// found whatever the order ids (not only among a few guesses), another
// customer's waiting summary holds its code, and 0 says every code is taken.
func TestFreeCode(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sqlDB := db.SQL()
	if _, err := sqlDB.Exec(`INSERT INTO customer (id, phone, created_at) VALUES (1, '628111', 0), (2, '628222', 0)`); err != nil {
		t.Fatal(err)
	}
	take := func(from, to int) {
		t.Helper()
		if _, err := sqlDB.Exec(`WITH RECURSIVE n(c) AS (SELECT ? UNION ALL SELECT c + 1 FROM n WHERE c < ?)
			INSERT INTO orders (customer_id, status, name, address, subtotal, shipping, unique_code, total, created_at)
			SELECT 1, 'awaiting_payment', 'X', 'Y', 1000, 0, c, 1000 + c, 0 FROM n`, from, to); err != nil {
			t.Fatal(err)
		}
	}
	free := func(want, customer int64) (c int64) {
		t.Helper()
		if err := db.Update(ctx, func(tx *Tx) error { c = tx.FreeCode(want, customer); return nil }); err != nil {
			t.Fatal(err)
		}
		return c
	}
	if got := free(500, 2); got != 500 {
		t.Fatalf("a free code is kept: got %d", got)
	}
	take(1, 998) // every code but 999 belongs to an unpaid order
	if got := free(500, 2); got != 999 {
		t.Fatalf("the one free code is found: got %d, want 999", got)
	}
	// Customer 1's summary waits with 999: customer 2 finds none, 1 keeps it.
	if _, err := sqlDB.Exec(`INSERT INTO conversation (customer_id, state, updated_at, code) VALUES (1, '{"step":"confirm","code":999}', ?, 999)`,
		time.Now().UnixMilli()); err != nil {
		t.Fatal(err)
	}
	if got := free(999, 2); got != 0 {
		t.Fatalf("every code taken: got %d, want 0", got)
	}
	if got := free(999, 1); got != 999 {
		t.Fatalf("a customer's own reservation is theirs: got %d", got)
	}
	// Paying an order frees its code; the nearest after the wanted one wins.
	if _, err := sqlDB.Exec(`UPDATE orders SET status = 'paid' WHERE unique_code IN (10, 600)`); err != nil {
		t.Fatal(err)
	}
	if got := free(500, 2); got != 600 {
		t.Fatalf("nearest free after 500: got %d, want 600", got)
	}
	if got := free(700, 2); got != 10 {
		t.Fatalf("nearest free after 700, going round: got %d, want 10", got)
	}
}

// raceDetector is set under -race (race_test.go). The randomized histories
// then run shorter (a quarter of their steps, or fewer seeds): the
// detector makes them about twenty times slower, and the plain run covers
// them whole.
var raceDetector bool

// steps is how many steps of n a randomized history runs.
func steps(n int) int {
	if raceDetector {
		return max(1, n/4)
	}
	return n
}

// TestFreeCodeCandidates: customers who all want the same code (a flash
// sale: summaries waiting for the same next order id) each get one of
// their own candidates with a single statement, all different; when every
// candidate of a customer is taken, the nearest free code after the wanted
// one is found; the candidates are codes and never the wanted one again.
func TestFreeCodeCandidates(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	sdb := db.SQL()
	for want := int64(1); want <= 999; want += 7 {
		for cust := int64(1); cust < 40; cust += 3 {
			cs := candidateCodes(want, cust)
			if cs[0] != want {
				t.Fatalf("candidates of %d for %d start with %d", want, cust, cs[0])
			}
			for _, c := range cs[1:] {
				if c < 1 || c > 999 || c == want {
					t.Fatalf("candidates of %d for %d: %v", want, cust, cs)
				}
			}
		}
	}
	const buyers = 100
	got := map[int64]int64{}
	stmts := 0
	for cust := int64(1); cust <= buyers; cust++ {
		mustExec(t, sdb, `INSERT INTO customer (id, phone, created_at) VALUES (?, ?, 0)`, cust, fmt.Sprint(628110000+cust))
		var c int64
		if err := db.Update(ctx, func(tx *Tx) error {
			db.onStmt = func(string) { stmts++ }
			defer func() { db.onStmt = nil }()
			if c = tx.FreeCode(500, cust); c == 0 {
				return fmt.Errorf("no code for %d", cust)
			}
			db.onStmt = nil
			return tx.SaveState(cust, flows.State{Step: flows.StepConfirm, Code: c})
		}); err != nil {
			t.Fatal(err)
		}
		if other, ok := got[c]; ok {
			t.Fatalf("customers %d and %d both got code %d", other, cust, c)
		}
		got[c] = cust
	}
	// One statement per summary, but for the rare customer whose
	// candidates were all taken.
	if extra := stmts - buyers; extra > 2 {
		t.Errorf("%d summaries wanting one code took %d statements more than one each", buyers, extra)
	}
	// Every candidate of customer 1 for 300 taken by unpaid orders: the
	// nearest free code after 300 that is not one of them.
	cs := candidateCodes(300, 1)
	for i, c := range cs {
		if _, held := got[c]; held && got[c] != 1 {
			continue
		}
		mustExec(t, sdb, `INSERT INTO orders (id, customer_id, status, name, address, subtotal, shipping, unique_code, total, created_at)
			VALUES (?, 2, 'awaiting_payment', 'A', 'B', 1000, 0, ?, ?, 0)`, 1000+i, c, 1000+c)
	}
	want := int64(0)
	for c := int64(301); c <= 999 && want == 0; c++ {
		if holder, held := got[c]; (!held || holder == 1) && !slices.Contains(cs[:], c) {
			want = c
		}
	}
	var c int64
	if err := db.Update(ctx, func(tx *Tx) error { c = tx.FreeCode(300, 1); return nil }); err != nil {
		t.Fatal(err)
	}
	if c != want {
		t.Errorf("every candidate taken: got %d, want the nearest free after 300, %d", c, want)
	}
}
