package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteMagic starts every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// backupHook, when set by a test, runs between VACUUM INTO and the checks,
// so a test can damage the temporary file or cancel the context midway.
var backupHook func(ctx context.Context, tmp string) error

// Backup writes a consistent copy of the shop database to dst. The copy is
// made with VACUUM INTO (which purges deleted rows) into a temporary file
// beside dst, fsynced, checked with integrity_check and the schema version,
// then renamed onto dst and the directory fsynced. On any failure, a full
// disk included, the temporary file is removed and an existing dst is left
// as it was: a partial backup never replaces a good one.
func (db *DB) Backup(ctx context.Context, dst string) (err error) {
	if st, err := os.Stat(dst); err == nil {
		if st.IsDir() {
			return fmt.Errorf("backup destination %s is a directory: name a file", dst)
		}
		if live, err := os.Stat(db.path); err == nil && os.SameFile(st, live) {
			return fmt.Errorf("backup destination %s is the live database itself: name another file", dst)
		}
	}
	tmp, err := createTemp(dst)
	if err != nil {
		return fmt.Errorf("failed to create a backup file beside %s: %w", dst, classifyFile(err))
	}
	defer func() {
		if err != nil {
			removeTemp(tmp)
		}
	}()
	// VACUUM INTO accepts an empty file, so the copy is 0600 from its start.
	if _, err = db.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return fmt.Errorf("failed to copy the database to %s: %w", tmp, classifyFile(err))
	}
	if backupHook != nil {
		if err = backupHook(ctx, tmp); err != nil {
			return err
		}
	}
	// SQLite does not fsync what VACUUM INTO writes.
	if err = syncFile(tmp); err != nil {
		return fmt.Errorf("failed to save the backup %s: %w", tmp, classifyFile(err))
	}
	version, err := checkDatabase(ctx, tmp, true)
	if err != nil {
		return fmt.Errorf("backup %s: %w", tmp, err)
	}
	if version != SchemaVersion() {
		return fmt.Errorf("backup %s: schema version %d, want %d: %w", tmp, version, SchemaVersion(), ErrSchemaMismatch)
	}
	if err = os.Chmod(tmp, 0o600); err != nil {
		return fmt.Errorf("failed to set permissions of %s: %w", tmp, err)
	}
	if err = os.Rename(tmp, dst); err != nil {
		return fmt.Errorf("failed to move the backup to %s: %w", dst, classifyFile(err))
	}
	if err = syncDir(filepath.Dir(dst)); err != nil {
		return fmt.Errorf("failed to save the directory of %s: %w", dst, classifyFile(err))
	}
	return nil
}

// CheckBackup reports whether the file at path is a pesanbot database (a
// backup one may overwrite with a newer one): nil when it is, an error
// matching ErrNotDatabase or ErrCorrupt when it is not or cannot be told.
// It only reads the file.
func CheckBackup(ctx context.Context, path string) error {
	_, err := checkDatabase(ctx, path, true)
	return err
}

