package main

import (
	"context"
	"errors"
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/store"
	"github.com/pesanbot/pesanbot/whatsapp"
)

// cmdBackup writes a checked copy of shop.db to FILE. It opens the store
// without shop.yaml, so a broken configuration never stops a backup, and
// it is safe while `pesanbot run` serves.
func (e *environment) cmdBackup(args []string) error {
	fs, data := e.flags("backup")
	force := fs.Bool("force", false, "tetap tulis di dalam folder data, atau timpa file yang bukan cadangan pesanbot")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("backup FILE [--force]")
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
	if err := checkBackupTarget(e.ctx, dir, file, *force); err != nil {
		return err
	}
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

// dataFiles are the data directory's own files, which no backup may
// replace, --force or not.
var dataFiles = []string{store.FileName, store.FileName + "-wal", store.FileName + "-shm",
	whatsapp.SessionFile, whatsapp.SessionFile + "-wal", whatsapp.SessionFile + "-shm", "shop.yaml", lockFile, useFile}

// checkBackupTarget refuses a backup file inside the data directory (it
// would be lost with the data it is meant to save, and could replace one of
// its files) and an existing file that is not a pesanbot backup (a
// spreadsheet, a photo, the WhatsApp session); --force allows both but
// never one of the data directory's own files.
func checkBackupTarget(ctx context.Context, dir, file string, force bool) error {
	target, data := resolvePath(file), resolvePath(dir)
	inside := false
	if rel, err := filepath.Rel(data, target); err == nil && filepath.IsLocal(rel) {
		inside = true
		for _, name := range dataFiles {
			if rel == name {
				return fmt.Errorf("%s adalah file milik pesanbot di folder data; cadangan tidak boleh menimpanya. Simpan cadangan di disk atau folder lain", file)
			}
		}
	}
	st, err := os.Stat(file)
	if err == nil && st.IsDir() {
		return usagef("%s adalah folder: tulis nama filenya, mis. %s", file, filepath.Join(file, "shop-"+time.Now().Format("20060102")+".db"))
	}
	if force {
		return nil
	}
	if inside {
		return fmt.Errorf("%s ada di dalam folder data %s: cadangan di sana ikut hilang bila disk atau folder itu rusak. Simpan di disk atau folder lain (mis. flashdisk), atau tambahkan --force bila memang disengaja", file, dir)
	}
	switch {
	case errors.Is(err, iofs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("%s tidak bisa diperiksa: %w", file, err)
	case !st.Mode().IsRegular():
		return fmt.Errorf("%s bukan file biasa; cadangan tidak ditulis. Pilih nama file lain", file)
	}
	if cerr := store.CheckBackup(ctx, file); cerr != nil {
		why := "bukan cadangan pesanbot"
		if errors.Is(cerr, store.ErrCorrupt) {
			why = "berisi database yang rusak atau tidak bisa diperiksa"
		}
		return fmt.Errorf("%s sudah ada dan %s, jadi tidak ditimpa. Pilih nama file lain, atau tambahkan --force untuk menimpanya", file, why)
	}
	return nil
}

// resolvePath is path absolute with symbolic links followed, as far as it
// exists, so a link cannot hide that a file is inside the data directory.
func resolvePath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if r, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(r, filepath.Base(abs))
	}
	return abs
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
	unlock, err := lockForRestore(dir)
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
