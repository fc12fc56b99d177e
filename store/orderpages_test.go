package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

// openAt builds a database at schema version v (migrations 1..v applied
// raw, as an older pesanbot left it) and returns its directory and handle;
// the caller adds rows, closes it and opens it with Open to upgrade it.
func openAt(t *testing.T, v int) (string, *sql.DB) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	if err := CreatePrivate(path); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", ShopDSN(path, time.Second))
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	names, err := migrationNames()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names[:v] {
		body, err := migrations.ReadFile("migrations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if _, err := raw.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, v)); err != nil {
		t.Fatal(err)
	}
	return dir, raw
}

func mustExec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// dumpRows is every row of a query, as text.
func dumpRows(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(vals...))
	}
	return out
}

// TestUpgradeFromVersion13: migrations 15 and 17 keep every follow-up
// (done or not; their row ids go in 17), every order line and every
// reserved code; the rebuilt
// tables work as before (a follow-up upsert by its key, the summary days
// dropped when a line changes, lines deleted with their order).
func TestUpgradeFromVersion13(t *testing.T) {
	dir, raw := openAt(t, 13)
	now := time.Now().UnixMilli()
	mustExec(t, raw, `INSERT INTO product (id, sku, name) VALUES (1, 'GMS-01', 'Gamis')`)
	mustExec(t, raw, `INSERT INTO variant (id, product_id, name, price, stock) VALUES (1, 1, 'M', 1000, 5), (2, 1, 'L', 1000, 0)`)
	mustExec(t, raw, `INSERT INTO customer (id, phone, created_at) VALUES (1, '6281100000001', 0), (2, '6281100000002', 0), (3, '6281100000003', 0)`)
	for id := 1; id <= 3; id++ {
		mustExec(t, raw, `INSERT INTO orders (id, customer_id, status, name, address, subtotal, shipping, unique_code, total, source_msg, created_at)
			VALUES (?, 1, 'awaiting_payment', 'A', 'B', 2000, 0, ?, 2000 + ?, ?, ?)`, id, id, id, fmt.Sprint("M", id), now)
		for line := 1; line <= 2; line++ {
			mustExec(t, raw, `INSERT INTO order_line (order_id, line, variant_id, sku, name, variant, qty, price, weight_grams)
				VALUES (?, ?, ?, 'GMS-01', 'Gamis', 'M', ?, 1000, 450)`, id, line, line, line)
		}
	}
	mustExec(t, raw, `INSERT INTO follow_up (id, kind, subject, step, due_at, attempt, done_at, result) VALUES
		(7, 'payment_reminder', 1, 0, 100, 1, 150, 'terkirim'),
		(8, 'payment_expire', 1, 0, 200, 0, NULL, ''),
		(9, 'payment_expire', 2, 0, 300, 0, NULL, ''),
		(12, 'handover_cap', 1, 2, 400, 0, NULL, '')`)
	// Two summaries wait with a code; a third conversation holds none.
	mustExec(t, raw, `INSERT INTO conversation (customer_id, state, updated_at, code) VALUES
		(1, '{"step":"confirm","code":41}', ?, 41), (2, '{"step":"confirm","code":42}', ?, 42), (3, '{}', ?, NULL)`, now, now, now)
	mustExec(t, raw, `INSERT INTO summary_day (day_start, day_end, by_status, products, regions, revenue, rated, rating_sum)
		VALUES (?, ?, '', '', '', 0, 0, 0)`, now-1000, now+1000)
	const followUpsQ = `SELECT kind, subject, step, due_at, attempt, done_at, result FROM follow_up ORDER BY subject, kind, step`
	followUps := dumpRows(t, raw, followUpsQ)
	lines := dumpRows(t, raw, `SELECT * FROM order_line ORDER BY order_id, line`)
	raw.Close()

	db, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sdb := db.SQL()
	if got := dumpRows(t, sdb, followUpsQ); !reflect.DeepEqual(got, followUps) {
		t.Errorf("follow-ups after the upgrade:\n%q\nwant\n%q", got, followUps)
	}
	if got := dumpRows(t, sdb, `SELECT * FROM order_line ORDER BY order_id, line`); !reflect.DeepEqual(got, lines) {
		t.Errorf("order lines after the upgrade:\n%q\nwant\n%q", got, lines)
	}
	if got := dumpRows(t, sdb, `SELECT code, customer_id FROM code_hold ORDER BY code`); !reflect.DeepEqual(got, []string{"41 1", "42 2"}) {
		t.Errorf("code_hold after the upgrade = %q, want the two waiting summaries", got)
	}
	for _, table := range []string{"order_line", "follow_up"} {
		var withoutRowid int
		if err := sdb.QueryRow(`SELECT count(*) FROM pragma_table_list WHERE name = ? AND wr = 1`, table).Scan(&withoutRowid); err != nil || withoutRowid != 1 {
			t.Errorf("%s is not WITHOUT ROWID (%d, %v)", table, withoutRowid, err)
		}
	}
	for _, gone := range []string{"conversation_code", "orders_status", "sqlite_autoindex_follow_up_1"} {
		var n int
		if err := sdb.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = ?`, gone).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s still exists (%d, %v)", gone, n, err)
		}
	}

	ctx := context.Background()
	// The reserved codes still hold: 41 for customer 1 against customer 3.
	if err := db.Update(ctx, func(tx *Tx) error {
		if got := tx.FreeCode(41, 3); got == 41 {
			t.Errorf("customer 1's reserved code 41 was given to customer 3")
		}
		if got := tx.FreeCode(41, 1); got != 41 {
			t.Errorf("customer 1's own code 41: got %d", got)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// A follow-up scheduled again for the same subject, kind and step
	// moves the existing row and makes it due again.
	if err := db.Update(ctx, func(tx *Tx) error {
		return tx.Apply([]flows.Effect{flows.Schedule{Kind: "payment_reminder", Subject: 1, DueAt: time.UnixMilli(500)}}, "")
	}); err != nil {
		t.Fatal(err)
	}
	if got := dumpRows(t, sdb, `SELECT subject, due_at, done_at, attempt FROM follow_up WHERE kind = 'payment_reminder'`); !reflect.DeepEqual(got, []string{"1 500 <nil> 0"}) {
		t.Errorf("rescheduled follow-up = %q, want order 1's due at 500 again", got)
	}
	if err := db.EnsureFollowUp(ctx, "payment_expire", 2, time.UnixMilli(999)); err != nil {
		t.Fatal(err)
	}
	if got := dumpRows(t, sdb, `SELECT due_at FROM follow_up WHERE kind = 'payment_expire' AND subject = 2`); !reflect.DeepEqual(got, []string{"300"}) {
		t.Errorf("EnsureFollowUp changed an existing follow-up: %q", got)
	}
	// The summary-day triggers of order_line came back with it.
	mustExec(t, sdb, `UPDATE order_line SET qty = 3 WHERE order_id = 1 AND line = 1`)
	var days int
	if err := sdb.QueryRow(`SELECT count(*) FROM summary_day`).Scan(&days); err != nil || days != 0 {
		t.Errorf("a changed line left its summary day (%d, %v)", days, err)
	}
	// Lines still go with their order, and still refuse a duplicate key.
	if _, err := sdb.Exec(`INSERT INTO order_line (order_id, line, sku, name, qty, price) VALUES (2, 1, 'X', 'X', 1, 1)`); err == nil {
		t.Error("a second line 1 of order 2 was stored")
	}
	mustExec(t, sdb, `DELETE FROM follow_up`)
	mustExec(t, sdb, `DELETE FROM orders WHERE id = 3`)
	if got := dumpRows(t, sdb, `SELECT count(*) FROM order_line WHERE order_id = 3`); got[0] != "0" {
		t.Errorf("order 3's lines outlived it: %q", got)
	}
}

// catVersion is catalog_version's value.
func catVersion(t *testing.T, db *DB) int64 {
	t.Helper()
	var n int64
	if err := db.SQL().QueryRow(`SELECT n FROM catalog_version`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestStockTakeVersion: an order's take that leaves stock does not move
// the catalogue's version, and the next turn reads the new count from the
// shared catalogue; a take that empties a variant moves it once, and the
// selling transaction's count agrees (nothing is loaded again). Every
// other change of a variant still moves it, whoever writes it.
func TestStockTakeVersion(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	if _, err := db.ImportCatalog(ctx, twoVariants(5), false); err != nil {
		t.Fatal(err)
	}
	_ = txStock(t, db) // shared and cached
	v0 := catVersion(t, db)
	loads := catalogLoads(db)
	if err := db.Update(ctx, func(tx *Tx) error { return applyOrder(tx, orderOf(t, db, 1, 2, 0), "M1") }); err != nil {
		t.Fatal(err)
	}
	if v := catVersion(t, db); v != v0 {
		t.Errorf("a take that left stock moved the version %d -> %d", v0, v)
	}
	if got := txStock(t, db); got != 3 {
		t.Errorf("stock after the take = %d, want 3", got)
	}
	// A read transaction reads the shared copy too.
	if c, err := db.Catalog(ctx); err != nil || stockOf(t, c) != 3 {
		t.Errorf("Catalog after the take: %v, %v", c, err)
	}
	// Emptying the second variant (5 of 5) and taking one more of the
	// first: the version moves once, for the emptied one.
	if err := db.Update(ctx, func(tx *Tx) error { return applyOrder(tx, orderOf(t, db, 2, 1, 5), "M2") }); err != nil {
		t.Fatal(err)
	}
	if v := catVersion(t, db); v != v0+1 {
		t.Errorf("a take that emptied one variant moved the version %d -> %d, want +1", v0, v)
	}
	c, err := db.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := []int{c.Products[0].Variants[0].Stock, c.Products[0].Variants[1].Stock}; got[0] != 2 || got[1] != 0 {
		t.Errorf("stock after the second order = %v, want [2 0]", got)
	}
	if n := loads.Load(); n != 0 {
		t.Errorf("the catalogue was loaded %d times, want 0: the sellers kept it true", n)
	}
	var sold int
	if err := db.SQL().QueryRow(`SELECT sum(sold) FROM variant`).Scan(&sold); err != nil || sold != 8 {
		t.Errorf("sold = %d (%v), want 8", sold, err)
	}

	// Every other change moves it: a stock set by hand or by SQL (even
	// lower), a cancellation's restock, a price, an import.
	id := c.Products[0].Variants[0].ID
	for _, w := range []struct {
		name string
		fn   func() error
	}{
		{"/stok lower", func() error {
			return db.Update(ctx, func(tx *Tx) error { return tx.Apply([]flows.Effect{flows.SetStock{VariantID: id, Stock: 3}}, "") })
		}},
		{"SQL lower", func() error {
			_, err := db.SQL().Exec(`UPDATE variant SET stock = stock - 1 WHERE id = ? AND stock > 1`, id)
			return err
		}},
		{"SQL sold by hand", func() error {
			_, err := db.SQL().Exec(`UPDATE variant SET sold = sold + 1 WHERE id = ?`, id)
			return err
		}},
		{"price", func() error {
			_, err := db.SQL().Exec(`UPDATE variant SET price = price + 1 WHERE id = ?`, id)
			return err
		}},
		{"cancel", func() error {
			return db.Update(ctx, func(tx *Tx) error {
				return tx.Apply([]flows.Effect{flows.SetOrderStatus{ID: 2, Status: flows.StatusCancelled, At: time.Now()}}, "")
			})
		}},
		{"import lower", func() error { _, err := db.ImportCatalog(ctx, twoVariants(4), false); return err }},
	} {
		before := catVersion(t, db)
		if err := w.fn(); err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		if v := catVersion(t, db); v <= before {
			t.Errorf("%s did not move the catalogue's version (%d)", w.name, v)
		}
		var want int
		if err := db.SQL().QueryRow(`SELECT stock FROM variant WHERE id = ?`, id).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if got := txStock(t, db); got != want {
			t.Errorf("after %s the catalogue says %d, SQLite %d", w.name, got, want)
		}
	}
}

// TestCatalogCacheGeneration: a catalogue read from a snapshot older than
// a sale's publication is not kept over it at the same version; one read
// after it is.
func TestCatalogCacheGeneration(t *testing.T) {
	var c catCache
	old := &flows.Catalog{Products: []flows.Product{{SKU: "old"}}}
	sold := &flows.Catalog{Products: []flows.Product{{SKU: "sold"}}}
	g := c.generation()
	c.put(3, old, g)
	if c.get(3) != old {
		t.Fatal("a first read was not kept")
	}
	stale := c.generation() // a reader's snapshot before the sale
	c.publish(3, sold)
	c.put(3, old, stale)
	if c.get(3) != sold {
		t.Error("a read older than the sale replaced its catalogue")
	}
	fresh := &flows.Catalog{}
	c.put(3, fresh, c.generation())
	if c.get(3) != fresh {
		t.Error("a read after the sale was not kept")
	}
	c.put(4, old, stale)
	if c.get(4) != old {
		t.Error("a newer version was not kept")
	}
	g = c.generation()
	c.invalidate()
	c.put(4, fresh, g)
	if c.get(4) != nil {
		t.Error("a read from before a drop was kept")
	}
}

// TestCodeHolding: a summary's code blocks other customers while it
// waits; once the order takes it the conversation's hold ends at once
// (the unpaid order holds it, and paying frees it), whatever code_hold
// still says; a later summary of another customer takes it over.
func TestCodeHolding(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	sdb := db.SQL()
	mustExec(t, sdb, `INSERT INTO customer (id, phone, created_at) VALUES (1, '628111', 0), (2, '628222', 0), (3, '628333', 0)`)
	free := func(want, customer int64) (c int64) {
		t.Helper()
		if err := db.Update(ctx, func(tx *Tx) error { c = tx.FreeCode(want, customer); return nil }); err != nil {
			t.Fatal(err)
		}
		return c
	}
	save := func(customer int64, st flows.State) {
		t.Helper()
		if err := db.Update(ctx, func(tx *Tx) error { return tx.SaveState(customer, st) }); err != nil {
			t.Fatal(err)
		}
	}
	holds := func() []string { return dumpRows(t, sdb, `SELECT code, customer_id FROM code_hold ORDER BY code`) }
	save(1, flows.State{Step: flows.StepConfirm, Code: 77})
	if got := holds(); !reflect.DeepEqual(got, []string{"77 1"}) {
		t.Fatalf("code_hold = %q, want 77 held by 1", got)
	}
	// A taken code gives the customer's next candidate (nothing else is taken).
	next := func(want, customer int64) int64 { return candidateCodes(want, customer)[1] }
	if got := free(77, 2); got != next(77, 2) {
		t.Errorf("customer 1's waiting summary holds 77: customer 2 got %d, want %d", got, next(77, 2))
	}
	if got := free(77, 1); got != 77 {
		t.Errorf("customer 1's own code: got %d", got)
	}
	// A question at the summary keeps the code, and the hold.
	save(1, flows.State{Step: flows.StepConfirm, Code: 77, Unknowns: 1})
	if got := holds(); !reflect.DeepEqual(got, []string{"77 1"}) {
		t.Fatalf("code_hold = %q after a question, want 77 held by 1", got)
	}
	// "ya": the order takes 77 and the state gives it up. code_hold keeps
	// naming customer 1, but the code is held by the unpaid order only.
	if err := db.Update(ctx, func(tx *Tx) error {
		if err := tx.Apply([]flows.Effect{flows.CreateOrder{Order: flows.Order{ID: 1, CustomerID: 1, Status: flows.StatusAwaitingPayment,
			CustomerName: "A", Address: "B", Subtotal: 1000, UniqueCode: 77, Total: 1077, CreatedAt: time.Now()}}}, "M1"); err != nil {
			return err
		}
		return tx.SaveState(1, flows.State{})
	}); err != nil {
		t.Fatal(err)
	}
	if got := holds(); !reflect.DeepEqual(got, []string{"77 1"}) {
		t.Errorf("code_hold = %q after the order, want it untouched", got)
	}
	if got := free(77, 2); got != next(77, 2) {
		t.Errorf("the unpaid order holds 77: got %d", got)
	}
	if got := free(77, 1); got != next(77, 1) {
		t.Errorf("customer 1's own unpaid order holds 77 against their next summary: got %d", got)
	}
	mustExec(t, sdb, `UPDATE orders SET status = 'paid' WHERE id = 1`)
	if got := free(77, 2); got != 77 {
		t.Errorf("paid, 77 is free at once: got %d", got)
	}
	// Customer 2's summary takes 77 over; 1's old hold cannot come back
	// by itself, and 3 is refused it.
	save(2, flows.State{Step: flows.StepConfirm, Code: 77})
	if got := holds(); !reflect.DeepEqual(got, []string{"77 2"}) {
		t.Errorf("code_hold = %q, want 77 held by 2", got)
	}
	if got := free(77, 3); got != next(77, 3) {
		t.Errorf("customer 2's summary holds 77: customer 3 got %d", got)
	}
	// A summary left for more than a day gives its code up.
	mustExec(t, sdb, `UPDATE conversation SET updated_at = ? WHERE customer_id = 2`, time.Now().Add(-codeHeld-time.Minute).UnixMilli())
	if got := free(77, 3); got != 77 {
		t.Errorf("a day-old summary still holds 77: got %d", got)
	}
	// code_hold names customer 2 for nearly every code, but only the code
	// 2's conversation holds counts.
	for c := 1; c <= 999; c++ {
		if c != 500 && c != 77 {
			mustExec(t, sdb, `INSERT INTO code_hold (code, customer_id) VALUES (?, 2) ON CONFLICT (code) DO UPDATE SET customer_id = 2`, c)
		}
	}
	mustExec(t, sdb, `UPDATE conversation SET updated_at = ?, code = 5 WHERE customer_id = 2`, time.Now().UnixMilli())
	if got := free(5, 3); got != next(5, 3) {
		t.Errorf("only customer 2's conversation holds a code (5): got %d, want %d", got, next(5, 3))
	}
}

// queryPlan is EXPLAIN QUERY PLAN's details of q, one a line.
func queryPlan(t *testing.T, db *sql.DB, q string, args ...any) string {
	t.Helper()
	rows, err := db.Query("EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	return strings.Join(plan, "\n")
}

// TestStatusQueriesUseTheirIndexes: with no index of every order's
// status, each read of the orders in one status goes through the partial
// index of the open or of the closed orders (never a scan of every order)
// and builds only the page's orders; unique codes are looked up in the
// open orders' index; and the summary's counts of the open work come from
// that index too.
func TestStatusQueriesUseTheirIndexes(t *testing.T) {
	db, _ := openTest(t)
	sdb := db.SQL()
	check := func(name, index string, p orderPage) {
		t.Helper()
		where, args := p.query()
		plan := queryPlan(t, sdb, selectOrder+where, args...)
		if !strings.Contains(plan, index) {
			t.Errorf("%s: plan %q does not use %s", name, plan, index)
		}
		for _, line := range strings.Split(plan, "\n") {
			if strings.HasPrefix(line, "SCAN o") && !strings.Contains(line, index) || strings.Contains(line, "orders_created") {
				t.Errorf("%s: %q scans every order", name, line)
			}
		}
		// The page's orders alone are built (lines and proofs): the
		// outer query takes them by id from the page's ids.
		if !strings.Contains(plan, "SEARCH o USING INTEGER PRIMARY KEY (rowid=?)") {
			t.Errorf("%s: plan %q does not read the page's orders by id", name, plan)
		}
	}
	for _, st := range flows.OrderStatuses {
		index := "orders_open"
		if closedStatus(st) {
			index = "orders_closed"
		}
		check(string(st), index, orderPage{Status: st, Limit: 30})
		check(string(st)+" newest first", index, orderPage{Status: st, NewestFirst: true, Limit: 200})
		if closedStatus(st) {
			index = "orders_customer" // the customer's orders are fewer
		}
		check(string(st)+" of a customer since", index, orderPage{Status: st, Filter: "o.customer_id = ? AND o.created_at >= ?",
			FilterArgs: []any{1, 2}, NewestFirst: true, Limit: 200})
	}
	check("every open order", "orders_open", orderPage{Open: true, Limit: 30})
	// A unique code is looked up among the unpaid orders by status and
	// code, in the same index (migration 19: no index of the unpaid
	// orders' codes alone).
	args := []any{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	if plan := queryPlan(t, sdb, firstFreeCandidate, args...); !strings.Contains(plan, "SEARCH orders USING COVERING INDEX orders_open (status=? AND unique_code=?)") {
		t.Errorf("the free code check does not look the code up in orders_open: %q", plan)
	}
	if plan := queryPlan(t, sdb, takenCodes, 1, 2); !strings.Contains(plan, "SEARCH orders USING COVERING INDEX orders_open (status=?)") {
		t.Errorf("the taken codes are not read in orders_open: %q", plan)
	}
	if n := dumpRows(t, sdb, `SELECT name FROM sqlite_schema WHERE name = 'orders_unpaid_code'`); len(n) != 0 {
		t.Errorf("orders_unpaid_code is still written with every order")
	}
	// The summary's open orders are counted in orders_open, over the
	// orders in those statuses alone.
	if plan := queryPlan(t, sdb, summaryOpenWork, 1); strings.Count(plan, "COVERING INDEX orders_open (status=?)") != 2 {
		t.Errorf("the summary's open work is not counted in orders_open: %q", plan)
	}
}

// TestOrderCountsFollowTheOrders: the counts a list or the dashboard shows
// (countOrdersIn, countOpenOrders: the open statuses in orders_open, the
// closed ones in order_status_count, which only a closed status writes)
// equal a count over the rows through placing, paying, completing,
// cancelling, reopening and deleting orders.
func TestOrderCountsFollowTheOrders(t *testing.T) {
	db, _ := openTest(t)
	sdb := db.SQL()
	mustExec(t, sdb, `INSERT INTO customer (id, phone, created_at) VALUES (1, '6281300000001', 1)`)
	check := func(step string) {
		t.Helper()
		for _, st := range flows.OrderStatuses {
			var got, want int
			if err := sdb.QueryRow(countOrdersIn(st), string(st)).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if err := sdb.QueryRow(`SELECT count(*) FROM orders WHERE status = ?`, string(st)).Scan(&want); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s: %s counted %d, rows %d", step, st, got, want)
			}
		}
		var got, want int
		if err := sdb.QueryRow(countOpenOrders).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if err := sdb.QueryRow(`SELECT count(*) FROM orders WHERE status NOT IN ('completed', 'cancelled')`).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: open orders counted %d, rows %d", step, got, want)
		}
	}
	for i := 1; i <= 6; i++ {
		mustExec(t, sdb, `INSERT INTO orders (id, customer_id, status, name, address, subtotal, shipping, unique_code, total, created_at, payment)
			VALUES (?, 1, 'awaiting_payment', 'A', 'Jl. A', 1000, 0, ?, ?, ?, 'transfer')`, i, i, 1000+i, i)
	}
	mustExec(t, sdb, `INSERT INTO orders (id, customer_id, status, name, address, subtotal, shipping, unique_code, total, created_at, payment)
		VALUES (7, 1, 'completed', 'A', 'Jl. A', 1000, 0, 7, 1007, 7, 'cod')`)
	check("placed")
	for _, step := range []struct{ name, q string }{
		{"paid", `UPDATE orders SET status = 'paid' WHERE id IN (1, 2, 3)`},
		{"verifying", `UPDATE orders SET status = 'awaiting_verification' WHERE id = 6`},
		{"shipped", `UPDATE orders SET status = 'shipped' WHERE id = 1`},
		{"completed", `UPDATE orders SET status = 'completed' WHERE id = 1`},
		{"cancelled", `UPDATE orders SET status = 'cancelled' WHERE id IN (4, 5)`},
		{"reopened", `UPDATE orders SET status = 'awaiting_payment' WHERE id = 5`},
		{"cancelled again", `UPDATE orders SET status = 'cancelled' WHERE id = 5`},
		{"deleted", `DELETE FROM orders WHERE id IN (1, 2, 4)`},
	} {
		mustExec(t, sdb, step.q)
		check(step.name)
	}
	// Only closed statuses are kept in the table.
	var open int
	if err := sdb.QueryRow(`SELECT count(*) FROM order_status_count WHERE status NOT IN ('completed', 'cancelled')`).Scan(&open); err != nil || open != 0 {
		t.Errorf("open statuses in order_status_count: %d, %v", open, err)
	}
}

// TestClosedCountsFromVersion19: migration 20 keeps the closed statuses'
// counts a shop had and drops the open ones, which orders_open counts.
func TestClosedCountsFromVersion19(t *testing.T) {
	dir, raw := openAt(t, 19)
	mustExec(t, raw, `INSERT INTO customer (id, phone, created_at) VALUES (1, '6281300000001', 1)`)
	for i, st := range []string{"awaiting_payment", "paid", "paid", "completed", "completed", "cancelled"} {
		mustExec(t, raw, `INSERT INTO orders (id, customer_id, status, name, address, subtotal, shipping, unique_code, total, created_at, payment)
			VALUES (?, 1, ?, 'A', 'Jl. A', 1000, 0, ?, ?, ?, 'transfer')`, i+1, st, i+1, 1001+i, i+1)
	}
	raw.Close()
	db, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := map[flows.OrderStatus]int{flows.StatusAwaitingPayment: 1, flows.StatusPaid: 2, flows.StatusCompleted: 2, flows.StatusCancelled: 1}
	for _, st := range flows.OrderStatuses {
		var n int
		if err := db.SQL().QueryRow(countOrdersIn(st), string(st)).Scan(&n); err != nil || n != want[st] {
			t.Errorf("%s: %d, %v; want %d", st, n, err, want[st])
		}
	}
	if got := dumpRows(t, db.SQL(), `SELECT status || ' ' || n FROM order_status_count ORDER BY status`); !reflect.DeepEqual(got, []string{"cancelled 1", "completed 2"}) {
		t.Errorf("order_status_count = %q, want the closed statuses alone", got)
	}
}
