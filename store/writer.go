package store

import (
	"context"
	"database/sql"
	"errors"
)

// writer.go: the write transactions of this process run one after the
// other on one goroutine, on one connection.
//
// A mutex queued them before: with a hundred chats waiting, each commit
// woke the next waiter, and SQLite's write lock sat idle while the Go
// scheduler brought that goroutine in: a hundred chats at once got
// through fewer messages a second than one chat alone. The write goroutine
// takes the next transaction as soon as one commits; the caller it ran for
// is woken off that path. One connection keeps its page cache: SQLite
// drops a connection's whole cache when it finds the database written by
// another connection, and turns spread over the pool read their customer,
// conversation and index pages from the file again.

// writeJob is one write transaction waiting for the write goroutine.
type writeJob struct {
	ctx  context.Context
	fn   func(*Tx) error
	done chan writeResult // buffered: the write goroutine never waits
}

// writeResult is how a write transaction ended: its error, or the value it
// panicked with, which the caller panics with again.
type writeResult struct {
	err      error
	panicked bool
	panic    any
}

// errClosed is returned by a write after Close.
var errClosed = errors.New("shop database is closed")

// startWriter starts the write goroutine.
func (db *DB) startWriter() {
	db.writes = make(chan writeJob)
	db.stopWrites = make(chan struct{})
	db.writerDone = make(chan struct{})
	go db.writeLoop()
}

func (db *DB) writeLoop() {
	defer close(db.writerDone)
	for {
		select {
		case j := <-db.writes:
			j.done <- db.runWrite(j)
		case <-db.stopWrites:
			if db.writer != nil {
				db.writer.Close() // back to the pool, which closes it
				db.writer = nil
			}
			return
		}
	}
}

// runWrite runs one job on the write goroutine, a panic included.
func (db *DB) runWrite(j writeJob) (r writeResult) {
	defer func() {
		if p := recover(); p != nil {
			r = writeResult{panicked: true, panic: p}
		}
	}()
	if err := j.ctx.Err(); err != nil {
		return writeResult{err: err}
	}
	return writeResult{err: db.runTx(j.ctx, false, j.fn)}
}

// write runs fn as a write transaction on the write goroutine and waits
// for it.
func (db *DB) write(ctx context.Context, fn func(*Tx) error) error {
	j := writeJob{ctx: ctx, fn: fn, done: make(chan writeResult, 1)}
	select {
	case db.writes <- j:
	case <-db.writerDone:
		return errClosed
	}
	r := <-j.done
	if r.panicked {
		panic(r.panic)
	}
	return r.err
}

// stopWriter ends the write goroutine once the transaction it runs, if
// any, is over; writes after it fail.
func (db *DB) stopWriter() {
	if db.stopWrites == nil {
		return
	}
	db.stopOnce.Do(func() { close(db.stopWrites) })
	<-db.writerDone
}

// beginWrite begins a write transaction on the writer connection (see
// DB.writer), taking it from the pool at the first write. Only the write
// goroutine calls it.
func (db *DB) beginWrite(ctx context.Context) (*sql.Tx, error) {
	if db.writer == nil {
		c, err := db.db.Conn(ctx)
		if err != nil {
			return nil, err
		}
		db.writer = c
	}
	return db.writer.BeginTx(ctx, nil)
}
