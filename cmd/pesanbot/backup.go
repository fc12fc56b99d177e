package main

import (
	"errors"
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/pesanbot/pesanbot/config"
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
		return ownerError{fmt.Sprintf("tidak ada database toko di %s (pakai --data DIR)", dir), err}
	}
	db, err := store.Open(e.ctx, dir, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	file := rest[0]
	if err := db.Backup(e.ctx, file); err != nil {
		if errors.Is(err, store.ErrFull) {
			return ownerError{fmt.Sprintf("disk penuh, cadangan tidak ditulis (%s yang lama tidak berubah): kosongkan ruang atau pilih disk lain", file), err}
		}
		return fmt.Errorf("cadangan gagal, tidak ada yang diganti: %w", err)
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
		return usagef("restore FILE (hentikan pesanbot dulu)")
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
	aside, err := store.Restore(e.ctx, dir, file, shopLocation(dir))
	switch {
	case errors.Is(err, iofs.ErrNotExist) && aside == "":
		return ownerError{fmt.Sprintf("%s tidak ada; tidak ada yang berubah", file), err}
	case errors.Is(err, store.ErrNotDatabase):
		return ownerError{fmt.Sprintf("%s bukan cadangan pesanbot; tidak ada yang berubah", file), err}
	case errors.Is(err, store.ErrCorrupt):
		return ownerError{fmt.Sprintf("%s rusak; tidak ada yang berubah, coba cadangan yang lebih lama", file), err}
	case errors.Is(err, store.ErrSchemaTooNew):
		return ownerError{fmt.Sprintf("%s dibuat pesanbot yang lebih baru; tidak ada yang berubah, perbarui pesanbot dulu", file), err}
	case err != nil && aside != "":
		return fmt.Errorf("pemulihan gagal; database sebelumnya ada di %s: %w", aside, err)
	case err != nil:
		return fmt.Errorf("pemulihan gagal: %w", err)
	}
	fmt.Fprintf(e.stdout, "Database dipulihkan dari %s.\n", file)
	if aside != "" {
		fmt.Fprintf(e.stdout, "Database sebelumnya disimpan (tidak dihapus) di %s\n", aside)
	}
	fmt.Fprintln(e.stdout, "Jalankan lagi: pesanbot run")
	return nil
}

// shopLocation is the shop's time zone from shop.yaml, for file names; the
// default zone when shop.yaml cannot be read (a restore must not depend on it).
func shopLocation(dir string) *time.Location {
	if shop, err := config.Load(filepath.Join(dir, "shop.yaml")); err == nil && shop.Location != nil {
		return shop.Location
	}
	loc, err := time.LoadLocation(config.DefaultTimezone)
	if err != nil {
		return time.Local
	}
	return loc
}

// ownerError is a failure told in the owner's words. The cause stays
// reachable for errors.Is but is not printed: the sentence says it all.
type ownerError struct {
	msg   string
	cause error
}

func (e ownerError) Error() string { return e.msg }
func (e ownerError) Unwrap() error { return e.cause }
