package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// bkDump is every row of the tables that matter, as text.
func bkDump(t *testing.T, sdb *sql.DB) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"customer", "product", "variant", "orders", "order_line", "inbound", "audit_log"} {
		order := "rowid"
		if table == "order_line" {
			order = "order_id, line" // WITHOUT ROWID
		}
		rows, err := sdb.Query("SELECT * FROM " + table + " ORDER BY " + order)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, table, vals)
		}
		rows.Close()
	}
	return b.String()
}

// bkTemps lists the temporary files left in dir.
func bkTemps(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "*.tmp-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func bkMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != want {
		t.Errorf("%s mode = %o, want %o", path, got, want)
	}
}

func TestBackupRestoreRoundTrip(t *testing.T) {
	for _, damage := range []string{"truncate", "scribble"} {
		t.Run(damage, func(t *testing.T) {
			ctx := context.Background()
			db, dir := bkOpen(t)
			at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
			bkOrder(t, db, "6281200000001", "Rina", at, 2)
			bkOrder(t, db, "6281200000002", "Budi", at.Add(time.Hour), 1)
			want := bkDump(t, db.SQL())
			backup := filepath.Join(t.TempDir(), "shop-backup.db")
			if err := db.Backup(ctx, backup); err != nil {
				t.Fatal(err)
			}
			bkMode(t, backup, 0o600)
			if tmp := bkTemps(t, filepath.Dir(backup)); len(tmp) > 0 {
				t.Errorf("temporary files left: %v", tmp)
			}
			bkOrder(t, db, "6281200000003", "Sari", at.Add(2*time.Hour), 1) // after the backup: gone after restore
			db.Close()

			live := filepath.Join(dir, FileName)
			switch damage {
			case "truncate":
				if err := os.Truncate(live, 3000); err != nil {
					t.Fatal(err)
				}
			case "scribble":
				f, err := os.OpenFile(live, os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				f.WriteAt(bytes.Repeat([]byte("RUSAK!"), 5000), 4096)
				f.Close()
			}
			damaged, _ := os.ReadFile(live)

			aside, err := Restore(ctx, dir, backup, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(filepath.Base(aside), "shop.db.before-restore-") {
				t.Errorf("aside = %q", aside)
			}
			if got, _ := os.ReadFile(aside); !bytes.Equal(got, damaged) {
				t.Errorf("the replaced database was not kept as it was at %s", aside)
			}
			bkMode(t, live, 0o600)
			if tmp := bkTemps(t, dir); len(tmp) > 0 {
				t.Errorf("temporary files left: %v", tmp)
			}
			db2, err := Open(ctx, dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db2.Close()
			if got := bkDump(t, db2.SQL()); got != want {
				t.Errorf("rows after restore differ from the backup:\ngot:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// Restoring into a directory without a shop (a new machine) moves nothing.
func TestRestoreIntoEmptyDir(t *testing.T) {
	ctx := context.Background()
	db, _ := bkOpen(t)
	bkOrder(t, db, "6281200000001", "Rina", time.Now(), 1)
	want := bkDump(t, db.SQL())
	backup := filepath.Join(t.TempDir(), "b.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "new")
	aside, err := Restore(ctx, dir, backup, nil)
	if err != nil || aside != "" {
		t.Fatalf("Restore = %q, %v; want no aside", aside, err)
	}
	bkMode(t, dir, 0o700)
	db2, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if got := bkDump(t, db2.SQL()); got != want {
		t.Errorf("restored rows differ:\n%s\nwant:\n%s", got, want)
	}
}

func TestRestoreRefuses(t *testing.T) {
	ctx := context.Background()
	db, dir := bkOpen(t)
	bkOrder(t, db, "6281200000001", "Rina", time.Now(), 1)
	good := filepath.Join(t.TempDir(), "good.db")
	if err := db.Backup(ctx, good); err != nil {
		t.Fatal(err)
	}
	db.Close()
	live := filepath.Join(dir, FileName)
	before, _ := os.ReadFile(live)
	goodBytes, _ := os.ReadFile(good)
	write := func(t *testing.T, b []byte) string {
		p := filepath.Join(t.TempDir(), "backup.db")
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name string
		make func(t *testing.T) string
		want error
	}{
		{"spreadsheet", func(t *testing.T) string { return write(t, []byte("No;Nama\n1;Rina\n")) }, ErrNotDatabase},
		{"empty file", func(t *testing.T) string { return write(t, nil) }, ErrNotDatabase},
		{"other sqlite", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "other.db")
			o, err := sql.Open("sqlite", p)
			if err != nil {
				t.Fatal(err)
			}
			defer o.Close()
			if _, err := o.Exec("CREATE TABLE notes (x TEXT)"); err != nil {
				t.Fatal(err)
			}
			return p
		}, ErrNotDatabase},
		{"newer schema", func(t *testing.T) string {
			p := write(t, goodBytes)
			o, err := sql.Open("sqlite", p)
			if err != nil {
				t.Fatal(err)
			}
			defer o.Close()
			if _, err := o.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+1)); err != nil {
				t.Fatal(err)
			}
			return p
		}, ErrSchemaTooNew},
		{"scribbled", func(t *testing.T) string {
			b := slices.Clone(goodBytes)
			copy(b[2*4096:], bytes.Repeat([]byte{0xA5}, 3*4096))
			return write(t, b)
		}, ErrCorrupt},
		{"cut short", func(t *testing.T) string { return write(t, goodBytes[:len(goodBytes)/2]) }, ErrCorrupt},
	} {
		t.Run(tc.name, func(t *testing.T) {
			aside, err := Restore(ctx, dir, tc.make(t), nil)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Restore = %q, %v; want %v", aside, err, tc.want)
			}
			if aside != "" {
				t.Errorf("aside = %q after a refused restore", aside)
			}
			if after, _ := os.ReadFile(live); !bytes.Equal(after, before) {
				t.Error("a refused restore changed shop.db")
			}
			if m, _ := filepath.Glob(live + ".*"); len(m) > 0 {
				t.Errorf("a refused restore left files: %v", m)
			}
		})
	}
}

// TestBackupFailureKeepsGoodBackup fails a backup midway, after VACUUM
// INTO wrote the temporary file, in the ways the checks must catch.
func TestBackupFailureKeepsGoodBackup(t *testing.T) {
	db, _ := bkOpen(t)
	bkOrder(t, db, "6281200000001", "Rina", time.Now(), 1)
	dir := t.TempDir()
	dst := filepath.Join(dir, "shop.db")
	if err := db.Backup(context.Background(), dst); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(dst)
	bkOrder(t, db, "6281200000002", "Budi", time.Now(), 1) // the next backup would differ
	for _, tc := range []struct {
		name string
		hook func(ctx context.Context, tmp string, cancel func()) error
		want error
	}{
		{"torn write", func(_ context.Context, tmp string, _ func()) error {
			f, err := os.OpenFile(tmp, os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.WriteAt(bytes.Repeat([]byte{0}, 2*4096), 4096)
			return err
		}, ErrCorrupt},
		{"cut short", func(_ context.Context, tmp string, _ func()) error { return os.Truncate(tmp, 4096+100) }, ErrCorrupt},
		{"cancelled", func(_ context.Context, _ string, cancel func()) error { cancel(); return nil }, context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			backupHook = func(ctx context.Context, tmp string) error { return tc.hook(ctx, tmp, cancel) }
			defer func() { backupHook = nil }()
			err := db.Backup(ctx, dst)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Backup = %v, want %v", err, tc.want)
			}
			if got, _ := os.ReadFile(dst); !bytes.Equal(got, good) {
				t.Error("a failed backup replaced the good one")
			}
			if tmp := bkTemps(t, dir); len(tmp) > 0 {
				t.Errorf("temporary files left: %v", tmp)
			}
		})
	}
	t.Run("cancelled before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := db.Backup(ctx, dst); err == nil {
			t.Fatal("Backup with a cancelled context succeeded")
		}
		if got, _ := os.ReadFile(dst); !bytes.Equal(got, good) || len(bkTemps(t, dir)) > 0 {
			t.Error("a cancelled backup changed the directory")
		}
	})
	t.Run("onto the live database", func(t *testing.T) {
		if err := db.Backup(context.Background(), db.Path()); err == nil {
			t.Fatal("Backup onto shop.db itself succeeded")
		}
		if v, err := checkDatabase(context.Background(), db.Path(), true); err != nil || v != SchemaVersion() {
			t.Errorf("live database after the refusal: %d, %v", v, err)
		}
	})
	t.Run("read-only directory", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root writes into a read-only directory")
		}
		if err := os.Chmod(dir, 0o500); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(dir, 0o700)
		if err := db.Backup(context.Background(), dst); err == nil {
			t.Fatal("Backup into a read-only directory succeeded")
		}
		if got, _ := os.ReadFile(dst); !bytes.Equal(got, good) || len(bkTemps(t, dir)) > 0 {
			t.Error("a failed backup changed the directory")
		}
	})
}

