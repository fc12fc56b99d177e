package store

import (
	"errors"
	"syscall"
)

// Sentinel errors of backup and restore.
var (
	// ErrNotDatabase means a file is not SQLite, or not a pesanbot shop.db.
	ErrNotDatabase = errors.New("not a pesanbot database")
	// ErrCorrupt means a database failed PRAGMA integrity_check.
	ErrCorrupt = errors.New("database failed its integrity check")
	// ErrSchemaMismatch means a fresh backup does not carry this binary's
	// schema version (the live database was not migrated).
	ErrSchemaMismatch = errors.New("backup has a different schema version")
)

// classifyFile is classify for file-system errors too: ENOSPC from a write
// or an fsync is ErrFull like SQLITE_FULL is.
func classifyFile(err error) error {
	if err == nil {
		return nil
	}
	err = classify(err)
	if errors.Is(err, syscall.ENOSPC) && !errors.Is(err, ErrFull) {
		return errors.Join(ErrFull, err)
	}
	return err
}
