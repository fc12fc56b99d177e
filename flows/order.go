package flows

import (
	"strings"
	"time"
)

// OrderStatus is where an order stands. The values are a contract (JSON, CLI).
type OrderStatus string

// Order statuses.
const (
	StatusAwaitingPayment      OrderStatus = "awaiting_payment"
	StatusAwaitingVerification OrderStatus = "awaiting_verification"
	StatusPaid                 OrderStatus = "paid"
	StatusShipped              OrderStatus = "shipped"
	StatusCompleted            OrderStatus = "completed"
	StatusCancelled            OrderStatus = "cancelled"
)

// Valid reports whether s is a known status.
func (s OrderStatus) Valid() bool {
	switch s {
	case StatusAwaitingPayment, StatusAwaitingVerification, StatusPaid, StatusShipped, StatusCompleted, StatusCancelled:
		return true
	}
	return false
}

// Open reports whether the order still needs work from someone.
func (s OrderStatus) Open() bool {
	return s != StatusCompleted && s != StatusCancelled
}

// Unpaid reports whether the order still holds stock without payment.
func (s OrderStatus) Unpaid() bool {
	return s == StatusAwaitingPayment || s == StatusAwaitingVerification
}

// OrderStatuses lists every order status in the order an order moves.
var OrderStatuses = []OrderStatus{StatusAwaitingPayment, StatusAwaitingVerification, StatusPaid,
	StatusShipped, StatusCompleted, StatusCancelled}

// Label is the status in the owner's words, for everything staff read:
// command answers, the dashboard, the CLI tables, exports. (Customers get
// StatusText.) JSON keeps the English values.
func (s OrderStatus) Label() string {
	switch s {
	case StatusAwaitingPayment:
		return "belum bayar"
	case StatusAwaitingVerification:
		return "cek bukti"
	case StatusPaid:
		return "lunas"
	case StatusShipped:
		return "dikirim"
	case StatusCompleted:
		return "selesai"
	case StatusCancelled:
		return "batal"
	}
	return string(s)
}

// orderStatusWords are the other words staff may type for a status.
var orderStatusWords = map[string]OrderStatus{
	"bayar": StatusAwaitingPayment, "belum": StatusAwaitingPayment, "unpaid": StatusAwaitingPayment,
	"cek": StatusAwaitingVerification, "bukti": StatusAwaitingVerification, "verifikasi": StatusAwaitingVerification,
	"dikemas": StatusPaid, "kirim": StatusShipped, "dibatalkan": StatusCancelled, "canceled": StatusCancelled,
}

// ParseOrderStatus reads a status as staff type it: its label ("belum
// bayar", "belum-bayar"), a short word ("bayar", "cek", "kirim") or the
// English value ("awaiting_payment"), in any case.
func ParseOrderStatus(s string) (OrderStatus, bool) {
	w := statusKey(s)
	for _, st := range OrderStatuses {
		if w == statusKey(string(st)) || w == statusKey(st.Label()) {
			return st, true
		}
	}
	st, ok := orderStatusWords[w]
	return st, ok
}

// statusKey folds case and the separators of "belum bayar", "belum-bayar"
// and "awaiting_payment".
func statusKey(s string) string {
	return statusSeparators.Replace(strings.ToLower(strings.TrimSpace(s)))
}

var statusSeparators = strings.NewReplacer(" ", "", "-", "", "_", "")

// OrderLine is one product variant in an order, priced when ordered.
type OrderLine struct {
	VariantID int64
	SKU       string
	Name      string
	Variant   string
	Qty       int
	Price     int64
	Weight    int // grams per unit
}

// Order is a confirmed order.
type Order struct {
	ID            int64
	Status        OrderStatus
	CustomerID    int64
	CustomerPhone string // the WhatsApp number that ordered
	CustomerName  string // the recipient's name
	Phone         string // the recipient's phone
	Address       string
	Region        string // the shipping area the address matched
	Courier       string
	ShippingETA   string // the live estimate of the chosen service ("2-3 hari"); "" with flat rates
	Payment       PaymentMethod
	Items         []OrderLine
	Subtotal      int64
	Shipping      int64
	UniqueCode    int64
	Total         int64
	CreatedAt     time.Time
	HoldUntil     time.Time
	PaidAt        time.Time
	ShippedAt     time.Time
	CompletedAt   time.Time
	CancelledAt   time.Time
	Tracking      string
	CancelReason  string
	Proofs        []string  // stored payment-proof files
	ReturnedAt    time.Time // a shipped parcel came back unpaid (/retur); the order is cancelled
	// Where the parcel stands, as the last tracking poll found it.
	TrackStatus  string    // shipping.Status: in_transit, delivered, returned, unknown; "" when never polled
	TrackNote    string    // the newest event's text ("Paket tiba di Hub Bekasi")
	TrackAt      time.Time // the newest event's time
	TrackChecked time.Time // when the tracker was last asked
	// The buyer's rating after delivery: 1–5, 0 when none.
	Rating        int
	RatingComment string
	RatedAt       time.Time
}

