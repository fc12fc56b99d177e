package config

import (
	"errors"
	"fmt"
	"strconv"
)

// Sentinel errors. Every *Error returned by this package also matches
// ErrInvalidShop or ErrInvalidCatalog, depending on the file it is about.
var (
	// ErrInvalidShop matches every problem found in a shop.yaml.
	ErrInvalidShop = errors.New("invalid shop.yaml")
	// ErrInvalidCatalog matches every problem found in a catalogue CSV.
	ErrInvalidCatalog = errors.New("invalid catalogue CSV")
	// ErrExists is returned by WriteSample when shop.yaml is already there.
	ErrExists = errors.New("shop.yaml already exists")

	// ErrUnknownKey is a shop.yaml key that pesanbot does not know (a typo).
	ErrUnknownKey = errors.New("unknown key")
	// ErrRequired is a required key or column left empty or out.
	ErrRequired = errors.New("required value missing")
	// ErrDuplicate is a value given twice where it must be unique: a key, a
	// phone number, a shipping area, a column or a (sku, variant) pair.
	ErrDuplicate = errors.New("duplicate value")
	// ErrBadValue is a value of the wrong form or out of range.
	ErrBadValue = errors.New("bad value")
	// ErrNotRegular is a shop.yaml (or a file it names) that is not a
	// regular file: a FIFO, a device or a directory.
	ErrNotRegular = errors.New("not a regular file")

	// ErrNotText is a catalogue file that is not UTF-8 text (binary, .xlsx,
	// or another encoding).
	ErrNotText = errors.New("not a UTF-8 text file")
	// ErrEmpty is an empty catalogue file.
	ErrEmpty = errors.New("empty file")
	// ErrUnknownColumn is a catalogue header column pesanbot does not know.
	ErrUnknownColumn = errors.New("unknown column")
	// ErrTooLarge is a catalogue with too many rows or a field that is too long.
	ErrTooLarge = errors.New("too large")
)

// Error is one problem in a file the owner wrote, with where it is. Its text
// is meant for the owner and is in Indonesian:
//
//	shop.yaml:12: payment.hold: "3x" bukan durasi (contoh: 24h, 90m, 3d)
//	katalog.csv:7: kolom price: "abc" bukan harga (contoh: 150000)
type Error struct {
	File   string // the name given to Parse or ReadCatalogCSV
	Line   int    // 1-based; 0 when the problem is the whole file
	Key    string // shop.yaml key path such as "payment.hold", or ""
	Column string // catalogue column name such as "price", or ""
	Msg    string // what is wrong, in plain Indonesian
	Err    error  // a sentinel: ErrUnknownKey, ErrBadValue, …
	kind   error  // ErrInvalidShop or ErrInvalidCatalog
}

// Error formats the problem as "file:line: key: message".
func (e *Error) Error() string {
	s := e.File
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
	}
	switch {
	case e.Key != "":
		s += ": " + e.Key
	case e.Column != "":
		s += ": kolom " + e.Column
	}
	return s + ": " + e.Msg
}

// Unwrap lets errors.Is match both the file kind and the specific sentinel.
func (e *Error) Unwrap() []error {
	var errs []error
	if e.kind != nil {
		errs = append(errs, e.kind)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

// shopErr builds a shop.yaml error.
func shopErr(file string, line int, key string, sentinel error, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Key: key, Msg: fmt.Sprintf(format, args...), Err: sentinel, kind: ErrInvalidShop}
}

// csvErr builds a catalogue CSV error.
func csvErr(file string, line int, column string, sentinel error, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Column: column, Msg: fmt.Sprintf(format, args...), Err: sentinel, kind: ErrInvalidCatalog}
}