// Restore replaces the shop database in dir with a checked copy of src and
// returns where the database it replaced was moved ("" when dir had none).
// Customers erased in the database it replaces are erased again in the
// restored one: a restore never brings back what an erasure removed.
// src must be a pesanbot database that passes integrity_check and has a
// schema no newer than this binary; an older one is migrated by Open.
// Nothing is deleted: shop.db and its -wal and -shm are renamed to
// shop.db.before-restore-YYYYMMDD-HHMMSS(-wal, -shm). The caller must make
// sure no process has the shop open (pesanbot itself stopped). The date
// and time in the name are in loc, the shop's zone like the nightly
// backups' names (the machine's zone when nil).
func Restore(ctx context.Context, dir, src string, loc *time.Location) (aside string, err error) {
	if err := checkHeader(src); err != nil {
		return "", err
	}
	if st, err := os.Stat(src + "-wal"); err == nil && st.Size() > 0 {
		return "", fmt.Errorf("%s has changes not yet written into it (%s): stop the program that uses it and try again", src, src+"-wal")
	}
	if err := EnsureDir(dir); err != nil {
		return "", err
	}
	live := filepath.Join(dir, FileName)
	if a, errA := os.Stat(src); errA == nil {
		if b, errB := os.Stat(live); errB == nil && os.SameFile(a, b) {
			return "", fmt.Errorf("%s is the live database itself: restore from a backup file", src)
		}
	}
	// Check the copy that will be put in place, not src, which may change.
	tmp, err := createTemp(live)
	if err != nil {
		return "", fmt.Errorf("failed to create a file in %s: %w", dir, classifyFile(err))
	}
	defer func() {
		if err != nil {
			removeTemp(tmp)
		}
	}()
	if err = copyFile(tmp, src); err != nil {
		return "", fmt.Errorf("failed to copy %s: %w", src, classifyFile(err))
	}
	version, err := checkDatabase(ctx, tmp, false)
	if err != nil {
		return "", fmt.Errorf("%s: %w", src, err)
	}
	if version > SchemaVersion() {
		return "", fmt.Errorf("%s: schema version %d, this pesanbot knows %d: %w", src, version, SchemaVersion(), ErrSchemaTooNew)
	}
	// Erasures made since the backup must hold in what it brings back.
	erased := knownErasures(ctx, dir)
	if aside, err = moveAside(live, restoreStamp(loc)); err != nil {
		return "", err
	}
	if err = os.Rename(tmp, live); err != nil {
		return undoAside(live, aside, fmt.Errorf("failed to put %s in place: %w", src, classifyFile(err)))
	}
	if err = syncDir(dir); err != nil {
		return aside, fmt.Errorf("failed to save %s: %w", dir, classifyFile(err))
	}
	// Prove it opens (and migrate an older schema) before saying it worked.
	restored, err := Open(ctx, dir, Options{})
	if err != nil {
		removeTemp(live) // the copy that did not open; src still has it
		return undoAside(live, aside, fmt.Errorf("restored database does not open: %w", err))
	}
	removed, _, err := restored.applyLedger(ctx, erased)
	if err != nil {
		restored.Close()
		removeTemp(live)
		return undoAside(live, aside, fmt.Errorf("failed to apply the erasures to the restored database: %w", err))
	}
	for _, p := range removed {
		if filepath.IsLocal(p) {
			os.Remove(filepath.Join(dir, p))
		}
	}
	if err = restored.Close(); err != nil {
		return aside, fmt.Errorf("failed to close the restored database: %w", err)
	}
	return aside, nil
}

// knownErasures is the erasure ledger of the database in dir together with
// those of its nightly backups (which carry it too): a damaged shop.db,
// the reason for many a restore, must not make the restore forget them.
// What cannot be read is skipped.
func knownErasures(ctx context.Context, dir string) ledger {
	all := ledger{}
	paths := []string{filepath.Join(dir, FileName)}
	if list, err := listNightly(filepath.Join(dir, BackupsDir)); err == nil {
		for _, b := range list {
			paths = append(paths, b.path)
		}
	}
	for _, p := range paths {
		l, err := readLedgerFile(ctx, p)
		if err != nil {
			continue
		}
		for k, at := range l {
			all[k] = max(all[k], at)
		}
	}
	return all
}

// checkHeader tells a non-SQLite file (a spreadsheet, a truncated download)
// from a database before SQLite is asked to open it.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot open %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, 100) // the SQLite file header
	if _, err := io.ReadFull(f, head); err != nil || string(head[:len(sqliteMagic)]) != sqliteMagic {
		return fmt.Errorf("%s is not an SQLite database: %w", path, ErrNotDatabase)
	}
	return nil
}

