package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// ledger is the erasure ledger: identity key -> when it was erased (ms).
type ledger map[string]int64

// readLedger reads the erasure ledger of q; a database from before the
// ledger existed has an empty one.
func readLedger(ctx context.Context, q querier) (ledger, error) {
	var tables int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'erasure'`).Scan(&tables); err != nil {
		return nil, classify(err)
	}
	if tables == 0 {
		return ledger{}, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT key, at FROM erasure`)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	l := ledger{}
	for rows.Next() {
		var k string
		var at int64
		if err := rows.Scan(&k, &at); err != nil {
			return nil, err
		}
		l[k] = at
	}
	return l, rows.Err()
}

// readLedgerFile reads the ledger of the database file at path, changing
// nothing (query_only); none when there is no file. It is not opened with
// mode=ro: a read-only connection to a WAL database (the live shop.db)
// creates its -wal and -shm and cannot remove them, and a restore would
// leave them beside the database it moves aside.
func readLedgerFile(ctx context.Context, path string) (ledger, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return ledger{}, nil
	}
	sdb, err := sql.Open("sqlite", dsn(path, false, false, 5*time.Second, []string{"query_only(1)"}))
	if err != nil {
		return nil, err
	}
	defer sdb.Close()
	return readLedger(ctx, sdb)
}

// erasedCustomers are the customers of q that the ledger erased: same
// phone or LID, and known before the erasure (who writes again afterwards
// is a new customer row, and stays).
func erasedCustomers(ctx context.Context, q querier, l ledger) ([]int64, error) {
	if len(l) == 0 {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT id, coalesce(phone, ''), coalesce(lid, ''), created_at FROM customer
		WHERE phone IS NOT NULL OR lid NOT LIKE 'erased-%'`)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id, created int64
		var phone, lid string
		if err := rows.Scan(&id, &phone, &lid, &created); err != nil {
			return nil, err
		}
		for _, k := range identityKeys(phone, lid) {
			if at, ok := l[k]; ok && created <= at {
				ids = append(ids, id)
				break
			}
		}
	}
	return ids, rows.Err()
}

// applyLedger erases in this database every customer the ledger l names
// and adds l to its own ledger. It returns the media files to delete.
func (db *DB) applyLedger(ctx context.Context, l ledger) (removed []string, erased int, err error) {
	if len(l) == 0 {
		return nil, 0, nil
	}
	err = db.Update(ctx, func(tx *Tx) error {
		ids, err := erasedCustomers(ctx, tx, l)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := tx.eraseCustomer(id); err != nil {
				return err
			}
		}
		for k, at := range l {
			if _, err := tx.exec(`INSERT INTO erasure (key, at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET at = max(at, excluded.at)`, k, at); err != nil {
				return err
			}
		}
		erased, removed = len(ids), tx.Removed()
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	if erased > 0 {
		err = db.Checkpoint(ctx)
	}
	return removed, erased, err
}

// forgetSent blanks a sent reply to a customer erased after it was written
// (the confirmation of the erasure itself): what it said is theirs, and the
// number it went to must not stay behind. The commit checkpoints the WAL
// (the transaction counts as an erasure) so the bytes are gone.
func (tx *Tx) forgetSent(id int64, chat string, created int64) error {
	key := identityKey("phone", chat)
	if lid, isLID := ChatKey(chat).LID(); isLID {
		key = identityKey("lid", lid)
	}
	var n int
	if err := tx.QueryRowContext(tx.ctx, `SELECT count(*) FROM erasure WHERE key = ? AND at >= ?`, key, created).Scan(&n); err != nil {
		return classify(err)
	}
	if n == 0 {
		return nil
	}
	if _, err := tx.exec(`UPDATE outbox SET chat = 'dihapus', text = '', image = '' WHERE id = ?`, id); err != nil {
		return err
	}
	tx.erased = true
	return nil
}

// ScrubBackups applies the erasure ledger to the nightly backups in dir: a
// customer erased after a backup was made is erased in that backup too,
// the same way as in shop.db, so no backup keeps what an erasure removed.
// A backup that names nobody erased is not touched; one that does is
// rewritten through a checked temporary file, like a new backup, and
// replaced only when that worked. It returns how many it rewrote.
func (db *DB) ScrubBackups(ctx context.Context, dir string) (int, error) {
	l, err := readLedger(ctx, db.db)
	if err != nil || len(l) == 0 {
		return 0, err
	}
	list, err := listNightly(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("failed to list backups: %w", err)
	}
	n := 0
	var errs []error
	for _, b := range list {
		changed, err := scrubBackup(ctx, b.path, l)
		if err != nil {
			errs = append(errs, fmt.Errorf("backup %s: %w", b.path, err))
		}
		if changed {
			n++
		}
	}
	return n, errors.Join(errs...)
}

// scrubBackup erases the ledger's customers in the backup at path.
func scrubBackup(ctx context.Context, path string, l ledger) (changed bool, err error) {
	ids, err := func() ([]int64, error) {
		sdb, err := sql.Open("sqlite", ReadOnlyDSN(path, 5*time.Second))
		if err != nil {
			return nil, err
		}
		defer sdb.Close()
		return erasedCustomers(ctx, sdb, l)
	}()
	if err != nil || len(ids) == 0 {
		return false, err
	}
	// Erase in a working copy, then write a clean copy of that (VACUUM
	// INTO leaves no freed pages behind) and check it before it replaces
	// the backup.
	work, err := createTemp(path)
	if err != nil {
		return false, classifyFile(err)
	}
	defer removeTemp(work)
	if err := copyFile(work, path); err != nil {
		return false, classifyFile(err)
	}
	wdb, err := openPath(ctx, work, Options{})
	if err != nil {
		return false, err
	}
	_, _, err = wdb.applyLedger(ctx, l)
	out := ""
	if err == nil {
		if out, err = createTemp(path); err == nil {
			_, err = wdb.db.ExecContext(ctx, "VACUUM INTO ?", out)
		}
	}
	if cerr := wdb.Close(); err == nil {
		err = cerr
	}
	if out != "" {
		defer func() {
			if err != nil {
				removeTemp(out)
			}
		}()
	}
	if err != nil {
		return false, classifyFile(err)
	}
	if err = syncFile(out); err != nil {
		return false, classifyFile(err)
	}
	if _, err = checkDatabase(ctx, out, true); err != nil {
		return false, err
	}
	if err = os.Chmod(out, 0o600); err != nil {
		return false, err
	}
	if err = os.Rename(out, path); err != nil {
		return false, classifyFile(err)
	}
	return true, syncDir(filepath.Dir(path))
}
