package store

import (
	"context"
	"os"
	"testing"
	"time"
)

// TestBackgroundCheckpoint: commits never checkpoint themselves; the
// background checkpoints keep the WAL file from growing with the number
// of transactions, and what they copy is in the database file.
func TestBackgroundCheckpoint(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ran := make(chan error, 1)
	db.ckpt.ran = func(err error) { ran <- err }
	var auto int
	if err := db.db.QueryRow(`PRAGMA wal_autocheckpoint`).Scan(&auto); err != nil || auto != 0 {
		t.Fatalf("wal_autocheckpoint = %d, %v; want 0 (commits do not checkpoint)", auto, err)
	}
	ctx := context.Background()
	walSize := func() int64 {
		st, err := os.Stat(db.path + "-wal")
		if err != nil {
			t.Fatal(err)
		}
		return st.Size()
	}
	var sizes []int64
	for round := range 6 {
		for i := range checkpointEvery {
			if err := db.Update(ctx, func(tx *Tx) error {
				_, _, err := tx.Receive(Inbound{MsgID: string(rune('A'+round)) + time.Duration(i).String(), Phone: "6281234500001",
					Kind: "text", Text: "pesan yang cukup panjang untuk mengisi halaman", SentAt: time.Now()})
				return err
			}); err != nil {
				t.Fatal(err)
			}
		}
		select {
		case err := <-ran:
			if err != nil {
				t.Fatalf("background checkpoint: %v", err)
			}
		case <-time.After(time.Minute):
			t.Fatal("no background checkpoint after checkpointEvery commits")
		}
		sizes = append(sizes, walSize())
	}
	// After the first checkpoint the WAL restarts from its beginning: its
	// file no longer grows round after round.
	if sizes[len(sizes)-1] > sizes[1] {
		t.Errorf("WAL file grows with the transactions: %v bytes", sizes)
	}
	var n int
	if err := db.db.QueryRow(`SELECT count(*) FROM inbound`).Scan(&n); err != nil || n != 6*checkpointEvery {
		t.Fatalf("%d messages, %v; want %d", n, err, 6*checkpointEvery)
	}
}
