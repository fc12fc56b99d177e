package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/pesanbot/pesanbot/flows"
)

//go:embed migrations/*.sql
var migrations embed.FS

// FileName is the shop database's name inside the data directory.
const FileName = "shop.db"

// DB is the shop database.
type DB struct {
	// The write transactions of this process run on one goroutine, one
	// after the other, on the writer connection (writer.go): writes here
	// queue in Go instead of sleeping in SQLite's busy handler. Other
	// processes are still handled by busy_timeout.
	writes     chan writeJob
	stopWrites chan struct{}
	stopOnce   sync.Once
	writerDone chan struct{}
	writer     *sql.Conn // the write goroutine's alone
	db         *sql.DB
	path       string
	loc        *time.Location
	shop       *flows.Shop
	now        func() time.Time
	stmts      stmtCache
	cat        catCache
	ckpt       checkpointer
	// frontier is where delivery starts reading the outbox (frontier.go).
	frontier outboxFrontier
	// onStmt, when set (Options.OnStatement, or tests directly), sees
	// every statement a transaction runs, BEGIN and COMMIT included.
	onStmt func(query string)
}

// Options tune Open.
type Options struct {
	Location    *time.Location   // the shop's zone, for "busiest hours"; UTC if nil
	Now         func() time.Time // the clock; time.Now if nil
	BusyTimeout time.Duration    // default 10s

	// Shop is the shop's configuration, for the summary's workload: its
	// hours (messages sent outside them), its owner and staff numbers
	// (whose messages are not customers') and its staffing thresholds.
	// nil: every message counts, none outside hours, no staffing advice.
	Shop *flows.Shop

	// OnStatement, when set, sees every statement a write or read
	// transaction runs through the store, BEGIN and COMMIT included (not
	// the statements run outside a transaction). It must be cheap and safe
	// for concurrent use: "pesanbot bench" counts statements with it.
	OnStatement func(query string)

	// checkpointRan, when set (tests), is told after each background
	// checkpoint with its error, from the first one Open asks for on.
	checkpointRan func(error)
}

// Open opens (creating when needed) shop.db in dir, applies the migrations
// and refuses a schema newer than this binary. The directory is made 0700
// and the database files 0600.
func Open(ctx context.Context, dir string, opt Options) (*DB, error) {
	if err := EnsureDir(dir); err != nil {
		return nil, err
	}
	return openPath(ctx, filepath.Join(dir, FileName), opt)
}

// openPath is Open for the database file at path, whose directory exists.
func openPath(ctx context.Context, path string, opt Options) (*DB, error) {
	if err := CreatePrivate(path); err != nil {
		return nil, err
	}
	busy := opt.BusyTimeout
	if busy <= 0 {
		busy = 10 * time.Second
	}
	sdb, err := sql.Open("sqlite", ShopDSN(path, busy))
	if err != nil {
		return nil, fmt.Errorf("failed to open %s: %w", path, err)
	}
	// One writer at a time anyway; a few readers for the dashboard and CLI.
	// All of them stay open when idle: database/sql keeps two by default,
	// and a busy shop then closed a connection after a burst and opened
	// it again for the next read, parsing the schema and reading cold
	// pages each time.
	sdb.SetMaxOpenConns(MaxOpenConns)
	sdb.SetMaxIdleConns(MaxOpenConns)
	sdb.SetConnMaxIdleTime(0)
	db := &DB{db: sdb, path: path, loc: opt.Location, shop: opt.Shop, now: opt.Now, onStmt: opt.OnStatement}
	if db.loc == nil {
		db.loc = time.UTC
	}
	if db.now == nil {
		db.now = time.Now
	}
	db.startWriter()
	fail := func(err error) (*DB, error) {
		db.stopWriter()
		sdb.Close()
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		return fail(err)
	}
	if err := db.loadFrontier(ctx); err != nil {
		return fail(err)
	}
	if err := TightenSidecars(path); err != nil {
		return fail(err)
	}
	db.ckpt.ran = opt.checkpointRan
	db.ckpt.start(db)
	db.ckpt.soon()
	return db, nil
}

