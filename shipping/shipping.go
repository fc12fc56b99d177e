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
	"strings"
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

// courierCodes maps a courier as shops write it to its code at the
// providers ("J&T" → "jnt").
var courierCodes = map[string]string{
	"jne": "jne", "j&t": "jnt", "jnt": "jnt", "j&t express": "jnt", "sicepat": "sicepat", "si cepat": "sicepat",
	"anteraja": "anteraja", "anter aja": "anteraja", "pos": "pos", "pos indonesia": "pos", "ninja": "ninja",
	"ninja xpress": "ninja", "ninja express": "ninja", "lion": "lion", "lion parcel": "lion", "tiki": "tiki",
	"id express": "ide", "idexpress": "ide", "ide": "ide", "sap": "sap", "sap express": "sap", "wahana": "wahana",
	"jnt cargo": "jtl", "j&t cargo": "jtl", "rpx": "rpx", "ncs": "ncs", "sentral cargo": "sentral",
}

// CourierCode is the provider code of a courier as the shop writes it
// ("J&T" → "jnt"), or "" when it is not one the providers know.
func CourierCode(name string) string {
	return courierCodes[strings.Join(strings.Fields(strings.ToLower(name)), " ")]
}

// OrderCourierCode is the provider code of the courier an order records:
// the courier alone ("J&T") or a live choice with its service ("JNE REG",
// "J&T Cargo EZ"), read as the longest run of first words that names a
// courier. "" when none does.
func OrderCourierCode(courier string) string {
	words := strings.Fields(courier)
	for n := len(words); n > 0; n-- {
		if code := CourierCode(strings.Join(words[:n], " ")); code != "" {
			return code
		}
	}
	return ""
}
