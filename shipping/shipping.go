// Package shipping holds what the shop knows about sending parcels: live
// rates and destinations, and where a parcel is. It holds only types and
// interfaces, so the pure flows package can speak about quotes and
// tracking; the clients that reach a provider over the network live in
// subpackages and are only ever called outside a store transaction and off
// whatsmeow's event goroutine.
package shipping

import (
	"context"
	"errors"
	"time"
)

// Place is a destination the provider knows, down to kecamatan and postcode.
type Place struct {
	ID       string `json:"id"`    // the provider's destination id
	Label    string `json:"label"` // "Tambun Selatan, Bekasi, Jawa Barat 17510"
	Postcode string `json:"postcode,omitempty"`
}

// Quote is the price of one courier service to one place for one weight.
type Quote struct {
	Courier string `json:"courier"`            // code as the provider spells it: "jne", "jnt", "sicepat"
	Name    string `json:"name"`               // as the buyer reads it: "JNE"
	Service string `json:"service"`            // "REG", "YES"
	Price   int64  `json:"price"`              // rupiah
	Days    string `json:"days,omitempty"`     // the estimate as a buyer reads it: "2-3 hari"
	MaxDays int    `json:"max_days,omitempty"` // the estimate's upper bound, 0 when unknown
}

// Rater finds destinations and prices parcels.
type Rater interface {
	// Search finds destinations matching what the buyer wrote ("tambun
	// bekasi 17510"), best first. No match is an empty list, not an error.
	Search(ctx context.Context, query string) ([]Place, error)
	// Quotes prices a parcel of grams to a place for every courier the
	// shop uses, cheapest first.
	Quotes(ctx context.Context, to Place, grams int) ([]Quote, error)
}

// Status is where a parcel stands.
type Status string

// Parcel statuses.
const (
	InTransit Status = "in_transit"
	Delivered Status = "delivered"
	Returned  Status = "returned"
	Unknown   Status = "unknown" // the waybill is not (yet) known to the courier
)

// Event is one line of a waybill's history.
type Event struct {
	At   time.Time `json:"at"`
	Text string    `json:"text"`
}

// Track is a waybill's latest state.
type Track struct {
	Status Status  `json:"status"`
	Events []Event `json:"events,omitempty"` // newest first
}

// LastMove is the time of the newest event, zero when there is none.
func (t Track) LastMove() time.Time {
	if len(t.Events) == 0 {
		return time.Time{}
	}
	return t.Events[0].At
}

// Tracker follows waybills.
type Tracker interface {
	Track(ctx context.Context, courier, waybill string) (Track, error)
}

// ErrNotConfigured is returned when the shop has no provider (no key): the
// caller falls back to flat rates or to asking the buyer.
var ErrNotConfigured = errors.New("shipping: no provider configured")
