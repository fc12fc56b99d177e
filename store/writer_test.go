package store

import (
	"context"
	"database/sql"
	"testing"
)

// TestWritesShareOneConnection: every write transaction runs on the same
// connection, whatever the pool's other connections did in between (a
// TEMP table, which only its own connection sees, stays visible to the
// writes), so SQLite keeps that connection's page cache; and a writer
// connection found closed is replaced, not fatal.
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
	// The writer connection closed under the store: the next write takes
	// another one.
	db.writeMu.Lock()
	db.writer.Close()
	db.writeMu.Unlock()
	if err := write(true); err != nil {
		t.Fatalf("write after the writer connection closed: %v", err)
	}
}