// CreatePrivate creates a database file 0600 (or tightens an existing one)
// before SQLite opens it: SQLite then gives -wal and -shm the same mode,
// where the default umask would make them world-readable.
func CreatePrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("failed to create %s: %w", path, err)
	}
	f.Close()
	if err := os.Chmod(path, 0o600); err != nil {
		return fmt.Errorf("failed to set permissions of %s: %w", path, err)
	}
	return nil
}

// TightenSidecars makes an open database's -wal and -shm files 0600.
func TightenSidecars(path string) error {
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Chmod(path+suffix, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("failed to set permissions of %s: %w", path+suffix, err)
		}
	}
	return nil
}

// DSN is the modernc data source for a pesanbot database file opened for
// writing (shop.db, whatsapp.db): WAL, synchronous=FULL, foreign keys, the
// busy timeout, IMMEDIATE transactions, plus any extra pragmas.
func DSN(path string, busy time.Duration, pragmas ...string) string {
	return dsn(path, false, true, busy, append([]string{"journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(1)"}, pragmas...))
}

// ShopDSN is the data source shop.db is opened with: DSN plus
// secure_delete, so deleted personal data is overwritten, not left in free
// pages (UU PDP), no automatic checkpoint inside a commit (the DB
// checkpoints in the background, see checkpoint.go), and a page cache of
// up to 8 MiB a connection instead of SQLite's 2 MiB: a year of orders
// outgrows 2 MiB, and a turn then read its customers' and orders' index
// pages from the file again on every message (a cache grows only as pages
// are read: an idle or small shop holds what its file holds, no more).
// The benchmark's raw baseline opens its file with it too.
func ShopDSN(path string, busy time.Duration) string {
	return DSN(path, busy, "secure_delete(1)", "wal_autocheckpoint(0)", "cache_size(-8192)")
}

// MaxOpenConns is the size of shop.db's connection pool.
const MaxOpenConns = 4

// ReadOnlyDSN opens a database file read-only (mode=ro) with the busy
// timeout and any extra pragmas: checks and scans of backups and of
// whatsapp.db that must not change them.
func ReadOnlyDSN(path string, busy time.Duration, pragmas ...string) string {
	return dsn(path, true, false, busy, pragmas)
}

// dsn builds every connection string pesanbot opens a file with, so the
// path is escaped and the busy timeout set the same way everywhere.
func dsn(path string, readOnly, immediate bool, busy time.Duration, pragmas []string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout("+strconv.FormatInt(busy.Milliseconds(), 10)+")")
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	if immediate {
		q.Add("_txlock", "immediate")
	}
	if readOnly {
		q.Set("mode", "ro")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// MediaDir is the data directory's folder for received files (payment
// proofs, complaint photos).
const MediaDir = "media"

// EnsureDir creates the data directory and its media folder 0700, or
// tightens existing ones.
func EnsureDir(dir string) error {
	for _, d := range []string{dir, filepath.Join(dir, MediaDir)} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return fmt.Errorf("failed to create %s: %w", d, err)
		}
		if err := os.Chmod(d, 0o700); err != nil {
			return fmt.Errorf("failed to set permissions of %s: %w", d, err)
		}
	}
	return nil
}

// Path is the database file's path.
func (db *DB) Path() string { return db.path }

// Close closes the cached statements and the database.
func (db *DB) Close() error {
	db.ckpt.close()
	// Where delivery got to, so the next start reads from there.
	ferr := db.saveFrontier(context.Background())
	db.stopWriter()
	for _, s := range db.stmts.close() {
		s.Close()
	}
	err := db.db.Close()
	db.stmts.wg.Wait() // closing the database ends preparations waiting for a connection
	return errors.Join(ferr, err)
}

// SQL exposes the handle for read-only reporting and tests.
func (db *DB) SQL() *sql.DB { return db.db }

// SchemaVersion is the newest migration this binary knows.
func SchemaVersion() int {
	names, _ := migrationNames()
	return len(names)
}

