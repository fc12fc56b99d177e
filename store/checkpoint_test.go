package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestBackgroundCheckpoint: commits never checkpoint themselves; the
// background checkpoints keep the WAL file from growing with the number
// of transactions, and what they copy is in the database file.
func TestBackgroundCheckpoint(t *testing.T) {
	dir := t.TempDir()
	ran := make(chan error, 1)
	db, err := Open(context.Background(), dir, Options{checkpointRan: func(err error) { ran <- err }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := <-ran; err != nil { // the one Open asks for
		t.Fatalf("checkpoint at open: %v", err)
	}
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

// TestCheckpointAtOpen: a run killed before its first background
// checkpoint leaves its WAL behind; the next Open copies it back at once,
// so restart after restart does not recover an ever longer WAL.
func TestCheckpointAtOpen(t *testing.T) {
	ctx := context.Background()
	killed, next := t.TempDir(), t.TempDir()
	db, err := Open(ctx, killed, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	receive := func(db *DB, id string) {
		t.Helper()
		if err := db.Update(ctx, func(tx *Tx) error {
			_, _, err := tx.Receive(Inbound{MsgID: id, Phone: "6281234500001", Kind: "text", Text: "kak ready?", SentAt: time.Now()})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	const commits = checkpointEvery / 2 // fewer than set a checkpoint off
	for i := range commits {
		receive(db, fmt.Sprintf("m%d", i))
	}
	// The files as a kill leaves them: shop.db and its WAL, no close.
	for _, name := range []string{FileName, FileName + "-wal"} {
		b, err := os.ReadFile(filepath.Join(killed, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(next, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ran := make(chan error, 1)
	db2, err := Open(ctx, next, Options{checkpointRan: func(err error) { ran <- err }})
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	select {
	case err := <-ran:
		if err != nil {
			t.Fatalf("checkpoint at open: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("Open ran no checkpoint of the WAL it found")
	}
	receive(db2, "after")
	// The commit after the checkpoint restarted the WAL: it holds that
	// commit's frames, not the killed run's.
	var busy, frames, copied int
	if err := db2.db.QueryRow(`PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &frames, &copied); err != nil {
		t.Fatal(err)
	}
	if frames >= commits {
		t.Errorf("WAL holds %d frames after one commit; the killed run's %d commits were not checkpointed at open", frames, commits)
	}
	var n int
	if err := db2.db.QueryRow(`SELECT count(*) FROM inbound`).Scan(&n); err != nil || n != commits+1 {
		t.Fatalf("%d messages, %v; want %d", n, err, commits+1)
	}
}
