package flows

import "time"

// Role is what a staff number may do.
type Role string

// Roles, from most to least powerful.
const (
	RoleOwner  Role = "owner"
	RoleCS     Role = "cs"
	RoleGudang Role = "gudang"
)

// Staff is one configured staff number with its role.
type Staff struct {
	Phone string // normalised digits, "62812…"
	Role  Role
}

// Bank is one account customers can transfer to.
type Bank struct {
	Bank   string // "BCA"
	Number string
	Holder string
}

// Payment holds how customers pay.
type Payment struct {
	Banks      []Bank
	QRIS       string        // payment.qris as written: a QRIS payload or its image file; "" when none
	UniqueCode bool          // add a 1-999 rupiah code so transfers can be told apart
	COD        bool          // cash on delivery offered
	Hold       time.Duration // how long an unpaid order holds its stock

	// QRISPayload is the shop's static QRIS (from payment.qris: the text
	// itself, or read from its image), checked at start-up; "" when none.
	// Each order's payment instructions carry a dynamic one for its total.
	QRISPayload string
}

// Rate is a flat shipping price for a province or city.
type Rate struct {
	Area    string   // "Bekasi", "Jawa Barat"
	Aliases []string // other spellings, lower case
	Price   int64
}

// Shipping holds couriers and flat rates.
type Shipping struct {
	Origin   string   // the city parcels leave from
	Couriers []string // "JNE", "J&T", …
	Rates    []Rate
	Default  int64 // used when no rate matches; 0 means "ask the admin"
	Live     LiveShipping
}

// LiveShipping is the shop's live rates provider (shop.yaml shipping.provider
// and its keys). The flows only read On, MaxOptions and DefaultGrams; the
// rest is for the runtime that builds the provider.
type LiveShipping struct {
	Provider     string        // "rajaongkir", "fixture", "" (flat rates only)
	APIKey       Secret        // the provider's key
	OriginID     string        // the provider's id of the shop's kecamatan; "" = look up Origin
	CourierCodes []string      // the provider's courier codes, parallel to Couriers when derived
	Fixture      string        // fixture file (provider fixture), resolved to a path
	Timeout      time.Duration // one lookup's limit
	DefaultGrams int           // weight of a variant without one, for live quotes
	MaxOptions   int           // couriers offered at most
	// On is set by the runtime when a provider answers: turns then look
	// prices up; off, the flat rates answer as always.
	On bool
}

// Secret is a value never printed: in logs, %v and JSON it reads "***".
type Secret string

func (Secret) String() string { return "***" }

// GoString hides the value from %#v.
func (Secret) GoString() string { return `"***"` }

// MarshalJSON hides the value from JSON.
func (Secret) MarshalJSON() ([]byte, error) { return []byte(`"***"`), nil }

// Reveal is the value itself, for the client that sends it.
func (s Secret) Reveal() string { return string(s) }

// Hours are the times a human answers, in the shop's zone.
type Hours struct {
	Open  time.Duration // since midnight
	Close time.Duration
	Days  [7]bool // indexed by time.Weekday
}

// Complaints holds the complaint promises.
type Complaints struct {
	AnswerWithin  time.Duration // promised time for a first answer
	FollowUpEvery time.Duration // interval between honest updates
	EscalateAfter int           // missed promises before the owner is told
}

// Retention is how long personal data is kept (UU PDP): closed orders are
// anonymised after OrderMonths, payment proofs deleted after ProofDays.
type Retention struct {
	OrderMonths int
	ProofDays   int
}

// Shop is the read-only configuration of the shop, from shop.yaml.
type Shop struct {
	Name       string
	Address    string
	Phone      string
	Instagram  string
	About      string
	Location   *time.Location
	Owners     []string // normalised digits
	Staff      []Staff
	Hours      Hours
	Payment    Payment
	Shipping   Shipping
	Complaints Complaints
	// HandoverCap ends a human takeover of a chat on its own after this long.
	HandoverCap time.Duration
	// QuietStart and QuietEnd bound the hours (since midnight, shop zone) in
	// which no follow-up is sent to customers; QuietStart > QuietEnd spans midnight.
	QuietStart, QuietEnd time.Duration
	// SummaryAt is when the daily owner summary goes out (since midnight,
	// shop zone); negative means off.
	SummaryAt time.Duration
	// StaleAfter is how late a customer follow-up may still be sent after
	// downtime; older ones are listed to the owner instead.
	StaleAfter  time.Duration
	Retention   Retention
	MaxQty      int               // largest quantity one order line may have
	BurstWindow time.Duration     // messages closer than this form one turn
	Texts       map[string]string // overrides of reply texts by key
	Staffing    Staffing          // when the orders a day call for more staff
	Delivery    Delivery          // after shipping: tracking, the arrival check-in, the rating
}

// Delivery is what happens after an order is shipped. A zero value does
// nothing: no check-in, no rating; polling uses the defaults below.
type Delivery struct {
	// Tracked is set by the runtime when a tracking provider follows
	// waybills: shipped orders are polled instead of checked in on.
	Tracked bool
	// PollEvery is how often a tracked parcel is checked (default 6h).
	PollEvery time.Duration
	// ExpectDays is how many days a parcel is expected to take when the
	// courier service gives no estimate (default 3).
	ExpectDays int
	// Grace is how long after the estimate a parcel is late.
	Grace time.Duration
	// MaxAge stops polling this long after shipping (default 30 days).
	MaxAge time.Duration
	// CheckinAfter asks "sudah sampai?" this long after shipping when no
	// provider tracks the parcel; 0 means no check-in.
	CheckinAfter time.Duration
	// Rating asks the buyer for a rating 1–5, RatingAfter after completion.
	Rating      bool
	RatingAfter time.Duration
}

// Delivery defaults used when a value is left zero.
const (
	DefaultPollEvery  = 6 * time.Hour
	DefaultExpectDays = 3
	DefaultTrackMax   = 30 * 24 * time.Hour
)

func (d Delivery) pollEvery() time.Duration {
	if d.PollEvery <= 0 {
		return DefaultPollEvery
	}
	return d.PollEvery
}

func (d Delivery) expectDays() int {
	if d.ExpectDays <= 0 {
		return DefaultExpectDays
	}
	return d.ExpectDays
}

func (d Delivery) maxAge() time.Duration {
	if d.MaxAge <= 0 {
		return DefaultTrackMax
	}
	return d.MaxAge
}

// RoleOf returns the role of a phone number, or "" for a customer.
func (s *Shop) RoleOf(phone string) Role {
	for _, o := range s.Owners {
		if o == phone {
			return RoleOwner
		}
	}
	for _, st := range s.Staff {
		if st.Phone == phone {
			return st.Role
		}
	}
	return ""
}