// TestBackupDiskFull backs up into a 256 KiB tmpfs (RELIABILITY A.4). It
// needs root and a kernel that lets it mount; elsewhere it skips.
func TestBackupDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v: %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", mnt).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", mnt, err, out)
		}
	})
	ctx := context.Background()
	db, _ := bkOpen(t)
	dst := filepath.Join(mnt, "shop.db")
	if err := db.Backup(ctx, dst); err != nil {
		t.Fatalf("the small backup does not fit: %v", err)
	}
	good, _ := os.ReadFile(dst)
	// About 1.5 MB of incompressible rows: far more than the space left.
	if _, err := db.SQL().Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
		INSERT INTO audit_log (at, actor, action, detail) SELECT i, 'test', 'isi', hex(randomblob(500)) FROM n`); err != nil {
		t.Fatal(err)
	}
	err := db.Backup(ctx, dst)
	if !errors.Is(err, ErrFull) {
		t.Fatalf("Backup onto a full disk = %v, want ErrFull", err)
	}
	t.Logf("backup onto the full tmpfs: %v", err)
	if got, _ := os.ReadFile(dst); !bytes.Equal(got, good) {
		t.Error("the failed backup replaced the good one")
	}
	if tmp := bkTemps(t, mnt); len(tmp) > 0 {
		t.Errorf("partial files left on the full disk: %v", tmp)
	}
	if v, err := checkDatabase(ctx, dst, true); err != nil || v != SchemaVersion() {
		t.Errorf("old backup after the failure: version %d, %v", v, err)
	}
	var n int
	if err := db.SQL().QueryRow("SELECT count(*) FROM audit_log").Scan(&n); err != nil || n != 1500 {
		t.Errorf("live database after the failure: %d rows, %v", n, err)
	}
}

func TestNightlyBackup(t *testing.T) {
	ctx := context.Background()
	db, _ := bkOpen(t)
	dir := filepath.Join(t.TempDir(), "backups")
	if _, _, ok := LastBackup(dir); ok {
		t.Error("LastBackup found a backup in a missing directory")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	wib := time.FixedZone("WIB", 7*3600)
	// 17:30 UTC is already the next day in Jakarta.
	now := time.Date(2025, 4, 29, 17, 30, 0, 0, time.UTC)
	path, err := db.NightlyBackup(ctx, dir, now, wib)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "shop-20250430.db"); path != want {
		t.Errorf("path = %s, want %s", path, want)
	}
	bkMode(t, dir, 0o700)
	bkMode(t, path, 0o600)
	at, last, ok := LastBackup(dir)
	if !ok || last != path || time.Since(at) > time.Minute {
		t.Errorf("LastBackup = %v, %s, %v; want %s just now", at, last, ok, path)
	}
}

// TestRotateBackups runs 60 nights on a fake clock: the 7 newest stay, and
// of the older ones the newest in each of the 4 latest ISO weeks.
func TestRotateBackups(t *testing.T) {
	db, _ := bkOpen(t)
	dir := t.TempDir()
	wib := time.FixedZone("WIB", 7*3600)
	start := time.Date(2025, 3, 1, 2, 0, 0, 0, wib)
	touch := func(name string, mtime time.Time) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	var now time.Time
	for i := range 60 {
		now = start.AddDate(0, 0, i)
		touch(now.Format(nightlyLayout), now)
		if err := db.RotateBackups(dir, now); err != nil {
			t.Fatal(err)
		}
	}
	touch("notes.txt", start)
	touch("shop-manual.db", start)
	touch("shop-20250101.db.tmp-old", now.Add(-48*time.Hour))
	touch("shop-20250429.db.tmp-new", now.Add(-time.Hour))
	if err := db.RotateBackups(dir, now); err != nil {
		t.Fatal(err)
	}
	var got []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := []string{"notes.txt", "shop-20250406.db", "shop-20250413.db", "shop-20250420.db", "shop-20250422.db",
		"shop-20250423.db", "shop-20250424.db", "shop-20250425.db", "shop-20250426.db", "shop-20250427.db",
		"shop-20250428.db", "shop-20250429.db", "shop-20250429.db.tmp-new", "shop-manual.db"}
	if !slices.Equal(got, want) {
		t.Errorf("kept:\n%v\nwant:\n%v", got, want)
	}
}
