package flows

import (
	"slices"
	"sync/atomic"

	"github.com/pesanbot/pesanbot/flows/lang"
)

// ReadAhead is a message read before its turn: the runtime reads it while
// another chat's turn holds the shop's write lock, with the catalogue it
// last saw and the context the chat's previous turn left (NextReadContext).
// Reading is a pure function of the text, the catalogue's index and the
// context, so the turn uses it only when all three are the ones it would
// read with; anything else (the catalogue changed, another turn moved the
// chat on, the turn joins several messages) reads the text again.
type ReadAhead struct {
	text string
	ix   *lang.Index
	ctx  lang.Context
	r    lang.Reading
	used atomic.Bool
}

// ReadBefore reads text ahead of its turn.
func ReadBefore(text string, c *Catalog, ctx lang.Context) *ReadAhead {
	if c == nil {
		return nil
	}
	ix := c.Index()
	return &ReadAhead{text: text, ix: ix, ctx: ctx, r: lang.Read(text, ix, ctx)}
}

// reading is the reading of text when a was read with the same index and
// context, which makes it the turn's own.
func (a *ReadAhead) reading(text string, ix *lang.Index, ctx lang.Context) (lang.Reading, bool) {
	if a == nil || a.text != text || a.ix != ix || !sameContext(a.ctx, ctx) {
		return lang.Reading{}, false
	}
	a.used.Store(true)
	return a.r, true
}

// Used reports whether a turn took this reading.
func (a *ReadAhead) Used() bool { return a != nil && a.used.Load() }

func sameContext(a, b lang.Context) bool {
	return a.Slot == b.Slot && a.Choices == b.Choices && a.Current == b.Current &&
		slices.Equal(a.Couriers, b.Couriers) && slices.Equal(a.Areas, b.Areas)
}
