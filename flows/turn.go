package flows

import (
	"time"

	"github.com/pesanbot/pesanbot/shipping"
)

// Step ids are stored in the conversation state; never rename one without a
// migration of the stored states.
const (
	StepIdle          = ""
	StepPickProduct   = "pick_product"   // "yang mana kak?" between several products
	StepPickVariant   = "pick_variant"   // product known, variant unclear
	StepAskQty        = "ask_qty"        // product and variant known, quantity missing
	StepCart          = "cart"           // items in the cart, more may come
	StepAskName       = "ask_name"       // collecting delivery details, one at a time
	StepAskAddress    = "ask_address"    //
	StepAskPhone      = "ask_phone"      //
	StepAskCourier    = "ask_courier"    //
	StepConfirm       = "confirm"        // summary shown, waiting for "ya"
	StepCancelOrder   = "cancel_order"   // which order to cancel / confirm cancel
	StepComplaintPick = "complaint_pick" // which order the complaint is about
	StepComplaintDesc = "complaint_desc" // waiting for what happened
	StepWaitShipping  = "wait_shipping"  // a live shipping lookup is under way
	StepPickShipping  = "pick_shipping"  // couriers with prices offered as a numbered list
	StepPickPlace     = "pick_place"     // several destinations found: which one
)

// CartItem is one line of a cart being built.
type CartItem struct {
	SKU     string `json:"sku"`
	Variant string `json:"variant"`
	Qty     int    `json:"qty"`
}

// Details are the delivery details collected for an order.
type Details struct {
	Name    string `json:"name,omitempty"`
	Phone   string `json:"phone,omitempty"`
	Address string `json:"address,omitempty"`
	Courier string `json:"courier,omitempty"`
	Payment string `json:"payment,omitempty"` // "cod" or "qris" when chosen; transfer otherwise
	// Ship is the courier service the buyer chose from live prices, for
	// the address and weight it was priced for.
	Ship *ShipChoice `json:"ship,omitempty"`
}

// ShipChoice is a live price the buyer chose. It holds only while the
// address and the cart's weight are the ones it was priced for.
type ShipChoice struct {
	Courier string `json:"courier"` // as the shop writes it: "JNE"
	Service string `json:"service"` // "REG"
	Price   int64  `json:"price"`
	Days    string `json:"days,omitempty"`
	Place   string `json:"place,omitempty"` // the destination's label
	Address string `json:"address"`         // the address it was priced for
	Grams   int    `json:"grams"`           // the weight, rounded up to whole kg
}

// ShipLookup is a live shipping lookup: what the follow-up asks the
// provider, and what it offered the buyer.
type ShipLookup struct {
	Seq     int              `json:"seq"`               // the follow-up's step: an older one is stale
	Ask     bool             `json:"ask,omitempty"`     // a question ("ongkir ke bekasi?"), not an order
	Query   string           `json:"query"`             // the words searched
	Address string           `json:"address,omitempty"` // the order's address being priced
	Grams   int              `json:"grams"`
	PlaceID string           `json:"place_id,omitempty"` // a destination the buyer picked: price only
	Place   string           `json:"place,omitempty"`    // its label
	Places  []shipping.Place `json:"places,omitempty"`   // destinations offered
	Options []shipping.Quote `json:"options,omitempty"`  // services offered, cheapest first
	Failed  bool             `json:"failed,omitempty"`   // no live price for Address: flat rates
}

// Missing returns the step that asks for the first missing detail, or "".
func (d Details) Missing() string {
	switch {
	case d.Name == "":
		return StepAskName
	case d.Address == "":
		return StepAskAddress
	case d.Phone == "":
		return StepAskPhone
	case d.Courier == "":
		return StepAskCourier
	}
	return ""
}

// ComplaintDraft is a complaint being taken down.
type ComplaintDraft struct {
	ID       int64             `json:"id,omitempty"` // set once the complaint is stored
	Category ComplaintCategory `json:"category"`
	OrderID  int64             `json:"order_id,omitempty"`
	Text     string            `json:"text,omitempty"`
	Angry    bool              `json:"angry,omitempty"`
}