func migrationNames() ([]string, error) {
	entries, err := fs.ReadDir(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	for i, n := range names {
		if want := fmt.Sprintf("%03d_", i+1); !strings.HasPrefix(n, want) {
			return nil, fmt.Errorf("migration %s out of sequence (want prefix %s)", n, want)
		}
	}
	return names, nil
}

// migrate applies the embedded migrations newer than PRAGMA user_version,
// each in its own transaction together with the version bump. The version
// is read inside that (IMMEDIATE) transaction, so two processes starting on
// a new directory at once never apply a migration twice.
func (db *DB) migrate(ctx context.Context) error {
	names, err := migrationNames()
	if err != nil {
		return err
	}
	for {
		done, err := db.migrateOne(ctx, names)
		if err != nil || done {
			return err
		}
	}
}

// rebuildMarker opens a migration that rebuilds tables others refer to
// (SQLite's way to change a constraint: a new table, the rows copied, the
// old one dropped, the new one renamed). It runs with foreign keys off, as
// SQLite requires for that, and is checked with foreign_key_check before it
// commits.
const rebuildMarker = "-- pesanbot: rebuild\n"

// migrateOne applies the next migration, if any, on a connection of its
// own (a rebuild's foreign_keys setting must not leak into the pool).
func (db *DB) migrateOne(ctx context.Context, names []string) (done bool, err error) {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("failed to open %s: %w", db.path, classify(err))
	}
	defer conn.Close()
	// Read outside the transaction, only to know whether the next one is
	// a rebuild (foreign_keys cannot change inside a transaction); the
	// version that counts is read again inside it.
	var have int
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&have); err != nil {
		return false, fmt.Errorf("failed to read schema version of %s: %w", db.path, classify(err))
	}
	rebuild := false
	if have < len(names) {
		body, err := migrations.ReadFile("migrations/" + names[have])
		if err != nil {
			return false, err
		}
		rebuild = strings.HasPrefix(string(body), rebuildMarker)
	}
	if rebuild {
		if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return false, fmt.Errorf("failed to prepare migration: %w", classify(err))
		}
		defer func() {
			if _, ferr := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON"); ferr != nil {
				// The connection must not go back to the pool without them.
				conn.Raw(func(any) error { return driver.ErrBadConn })
				err = errors.Join(err, fmt.Errorf("failed to restore foreign keys: %w", classify(ferr)))
			}
		}()
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("failed to begin migration of %s: %w", db.path, classify(err))
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&have); err != nil {
		return false, fmt.Errorf("failed to read schema version of %s: %w", db.path, classify(err))
	}
	if have > len(names) {
		return false, fmt.Errorf("%s: schema version %d, this pesanbot knows %d: %w", db.path, have, len(names), ErrSchemaTooNew)
	}
	if have == len(names) {
		return true, nil
	}
	name := names[have]
	body, err := migrations.ReadFile("migrations/" + name)
	if err != nil {
		return false, err
	}
	if strings.HasPrefix(string(body), rebuildMarker) != rebuild {
		return false, nil // another process migrated meanwhile: look again
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return false, fmt.Errorf("failed to apply migration %s: %w", name, classify(err))
	}
	if rebuild {
		rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
		if err != nil {
			return false, fmt.Errorf("failed to check migration %s: %w", name, classify(err))
		}
		broken := rows.Next()
		rows.Close()
		if broken {
			return false, fmt.Errorf("migration %s would leave rows pointing at nothing", name)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", have+1)); err != nil {
		return false, fmt.Errorf("failed to set schema version: %w", classify(err))
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("failed to commit migration %s: %w", name, classify(err))
	}
	return false, nil
}

// ms converts a time to stored UTC milliseconds; the zero time is 0.
func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// nullMS is ms for nullable columns.
func nullMS(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// fromMS converts stored milliseconds back; 0 and NULL are the zero time.
func fromMS(v sql.NullInt64) time.Time {
	if !v.Valid || v.Int64 == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64).UTC()
}
