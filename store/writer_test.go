package store

import (
	"context"
	"database/sql"
	"errors"
	"testing"
)

// TestWritesShareOneConnection: every write transaction runs on the same
// connection, whatever the pool's other connections did in between (a
// TEMP table, which only its own connection sees, stays visible to the
// writes), so SQLite keeps that connection's page cache; a write that
// panics hands its panic to its caller and leaves the connection good;
// a write after Close fails.
func TestWritesShareOneConnection(t *testing.T) {
	db, _ := openTest(t)
	ctx := context.Background()
	// Every connection of the pool open and idle, so the pool has others
	// to hand out.
	var held []*sql.Conn
	for range MaxOpenConns - 1 {
		c, err := db.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	for _, c := range held {
		c.Close()
	}
	write := func(first bool) error {
		return db.Update(ctx, func(tx *Tx) error {
			if first {
				if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE IF NOT EXISTS writer_mark (n INTEGER)`); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO temp.writer_mark (n) VALUES (1)`)
			return err
		})
	}
	if err := write(true); err != nil {
		t.Fatal(err)
	}
	for i := range 2 * MaxOpenConns {
		// Reads and other statements in between, on the pool.
		if err := db.Read(ctx, func(tx *Tx) error {
			var n int
			return tx.QueryRowContext(ctx, `SELECT count(*) FROM customer`).Scan(&n)
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SQL().ExecContext(ctx, `SELECT 1`); err != nil {
			t.Fatal(err)
		}
		// A reader holds the connection the pool would hand out next
		// while the write runs.
		rtx, err := db.SQL().BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := rtx.QueryRow(`SELECT count(*) FROM inbound`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		err = write(false)
		rtx.Rollback()
		if err != nil {
			t.Fatalf("write %d ran on another connection: %v", i+2, err)
		}
	}
	// A write that panics: the caller panics with its value, and the
	// next write runs on the same connection as before.
	func() {
		defer func() {
			if p := recover(); p != "boom" {
				t.Errorf("recovered %v, want the write's own panic", p)
			}
		}()
		db.Update(ctx, func(tx *Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO temp.writer_mark (n) VALUES (2)`); err != nil {
				return err
			}
			panic("boom")
		})
	}()
	if err := write(false); err != nil {
		t.Fatalf("write after a panicking one: %v", err)
	}
	var twos int
	if err := db.Update(ctx, func(tx *Tx) error {
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM temp.writer_mark WHERE n = 2`).Scan(&twos)
	}); err != nil || twos != 0 {
		t.Errorf("the panicking write's row: %d, %v; want it rolled back", twos, err)
	}
	// After Close, a write fails instead of waiting.
	db.Close()
	if err := write(false); !errors.Is(err, errClosed) {
		t.Errorf("write after Close: %v, want errClosed", err)
	}
}
