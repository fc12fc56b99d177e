package store

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// TestRebuildKeysFromVersion15: migration 16 rebuilds orders and customer
// with foreign keys off: every row, index and trigger they had is there
// again (but the two unique keys it drops), the rows other tables point at
// are the same rows, cascades still reach the new tables, phone and LID
// stay unique, and every connection of the pool has its foreign keys on
// afterwards.
func TestRebuildKeysFromVersion15(t *testing.T) {
	dir, raw := openAt(t, 15)
	for _, q := range []string{
		`INSERT INTO customer (id, phone, lid, created_at) VALUES (1, '628111', NULL, 1), (2, NULL, '90001', 2), (3, '628333', '90003', 3)`,
		`INSERT INTO orders (id, customer_id, status, name, address, subtotal, shipping, unique_code, total, source_msg, created_at, payment, rating, rated_at)
			VALUES (1, 1, 'completed', 'A', 'Jl. A', 1000, 0, 5, 1005, 'M1', 10, 'cod', 5, 20),
			       (2, 2, 'awaiting_payment', 'B', 'Jl. B', 2000, 500, 7, 2507, NULL, 11, 'transfer', NULL, NULL)`,
		`INSERT INTO order_line (order_id, line, sku, name, qty, price) VALUES (1, 1, 'S1', 'Satu', 1, 1000), (2, 1, 'S2', 'Dua', 2, 1000)`,
		`INSERT INTO payment_proof (order_id, path, received_at) VALUES (2, 'media/p.jpg', 12)`,
		`INSERT INTO complaint (id, customer_id, order_id, status, category, description, created_at, due_at) VALUES (1, 3, 1, 'open', 'other', 'x', 13, 14)`,
		`INSERT INTO conversation (customer_id, state, updated_at) VALUES (2, '{}', 15)`,
	} {
		mustExec(t, raw, q)
	}
	const schemaQ = `SELECT type || ' ' || name || ': ' || sql FROM sqlite_schema
		WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name`
	before := dumpRows(t, raw, schemaQ)
	const rowsQ = `SELECT 'o', * FROM orders ORDER BY id`
	const custQ = `SELECT 'c', * FROM customer ORDER BY id`
	orders, customers := dumpRows(t, raw, rowsQ), dumpRows(t, raw, custQ)
	raw.Close()

	db, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sdb := db.SQL()
	after := map[string]bool{}
	for _, s := range dumpRows(t, sdb, schemaQ) {
		after[s] = true
	}
	// Migration 19 replaces the two indexes of the open orders with one.
	laterChanged := map[string]bool{"orders_open": true, "orders_unpaid_code": true}
	for _, s := range before {
		name, _, _ := strings.Cut(strings.TrimPrefix(s, "index "), ":")
		if !after[s] && !laterChanged[name] {
			t.Errorf("lost in the rebuild: %s", s)
		}
	}
	for _, want := range []string{"index customer_phone: CREATE UNIQUE INDEX customer_phone ON customer (phone) WHERE phone IS NOT NULL",
		"index customer_lid: CREATE UNIQUE INDEX customer_lid ON customer (lid) WHERE lid IS NOT NULL"} {
		if !after[want] {
			t.Errorf("missing %s", want)
		}
	}
	var autos []string
	for _, s := range dumpRows(t, sdb, `SELECT name FROM sqlite_schema WHERE name GLOB 'sqlite_autoindex_orders_*' OR name GLOB 'sqlite_autoindex_customer_*'`) {
		autos = append(autos, s)
	}
	if len(autos) != 0 {
		t.Errorf("unique keys left: %v", autos)
	}
	if got := dumpRows(t, sdb, rowsQ); !reflect.DeepEqual(got, orders) {
		t.Errorf("orders after the rebuild:\n%q\nwant\n%q", got, orders)
	}
	if got := dumpRows(t, sdb, custQ); !reflect.DeepEqual(got, customers) {
		t.Errorf("customers after the rebuild:\n%q\nwant\n%q", got, customers)
	}
	if got := dumpRows(t, sdb, `PRAGMA integrity_check`); !reflect.DeepEqual(got, []string{"ok"}) {
		t.Errorf("integrity_check: %q", got)
	}
	if got := dumpRows(t, sdb, `PRAGMA foreign_key_check`); len(got) != 0 {
		t.Errorf("foreign_key_check: %q", got)
	}
	// Every pooled connection enforces foreign keys again.
	ctx := context.Background()
	var conns []interface{ Close() error }
	for range MaxOpenConns {
		c, err := sdb.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var on int
		if err := c.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&on); err != nil || on != 1 {
			t.Errorf("a pooled connection has foreign_keys %d (%v)", on, err)
		}
	}
	for _, c := range conns {
		c.Close()
	}
	// The keys and cascades work on the new tables.
	for _, q := range []string{
		`INSERT INTO customer (phone, created_at) VALUES ('628111', 0)`,
		`INSERT INTO customer (lid, created_at) VALUES ('90003', 0)`,
		`INSERT INTO orders (customer_id, status, name, address, subtotal, shipping, unique_code, total, created_at) VALUES (99, 'paid', 'X', 'Y', 0, 0, 0, 0, 0)`,
	} {
		if _, err := sdb.Exec(q); err == nil || !strings.Contains(err.Error(), "constraint") {
			t.Errorf("%s: %v, want a constraint error", q, err)
		}
	}
	mustExec(t, sdb, `INSERT INTO customer (lid, created_at) VALUES ('90004', 0), ('90005', 0)`) // no phone, twice
	mustExec(t, sdb, `DELETE FROM payment_proof WHERE order_id = 2`)
	mustExec(t, sdb, `DELETE FROM orders WHERE id = 2`)
	if got := dumpRows(t, sdb, `SELECT order_id FROM order_line ORDER BY order_id`); !reflect.DeepEqual(got, []string{"1"}) {
		t.Errorf("order lines after deleting order 2: %q, want only order 1's", got)
	}
}