// State is one chat's conversation state. It is stored as JSON between turns,
// so a restart resumes the conversation where it was; fields at their zero
// value (times and details too: omitzero) are left out of it.
type State struct {
	Step       string          `json:"step,omitempty"`
	Product    string          `json:"product,omitempty"` // SKU under discussion
	Variant    string          `json:"variant,omitempty"` // variant chosen, quantity pending
	PendingQty int             `json:"pending_qty,omitempty"`
	Choices    []string        `json:"choices,omitempty"` // SKUs or variant names offered as a numbered list
	Hint       string          `json:"hint,omitempty"`    // the words that led to a "yang mana" (colour, size)
	Cart       []CartItem      `json:"cart,omitempty"`
	Queue      []PendingItem   `json:"queue,omitempty"`     // items waiting for "yang mana?", the first one asked
	AddrAsks   int             `json:"addr_asks,omitempty"` // times the rest of an address was asked
	Shown      int64           `json:"shown,omitempty"`     // the total the last summary showed: what "ya" agrees to
	Code       int64           `json:"code,omitempty"`      // the unique code the summary reserved for this order
	Details    Details         `json:"details,omitzero"`
	Last       Details         `json:"last,omitzero"` // the previous order's details, offered again
	Complaint  *ComplaintDraft `json:"complaint,omitempty"`
	CancelID   int64           `json:"cancel_id,omitempty"`
	LastSeen   time.Time       `json:"last_seen,omitzero"`  // the first turn of the day the customer last wrote
	Unknowns   int             `json:"unknowns,omitempty"`  // unrecognised turns in a row
	MediaNote  time.Time       `json:"media_note,omitzero"` // last "please send text" answer
	Privacy    bool            `json:"privacy,omitempty"`   // privacy note shown
	Waiting    time.Time       `json:"waiting,omitzero"`    // first message unanswered while a human has the chat
	// CODShown: the summary shown states the COD terms and asks for a
	// "ya" to them; only that "ya" places a COD order.
	CODShown    bool         `json:"cod_shown,omitempty"`
	CODAsks     int          `json:"cod_asks,omitempty"`      // vague answers to the COD question
	CODAddrAsks int          `json:"cod_addr_asks,omitempty"` // times a missing COD address part was asked
	Ship        *ShipLookup  `json:"ship,omitempty"`          // the live shipping lookup of this chat
	Ask         *DeliveryAsk `json:"delivery_ask,omitempty"`  // "sudah sampai?" or "nilai 1–5?" asked about an order
}

// MediaKind says what a non-text message carried.
type MediaKind string

// Media kinds.
const (
	MediaImage    MediaKind = "image"
	MediaSticker  MediaKind = "sticker"
	MediaAudio    MediaKind = "audio"
	MediaVideo    MediaKind = "video"
	MediaDocument MediaKind = "document"
	MediaLocation MediaKind = "location"
	MediaContact  MediaKind = "contact"
	MediaReaction MediaKind = "reaction"
	// MediaEdit is an edited message; its new text is in the turn's text.
	MediaEdit MediaKind = "edit"
	// MediaRevoke is a message the customer deleted for everyone.
	MediaRevoke MediaKind = "revoke"
)

// Media is one attachment of a turn.
type Media struct {
	Kind MediaKind
	Path string // stored file, relative to the data directory; "" when not stored
}

// Input is one turn: every message of a burst, joined.
type Input struct {
	Customer Customer
	Text     string  // the messages' text, joined by newlines
	Media    []Media // attachments, in order
	At       time.Time
	Late     bool // answered long after it was sent (after downtime)
	// Products and Carts are what messages from the shop's WhatsApp
	// catalogue carried: a product sent from it, a cart ordered from it.
	Products []ProductRef
	Carts    []CartRef
}

// Reply is a message to send. To is the recipient's phone digits; "" means
// the customer of this turn.
type Reply struct {
	To    string
	Text  string
	Image string // path of an image to attach, "" for none
}

// Result is what a turn produces.
type Result struct {
	State   State
	Replies []Reply
	Effects []Effect
}

// View is the read-only view of the shop a turn may consult. The caller
// backs it with the same transaction that applies the effects, so what a
// turn reads cannot change before its effects are written.
type View interface {
	Catalog() *Catalog
	Order(id int64) (*Order, bool)
	CustomerOrders(customerID int64) []Order // newest first
	Complaint(id int64) (*Complaint, bool)
	CustomerComplaints(customerID int64) []Complaint // newest first
	Orders(status OrderStatus) []Order               // "" = all open, oldest first
	Complaints(status ComplaintStatus) []Complaint   // "" = open and answered, oldest first
	CustomerByPhone(phone string) (*Customer, bool)
	CustomerByID(id int64) (*Customer, bool)
	NextOrderID() int64
	// FreeCode returns want when no open unpaid order and no other
	// customer's summary holds it, else the free code nearest after it,
	// else 0 when every code is taken: a new summary takes a free one.
	FreeCode(want, customerID int64) int64
	NextComplaintID() int64
	Summary(from, to time.Time) Summary
}

// Summary holds the owner's numbers for a period. The JSON names are a contract.
type Summary struct {
	From              time.Time      `json:"from"`
	To                time.Time      `json:"to"`
	Orders            int            `json:"orders"`
	Revenue           int64          `json:"revenue"`
	ByStatus          map[string]int `json:"by_status"`
	OpenComplaints    int            `json:"open_complaints"`
	OverdueComplaints int            `json:"overdue_complaints"`
	TopProducts       []NamedCount   `json:"top_products"`
	BusiestHours      []HourCount    `json:"busiest_hours"`
	TopRegions        []NamedCount   `json:"top_regions"`
	Unpaid            int            `json:"unpaid"`
	ToShip            int            `json:"to_ship"`
	Workload
	// CSAT is the buyers' ratings given in the period.
	CSAT CSAT `json:"csat"`
}

// CSAT is how many orders were rated and their average (1–5; 0 when none).
type CSAT struct {
	Count   int     `json:"count"`
	Average float64 `json:"average"`
}

// NamedCount is a name with a count (products, regions).
type NamedCount struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// HourCount is an hour of the day (shop zone) with a message count.
type HourCount struct {
	Hour  int `json:"hour"`
	Count int `json:"count"`
}
