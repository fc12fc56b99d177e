package store

import (
	"errors"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Sentinel errors of the store.
var (
	// ErrSchemaTooNew means shop.db was written by a newer pesanbot.
	ErrSchemaTooNew = errors.New("shop.db was written by a newer pesanbot")
	// ErrOutOfStock means a stock reservation found less stock than needed.
	ErrOutOfStock = errors.New("not enough stock")
	// ErrNotFound means the row asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrBusy means the database stayed locked past the busy timeout.
	ErrBusy = errors.New("database is busy")
	// ErrFull means the disk is full.
	ErrFull = errors.New("disk is full")
	// ErrConstraint means a value broke a CHECK, UNIQUE or foreign key rule.
	ErrConstraint = errors.New("constraint failed")
)

// classify maps SQLite error codes (never texts) to the store's sentinels,
// keeping the original error in the chain.
func classify(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return errors.Join(ErrBusy, err)
	case sqlite3.SQLITE_FULL:
		return errors.Join(ErrFull, err)
	case sqlite3.SQLITE_CONSTRAINT:
		return errors.Join(ErrConstraint, err)
	}
	return err
}
