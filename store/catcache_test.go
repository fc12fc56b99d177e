package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

// catalogLoads counts the statements that read the whole catalogue.
func catalogLoads(db *DB) *atomic.Int64 {
	var n atomic.Int64
	db.onStmt = func(q string) {
		if strings.Contains(q, "FROM product p JOIN variant v") {
			n.Add(1)
		}
	}
	return &n
}

func stockOf(t *testing.T, c *flows.Catalog) int {
	t.Helper()
	if len(c.Products) == 0 || len(c.Products[0].Variants) == 0 {
		t.Fatalf("empty catalogue")
	}
	return c.Products[0].Variants[0].Stock
}

func txStock(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	if err := db.Update(context.Background(), func(tx *Tx) error {
		n = stockOf(t, tx.Catalog())
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

func variantID(t *testing.T, db *DB) int64 {
	t.Helper()
	c, err := db.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c.Products[0].Variants[0].ID
}

func TestCatalogCacheHit(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	if _, err := db.ImportCatalog(ctx, testCatalog(5), false); err != nil {
		t.Fatal(err)
	}
	loads := catalogLoads(db)
	var first *flows.Catalog
	for i := range 5 {
		if err := db.Update(ctx, func(tx *Tx) error {
			c := tx.Catalog()
			if i == 0 {
				first = c
			} else if c != first {
				t.Errorf("turn %d read a new catalogue", i)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	c, err := db.Catalog(ctx)
	if err != nil || c != first {
		t.Errorf("db.Catalog = %p, %v; want the cached %p", c, err, first)
	}
	if n := loads.Load(); n != 1 {
		t.Errorf("catalogue read %d times, want 1", n)
	}
	// The index is built once, on the shared catalogue.
	if first.Index() != c.Index() {
		t.Error("the lang index was built twice")
	}
}

func TestCatalogCacheOwnWrites(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	if _, err := db.ImportCatalog(ctx, testCatalog(5), false); err != nil {
		t.Fatal(err)
	}
	vid := variantID(t, db)
	if got := txStock(t, db); got != 5 {
		t.Fatalf("stock %d, want 5", got)
	}
	// An order: the turn's own view shows the stock it took.
	order := flows.Order{ID: 1, CustomerID: 0, Status: flows.StatusAwaitingPayment, CustomerName: "A", Address: "B",
		Subtotal: 185000, Total: 185000, CreatedAt: time.Now(),
		Items: []flows.OrderLine{{VariantID: vid, SKU: "GMS-01", Name: "Gamis Aisyah", Variant: "Hitam / M", Qty: 2, Price: 185000}}}
	if err := db.Update(ctx, func(tx *Tx) error {
		cust, _, err := tx.Receive(Inbound{MsgID: "M1", Phone: "6281234500001", Kind: "text", Text: "x", SentAt: time.Now()})
		if err != nil {
			return err
		}
		order.CustomerID = cust.ID
		if got := stockOf(t, tx.Catalog()); got != 5 {
			t.Errorf("before the order, stock %d, want 5", got)
		}
		if err := tx.Apply([]flows.Effect{flows.CreateOrder{Order: order}}, "M1"); err != nil {
			return err
		}
		if got := stockOf(t, tx.Catalog()); got != 3 {
			t.Errorf("in the ordering turn, stock %d, want 3", got)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := txStock(t, db); got != 3 {
		t.Errorf("after the order, stock %d, want 3", got)
	}
	// Cancelling gives the stock back.
	if err := db.Update(ctx, func(tx *Tx) error {
		return tx.Apply([]flows.Effect{flows.SetOrderStatus{ID: 1, Status: flows.StatusCancelled, At: time.Now()}}, "")
	}); err != nil {
		t.Fatal(err)
	}
	if got := txStock(t, db); got != 5 {
		t.Errorf("after cancelling, stock %d, want 5", got)
	}
	// /stok
	if err := db.Update(ctx, func(tx *Tx) error {
		return tx.Apply([]flows.Effect{flows.SetStock{VariantID: vid, Stock: 11}}, "")
	}); err != nil {
		t.Fatal(err)
	}
	if got := txStock(t, db); got != 11 {
		t.Errorf("after /stok, stock %d, want 11", got)
	}
	// A catalogue import.
	if _, err := db.ImportCatalog(ctx, testCatalog(42), false); err != nil {
		t.Fatal(err)
	}
	c, err := db.Catalog(ctx)
	if err != nil || stockOf(t, c) != 42 {
		t.Errorf("after an import, db.Catalog stock %d, %v; want 42", stockOf(t, c), err)
	}
	if got := txStock(t, db); got != 42 {
		t.Errorf("after an import, stock %d, want 42", got)
	}
}

// TestCatalogCacheOtherWriters: writes from another connection (plain SQL,
// as another program would) and from another process's store reach the
// cached catalogue.
func TestCatalogCacheOtherWriters(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	if _, err := db.ImportCatalog(ctx, testCatalog(5), false); err != nil {
		t.Fatal(err)
	}
	if got := txStock(t, db); got != 5 {
		t.Fatalf("stock %d, want 5", got)
	}
	other, err := sql.Open("sqlite", DSN(db.Path(), 5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Exec(`UPDATE variant SET stock = 9`); err != nil {
		t.Fatal(err)
	}
	if got := txStock(t, db); got != 9 {
		t.Errorf("after another connection's write, stock %d, want 9", got)
	}
	if c, err := db.Catalog(ctx); err != nil || stockOf(t, c) != 9 {
		t.Errorf("db.Catalog after another connection's write: %v", err)
	}
	// `pesanbot catalog import` beside a running bot: another DB on the file.
	db2, err := openPath(ctx, db.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if got := txStock(t, db2); got != 9 {
		t.Errorf("second store reads stock %d, want 9", got)
	}
	if _, err := db2.ImportCatalog(ctx, testCatalog(77), false); err != nil {
		t.Fatal(err)
	}
	if got := txStock(t, db); got != 77 {
		t.Errorf("after another store's import, stock %d, want 77", got)
	}
}

func TestCatalogCacheRollback(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	if _, err := db.ImportCatalog(ctx, testCatalog(5), false); err != nil {
		t.Fatal(err)
	}
	vid := variantID(t, db)
	cached := func() *flows.Catalog {
		var c *flows.Catalog
		db.Read(ctx, func(tx *Tx) error { c = tx.Catalog(); return nil })
		return c
	}
	before := cached()
	boom := errors.New("boom")
	err := db.Update(ctx, func(tx *Tx) error {
		if err := tx.Apply([]flows.Effect{flows.SetStock{VariantID: vid, Stock: 1}}, ""); err != nil {
			return err
		}
		if got := stockOf(t, tx.Catalog()); got != 1 {
			t.Errorf("in the transaction, stock %d, want 1", got)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v, want boom", err)
	}
	if got := txStock(t, db); got != 5 {
		t.Errorf("after the rollback, stock %d, want 5", got)
	}
	if got := stockOf(t, before); got != 5 {
		t.Errorf("the shared catalogue was changed in place: stock %d", got)
	}
	if c, err := db.Catalog(ctx); err != nil || stockOf(t, c) != 5 {
		t.Errorf("db.Catalog after the rollback: stock %d, %v; want 5", stockOf(t, c), err)
	}
}

// TestCatalogCacheRace reads the catalogue from many goroutines while
// others change the stock; run with -race.
func TestCatalogCacheRace(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	if _, err := db.ImportCatalog(ctx, testCatalog(5), false); err != nil {
		t.Fatal(err)
	}
	vid := variantID(t, db)
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				switch g % 3 {
				case 0:
					err := db.Update(ctx, func(tx *Tx) error {
						want := g*100 + i
						if err := tx.Apply([]flows.Effect{flows.SetStock{VariantID: vid, Stock: want}}, ""); err != nil {
							return err
						}
						if got := tx.Catalog().Products[0].Variants[0].Stock; got != want {
							t.Errorf("own write: stock %d, want %d", got, want)
						}
						return nil
					})
					if err != nil {
						t.Error(err)
					}
				case 1:
					c, err := db.Catalog(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					flows.MatchProduct(c, "gamis hitam")
				default:
					db.Update(ctx, func(tx *Tx) error {
						flows.MatchProduct(tx.Catalog(), "gamis aisyah m")
						return nil
					})
				}
			}
		}()
	}
	wg.Wait()
	var want int
	if err := db.SQL().QueryRow(`SELECT stock FROM variant WHERE id = ?`, vid).Scan(&want); err != nil {
		t.Fatal(err)
	}
	if got := txStock(t, db); got != want {
		t.Errorf("after the race, stock %d, want %d", got, want)
	}
}
