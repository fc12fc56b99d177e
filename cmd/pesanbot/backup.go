package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pesanbot/pesanbot/store"
)

// cmdBackup writes a checked copy of shop.db to FILE. It opens the store
// without shop.yaml, so a broken configuration never stops a backup, and
// it is safe while `pesanbot run` serves.
func (e *environment) cmdBackup(args []string) error {
	fs, data := e.flags("backup")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("backup FILE")
	}
	dir, err := e.dataDir(*data)
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, store.FileName)); err != nil {
		return fmt.Errorf("no shop database in %s (pass --data DIR): %w", dir, err)
	}
	db, err := store.Open(e.ctx, dir, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	file := rest[0]
	if err := db.Backup(e.ctx, file); err != nil {
		if errors.Is(err, store.ErrFull) {
			return fmt.Errorf("disk full, no backup written (an older %s is untouched): free some space or pick another disk: %w", file, err)
		}
		return fmt.Errorf("backup failed, nothing replaced: %w", err)
	}
	size := int64(0)
	if st, err := os.Stat(file); err == nil {
		size = st.Size()
	}
	fmt.Fprintf(e.stdout, "Cadangan tersimpan: %s (%d KB, sudah dicek utuh).\n", file, (size+1023)/1024)
	return nil
}

// cmdRestore puts a backup in place of shop.db after checking it; the old
// database is moved aside, never deleted.
func (e *environment) cmdRestore(args []string) error {
	fs, data := e.flags("restore")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("restore FILE (stop pesanbot first)")
	}
	dir, err := e.dataDir(*data)
	if err != nil {
		return err
	}
	// A running pesanbot would keep writing to the database moved aside.
	unlock, err := lockDataDir(dir)
	if err != nil {
		return err
	}
	defer unlock()
	file := rest[0]
	aside, err := store.Restore(e.ctx, dir, file)
	switch {
	case errors.Is(err, store.ErrNotDatabase):
		return fmt.Errorf("%s is not a pesanbot backup; nothing changed: %w", file, err)
	case errors.Is(err, store.ErrCorrupt):
		return fmt.Errorf("%s is damaged; nothing changed, try an older backup: %w", file, err)
	case errors.Is(err, store.ErrSchemaTooNew):
		return fmt.Errorf("%s comes from a newer pesanbot; nothing changed, update pesanbot first: %w", file, err)
	case err != nil && aside != "":
		return fmt.Errorf("restore failed; the previous database is at %s: %w", aside, err)
	case err != nil:
		return fmt.Errorf("restore failed: %w", err)
	}
	fmt.Fprintf(e.stdout, "Database dipulihkan dari %s.\n", file)
	if aside != "" {
		fmt.Fprintf(e.stdout, "Database sebelumnya disimpan (tidak dihapus) di %s\n", aside)
	}
	fmt.Fprintln(e.stdout, "Jalankan lagi: pesanbot run")
	return nil
}
