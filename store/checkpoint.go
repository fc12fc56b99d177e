package store

import (
	"context"
	"sync"
	"sync/atomic"
)

// checkpoint.go: shop.db's WAL is copied back into the database by a
// goroutine of its own, never by the commit of a customer's message. With
// SQLite's automatic checkpoint (off in ShopDSN) the commit that crosses
// 1000 WAL pages copies them all and syncs the file before it returns:
// every eighty-odd messages one customer waited several milliseconds
// more. A PASSIVE checkpoint runs beside the writer; the next write
// transaction after it restarts the WAL from its beginning, so the file
// stays small.

// checkpointEvery is how many write transactions commit between two
// background checkpoints (a turn writes about a dozen pages: roughly
// SQLite's own 1000-page threshold).
const checkpointEvery = 64

// checkpointer runs the background checkpoints of one DB.
type checkpointer struct {
	commits atomic.Int64
	kick    chan struct{}
	stop    chan struct{}
	done    chan struct{}
	stopped sync.Once
	// ran, when set (tests), is told after each checkpoint with its error.
	ran func(error)
}

// start starts the checkpoint goroutine.
func (c *checkpointer) start(db *DB) {
	c.kick, c.stop, c.done = make(chan struct{}, 1), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(c.done)
		for {
			select {
			case <-c.stop:
				return
			case <-c.kick:
				_, err := db.db.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`)
				if c.ran != nil {
					c.ran(err)
				}
				// A failed checkpoint (the database closing, a busy
				// file) is simply tried again checkpointEvery commits on.
			}
		}
	}()
}

// committed counts a committed write transaction and, every
// checkpointEvery of them, wakes the checkpoint goroutine (without
// waiting for it).
func (c *checkpointer) committed() {
	if c.kick == nil || c.commits.Add(1)%checkpointEvery != 0 {
		return
	}
	c.soon()
}

// soon wakes the checkpoint goroutine unless it is already due. Open
// calls it once: a run that was killed (or lost power) left its WAL
// behind, and this run may not commit checkpointEvery times before it
// ends in turn; without it, each start would recover a WAL grown by every
// run before it.
func (c *checkpointer) soon() {
	select {
	case c.kick <- struct{}{}:
	default: // one is running or due already
	}
}

// close stops the goroutine (once); the last connection to close
// checkpoints what is left.
func (c *checkpointer) close() {
	if c.stop == nil {
		return
	}
	c.stopped.Do(func() { close(c.stop) })
	<-c.done
}
