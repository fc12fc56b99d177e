package store

import (
	"context"
	"database/sql"
	"sync"
)

// maxCachedStmts bounds the statement cache. Query texts beyond it run
// unprepared, as they did before there was a cache.
const maxCachedStmts = 256

// stmtCache keeps one prepared statement per constant query text, so a
// transaction reuses the SQLite statement already prepared on its
// connection instead of preparing, running and finalizing it on every call.
//
// A statement is prepared in the background the first time its text is
// seen, and that first call runs unprepared: preparing on the *sql.DB needs
// a free connection, and waiting for one while holding the transaction's
// connection could deadlock when every connection does the same.
type stmtCache struct {
	mu     sync.Mutex
	stmts  map[string]*sql.Stmt // nil while being prepared
	closed bool
	wg     sync.WaitGroup // background preparations
}

// get returns the cached statement for query, or nil when it is not (yet)
// prepared; then the caller runs the query unprepared.
func (c *stmtCache) get(db *sql.DB, query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.stmts[query]
	if ok || c.closed || len(c.stmts) >= maxCachedStmts {
		return s
	}
	if c.stmts == nil {
		c.stmts = make(map[string]*sql.Stmt)
	}
	c.stmts[query] = nil
	c.wg.Add(1)
	go c.prepare(db, query)
	return nil
}

func (c *stmtCache) prepare(db *sql.DB, query string) {
	defer c.wg.Done()
	s, err := db.PrepareContext(context.Background(), query)
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.closed:
		if err == nil {
			s.Close()
		}
	case err != nil:
		// Try again on the next call; meanwhile the query runs unprepared
		// and reports its own error, if the error was not transient.
		delete(c.stmts, query)
	default:
		c.stmts[query] = s
	}
}

// close stops caching and returns the cached statements for the caller to
// close.
func (c *stmtCache) close() []*sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	var out []*sql.Stmt
	for _, s := range c.stmts {
		if s != nil {
			out = append(out, s)
		}
	}
	c.stmts = nil
	return out
}

// stmt returns this transaction's handle of the cached statement for query,
// or nil when there is none. database/sql reuses the statement already
// prepared on the transaction's connection (or prepares it there once); the
// handle is closed with the transaction.
func (tx *Tx) stmt(ctx context.Context, query string) *sql.Stmt {
	tx.counted(query)
	if s, ok := tx.prepared[query]; ok {
		return s
	}
	ps := tx.db.stmts.get(tx.db.db, query)
	if ps == nil {
		return nil
	}
	s := tx.tx.StmtContext(ctx, ps)
	if tx.prepared == nil {
		tx.prepared = make(map[string]*sql.Stmt)
	}
	tx.prepared[query] = s
	return s
}

// ExecContext runs a statement in the transaction through the statement
// cache. Errors are not classified; exec does that.
func (tx *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s := tx.stmt(ctx, query)
	if s == nil {
		return tx.tx.ExecContext(ctx, query, args...)
	}
	r, err := s.ExecContext(ctx, args...)
	if err != nil {
		// The handle may carry a sticky error; get a fresh one next time.
		delete(tx.prepared, query)
	}
	return r, err
}

// QueryContext runs a query in the transaction through the statement cache.
func (tx *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s := tx.stmt(ctx, query)
	if s == nil {
		return tx.tx.QueryContext(ctx, query, args...)
	}
	rows, err := s.QueryContext(ctx, args...)
	if err != nil {
		delete(tx.prepared, query)
	}
	return rows, err
}

// QueryRowContext runs a single-row query in the transaction through the
// statement cache.
func (tx *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	s := tx.stmt(ctx, query)
	if s == nil {
		return tx.tx.QueryRowContext(ctx, query, args...)
	}
	return s.QueryRowContext(ctx, args...)
}

// queryOnce runs a query whose text changes from call to call (an IN list
// of ids) without caching it.
func (tx *Tx) queryOnce(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	tx.counted(query)
	return tx.tx.QueryContext(ctx, query, args...)
}

// execOnce is exec for a statement whose text changes from call to call (a
// SET list built per call), without caching it.
func (tx *Tx) execOnce(query string, args ...any) (sql.Result, error) {
	tx.counted(query)
	r, err := tx.tx.ExecContext(tx.ctx, query, args...)
	if err != nil {
		return nil, classify(err)
	}
	return r, nil
}

// counted is called before every statement the transaction runs: it
// reports the statement to the test hook, if any, and keeps what the
// transaction holds in memory true to what the statement may read or
// change (see before).
func (tx *Tx) counted(query string) {
	tx.before(query)
	if f := tx.db.onStmt; f != nil {
		f(query)
	}
}

// query runs a read outside any transaction through the statement cache:
// the delivery loop's reads run on every reply and would otherwise be
// parsed and planned each time.
func (db *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := db.stmts.get(db.db, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return db.db.QueryContext(ctx, query, args...)
}
