package bot

import (
	"sync"
	"sync/atomic"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/flows/lang"
)

// readAheads lets a customer's message be read before its turn takes the
// shop's write lock: turns run one at a time, and reading the text (the
// larger part of the pure turn) can then overlap another chat's turn and
// its fsync instead of adding to the queue. It keeps, per chat, the context
// the chat's last turn left; the turn uses the early reading only when it
// would read the text exactly so (flows.ReadAhead), so a stale entry costs
// a second reading, never a different one.
type readAheads struct {
	mu   sync.Mutex
	ctx  map[string]lang.Context
	used atomic.Int64 // turns that took their early reading (tests)
}

// maxReadAheads bounds the chats remembered; past it they start again.
const maxReadAheads = 4096

// before reads text for chat with the catalogue last cached (nil: nothing
// to read with yet).
func (r *readAheads) before(chat, text string, cat *flows.Catalog) *flows.ReadAhead {
	r.mu.Lock()
	ctx, ok := r.ctx[chat]
	r.mu.Unlock()
	if !ok || cat == nil {
		return nil
	}
	return flows.ReadBefore(text, cat, ctx)
}

// after remembers what chat's next message will be read with, once a turn
// with a's reading (nil: none) committed.
func (r *readAheads) after(chat string, a *flows.ReadAhead, ctx lang.Context) {
	if a.Used() {
		r.used.Add(1)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ctx == nil || len(r.ctx) >= maxReadAheads {
		r.ctx = map[string]lang.Context{}
	}
	r.ctx[chat] = ctx
}
