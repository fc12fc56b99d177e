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

// cached waits for the background preparations and lists the cached texts.
func cached(db *DB) []string {
	db.stmts.wg.Wait()
	db.stmts.mu.Lock()
	defer db.stmts.mu.Unlock()
	var out []string
	for q, s := range db.stmts.stmts {
		if s != nil {
			out = append(out, q)
		}
	}
	return out
}

func TestStmtCacheReusesAndClassifies(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	if _, err := db.ImportCatalog(ctx, testCatalog(5), false); err != nil {
		t.Fatal(err)
	}
	var variant int64
	for i := 0; i < 3; i++ {
		err := db.Update(ctx, func(tx *Tx) error {
			c, _, err := tx.Receive(Inbound{MsgID: fmt.Sprint("M", i), Phone: "6281234500001", Kind: "text", Text: "halo", SentAt: time.Now()})
			if err != nil {
				return err
			}
			variant = tx.Catalog().Products[0].Variants[0].ID
			o := order(int64(i+1), c.ID, variant, 1)
			if err := tx.Apply([]flows.Effect{flows.CreateOrder{Order: o}}, fmt.Sprint("M", i)); err != nil {
				return err
			}
			if got, ok := tx.Order(int64(i + 1)); !ok || len(got.Items) != 1 {
				return fmt.Errorf("order %d read back as %+v, %v", i+1, got, ok)
			}
			return tx.Apply([]flows.Effect{flows.UpdateComplaint{ID: 999, Note: "x"}}, "")
		})
		if !errors.Is(err, ErrNotFound) {
			t.Fatalf("round %d: %v, want ErrNotFound from the dynamic UPDATE", i, err)
		}
		cached(db)
	}
	qs := cached(db)
	if len(qs) == 0 {
		t.Fatal("nothing cached")
	}
	for _, q := range qs {
		if strings.Contains(q, "IN (?") || strings.Contains(q, "UPDATE complaint SET note") {
			t.Errorf("dynamic query cached: %s", q)
		}
	}
	// Errors from cached statements still go through classify.
	for i := 0; i < 2; i++ {
		err := db.Update(ctx, func(tx *Tx) error {
			_, err := tx.exec(`UPDATE variant SET stock = ? WHERE id = ?`, -1, variant)
			return err
		})
		if !errors.Is(err, ErrConstraint) {
			t.Fatalf("try %d: %v, want ErrConstraint", i, err)
		}
		cached(db)
	}
	// Every transaction above rolled back; the cache still works after.
	if err := db.Read(ctx, func(tx *Tx) error {
		if s := tx.Catalog().Products[0].Variants[0].Stock; s != 5 {
			return fmt.Errorf("stock = %d, want 5", s)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if n := len(cached(db)); n != 0 {
		t.Errorf("%d statements cached after Close", n)
	}
}

func TestStmtCacheBounded(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	for round := 0; round < 2; round++ {
		if err := db.Read(ctx, func(tx *Tx) error {
			for i := 0; i < maxCachedStmts+20; i++ {
				var n int
				if err := tx.QueryRowContext(ctx, fmt.Sprintf("SELECT %d", i)).Scan(&n); err != nil || n != i {
					return fmt.Errorf("SELECT %d = %d, %v", i, n, err)
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if n := len(cached(db)); n > maxCachedStmts {
			t.Fatalf("%d statements cached, limit %d", n, maxCachedStmts)
		}
	}
}