// PaymentMethod is how the buyer pays an order. The values are a contract.
type PaymentMethod string

// Payment methods.
const (
	PayTransfer PaymentMethod = "transfer"
	PayQRIS     PaymentMethod = "qris"
	PayCOD      PaymentMethod = "cod"
)

// OrDefault is the method, a bank transfer when none was chosen.
func (p PaymentMethod) OrDefault() PaymentMethod {
	if p == "" {
		return PayTransfer
	}
	return p
}

// ComplaintStatus is where a complaint stands. The values are a contract.
type ComplaintStatus string

// Complaint statuses.
const (
	ComplaintOpen     ComplaintStatus = "open"
	ComplaintAnswered ComplaintStatus = "answered"
	ComplaintResolved ComplaintStatus = "resolved"
)

// Valid reports whether s is a known complaint status.
func (s ComplaintStatus) Valid() bool {
	return s == ComplaintOpen || s == ComplaintAnswered || s == ComplaintResolved
}

// ComplaintStatuses lists every complaint status.
var ComplaintStatuses = []ComplaintStatus{ComplaintOpen, ComplaintAnswered, ComplaintResolved}

// Label is the complaint status in the owner's words (JSON keeps the
// English values).
func (s ComplaintStatus) Label() string {
	switch s {
	case ComplaintOpen:
		return "terbuka"
	case ComplaintAnswered:
		return "dijawab"
	case ComplaintResolved:
		return "selesai"
	}
	return string(s)
}

// ParseComplaintStatus reads a complaint status as staff type it: its
// label ("terbuka") or the English value ("open"), in any case.
func ParseComplaintStatus(s string) (ComplaintStatus, bool) {
	w := statusKey(s)
	for _, st := range ComplaintStatuses {
		if w == statusKey(string(st)) || w == statusKey(st.Label()) {
			return st, true
		}
	}
	return "", false
}

// ComplaintCategory is what a complaint is about. The values are a contract.
type ComplaintCategory string

// Complaint categories.
const (
	CategoryLate      ComplaintCategory = "late"
	CategoryWrongItem ComplaintCategory = "wrong_item"
	CategoryDamaged   ComplaintCategory = "damaged"
	CategoryOther     ComplaintCategory = "other"
)

// Label is the category in the owner's words (JSON keeps the English
// values).
func (c ComplaintCategory) Label() string {
	switch c {
	case CategoryLate:
		return "terlambat"
	case CategoryWrongItem:
		return "salah kirim"
	case CategoryDamaged:
		return "rusak"
	}
	return "lainnya"
}

// Complaint is a customer's ticket.
type Complaint struct {
	ID            int64
	Status        ComplaintStatus
	Category      ComplaintCategory
	OrderID       int64 // 0 when not linked to an order
	CustomerID    int64
	CustomerPhone string
	CustomerName  string // the linked order's recipient, else the WhatsApp name
	Description   string
	Photos        []string
	CreatedAt     time.Time
	DueAt         time.Time // the promised answer time
	FollowUps     int
	Misses        int       // promised times passed without an answer
	Note          string    // the closing note
	SettleAskedAt time.Time // when the customer was asked whether it is settled
	ResolvedAt    time.Time // when staff closed it
}

// Customer is someone who wrote to the shop.
type Customer struct {
	ID          int64
	Phone       string // digits, "" when only the LID is known
	LID         string
	PushName    string
	PausedUntil time.Time // a human has the chat until then
}

// Chat is the customer's address for replies: phone digits, or
// LIDChatPrefix and the LID user when only the LID is known (store.ChatKey
// reads it).
func (c Customer) Chat() string {
	if c.Phone != "" {
		return c.Phone
	}
	return LIDChatPrefix + c.LID
}

// LIDChatPrefix marks the address of a chat known only by its LID.
const LIDChatPrefix = "lid:"