// checkDatabase opens a database file on its own, runs integrity_check and
// returns its schema version. readOnly opens it without writing anything;
// otherwise it is also switched out of WAL mode so it stands alone.
func checkDatabase(ctx context.Context, path string, readOnly bool) (version int, err error) {
	if err := checkHeader(path); err != nil {
		return 0, err
	}
	// Not DSN: a backup being checked is switched out of WAL, not into it.
	sdb, err := sql.Open("sqlite", dsn(path, readOnly, false, 5*time.Second, nil))
	if err != nil {
		return 0, fmt.Errorf("failed to open: %w", err)
	}
	defer sdb.Close()
	sdb.SetMaxOpenConns(1)
	if !readOnly {
		var mode string
		if err := sdb.QueryRowContext(ctx, "PRAGMA journal_mode = DELETE").Scan(&mode); err != nil {
			return 0, corrupt(err)
		}
	}
	rows, err := sdb.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return 0, corrupt(err)
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return 0, corrupt(err)
		}
		problems = append(problems, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, corrupt(err)
	}
	if len(problems) != 1 || problems[0] != "ok" {
		if len(problems) > 3 {
			problems = problems[:3]
		}
		return 0, fmt.Errorf("%w: %s", ErrCorrupt, strings.Join(problems, "; "))
	}
	if err := sdb.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, corrupt(err)
	}
	var tables int
	if err := sdb.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table'
		AND name IN ('orders', 'order_line', 'customer', 'product')`).Scan(&tables); err != nil {
		return 0, corrupt(err)
	}
	if version < 1 || tables != 4 {
		return 0, fmt.Errorf("an SQLite database without pesanbot's tables: %w", ErrNotDatabase)
	}
	return version, nil
}

// corrupt marks SQLite's "malformed" and "not a database" codes as
// ErrCorrupt and passes other errors (a cancelled context, I/O) through.
func corrupt(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return errors.Join(ErrCorrupt, err)
		}
	}
	return classifyFile(err)
}

// createTemp makes an empty 0600 file named path.tmp-<random>.
func createTemp(path string) (string, error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	tmp := path + ".tmp-" + hex.EncodeToString(b[:])
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", err
	}
	return tmp, f.Close()
}

// removeTemp deletes a database file and any journal SQLite left beside it.
func removeTemp(tmp string) {
	for _, suffix := range []string{"", "-journal", "-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
}

// copyFile copies src into the existing file dst and fsyncs it.
func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	return errors.Join(err, out.Close())
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// syncDir makes a rename in dir durable. Windows cannot fsync a directory
// and does not need to.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	return syncFile(dir)
}

// moveAside renames live and its -wal and -shm to one unused
// live.before-restore-<stamp> name, and returns it ("" when none existed).
// The -wal goes with its database: left behind, SQLite would replay it
// into the restored file.
func moveAside(live, stamp string) (string, error) {
	base := live + ".before-restore-" + stamp
	aside := base
	for i := 2; exists(aside) || exists(aside+"-wal") || exists(aside+"-shm"); i++ {
		aside = fmt.Sprintf("%s-%d", base, i)
	}
	moved := false
	for _, suffix := range []string{"", "-wal", "-shm"} {
		err := os.Rename(live+suffix, aside+suffix)
		switch {
		case err == nil:
			moved = true
		case !errors.Is(err, fs.ErrNotExist):
			err = fmt.Errorf("failed to move %s aside: %w", live+suffix, err)
			if moved {
				return "", errors.Join(err, moveBack(live, aside))
			}
			return "", err
		}
	}
	if !moved {
		return "", nil
	}
	return aside, nil
}

// undoAside moves the old database back after a failed restore; the path
// it returns is where the old database still is when that fails too.
func undoAside(live, aside string, cause error) (string, error) {
	if err := moveBack(live, aside); err != nil {
		return aside, errors.Join(cause, err)
	}
	return "", cause
}

// moveBack undoes moveAside.
func moveBack(live, aside string) error {
	if aside == "" {
		return nil
	}
	var errs []error
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Rename(aside+suffix, live+suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("failed to move %s back: %w", aside+suffix, err))
		}
	}
	return errors.Join(errs...)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// restoreStamp names the moved-aside database by the time in loc (the
// shop's zone, as the nightly backups are named), else the machine's.
func restoreStamp(loc *time.Location) string {
	if loc == nil {
		loc = time.Local
	}
	return time.Now().In(loc).Format("20060102-150405")
}

// The nightly backups are backups/shop-YYYYMMDD.db, dated in the shop's zone.
const nightlyLayout = "shop-20060102.db"

// BackupsDir is the nightly backups' folder inside the data directory.
const BackupsDir = "backups"

// NightlyBackup writes backupsDir/shop-YYYYMMDD.db for now's date in loc
// (the shop's zone when nil), applies the erasure ledger to the older ones
// (ScrubBackups), then rotates. The directory is made 0700. A
// rotation error comes with the path of the backup, which was written.
func (db *DB) NightlyBackup(ctx context.Context, backupsDir string, now time.Time, loc *time.Location) (string, error) {
	if loc == nil {
		loc = db.loc
	}
	if err := os.MkdirAll(backupsDir, 0o700); err != nil {
		return "", fmt.Errorf("failed to create %s: %w", backupsDir, classifyFile(err))
	}
	if err := os.Chmod(backupsDir, 0o700); err != nil {
		return "", fmt.Errorf("failed to set permissions of %s: %w", backupsDir, err)
	}
	path := filepath.Join(backupsDir, now.In(loc).Format(nightlyLayout))
	if err := db.Backup(ctx, path); err != nil {
		return "", err
	}
	// The erasures apply to the older backups too; done at erasure time,
	// this catches one that failed then (a full disk) or a restored file.
	_, serr := db.ScrubBackups(ctx, backupsDir)
	return path, errors.Join(db.RotateBackups(backupsDir, now), serr)
}

// nightly is one nightly backup file found in a directory.
type nightly struct {
	path string
	date time.Time
}

// listNightly lists dir's shop-YYYYMMDD.db files, newest date first.
func listNightly(dir string) ([]nightly, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []nightly
	for _, e := range entries {
		d, err := time.Parse(nightlyLayout, e.Name())
		if err != nil || !e.Type().IsRegular() {
			continue
		}
		out = append(out, nightly{path: filepath.Join(dir, e.Name()), date: d})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].date.After(out[j].date) })
	return out, nil
}

// RotateBackups keeps the 7 newest nightly backups in dir and, among the
// older ones, the newest of each of the 4 most recent ISO weeks; it deletes
// the other shop-YYYYMMDD.db files and temporary files a crash left more
// than a day before now. Counting files rather than days means a machine
// that was off, or a clock that jumped, never loses the newest copies.
// Other files in dir are never touched.
func (db *DB) RotateBackups(dir string, now time.Time) error {
	list, err := listNightly(dir)
	if err != nil {
		return fmt.Errorf("failed to list backups: %w", err)
	}
	const daily, weekly = 7, 4
	var errs []error
	weeks := map[[2]int]bool{}
	for i, b := range list {
		if i < daily {
			continue
		}
		y, w := b.date.ISOWeek()
		if k := [2]int{y, w}; !weeks[k] && len(weeks) < weekly {
			weeks[k] = true
			continue
		}
		if err := os.Remove(b.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	stale, _ := filepath.Glob(filepath.Join(dir, "shop-*.db.tmp-*"))
	for _, p := range stale {
		if st, err := os.Stat(p); err == nil && st.ModTime().Before(now.Add(-24*time.Hour)) {
			os.Remove(p)
		}
	}
	return errors.Join(errs...)
}

// LastBackup returns the newest nightly backup in backupsDir by the time
// it was written, for the owner's daily summary; false when there is none.
func LastBackup(backupsDir string) (time.Time, string, bool) {
	list, err := listNightly(backupsDir)
	var at time.Time
	path := ""
	for _, b := range list {
		if st, err := os.Stat(b.path); err == nil && st.ModTime().After(at) {
			at, path = st.ModTime(), b.path
		}
	}
	return at, path, err == nil && path != ""
}
