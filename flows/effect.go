package flows

import "time"

// Effect is a change a turn asks the store to make, in the same transaction
// that saves the state and the replies.
type Effect interface{ effect() }

// CreateOrder stores a new order and takes its stock. Items were checked
// against the view's stock; the store checks again and fails the whole turn
// rather than oversell.
type CreateOrder struct{ Order Order }

// SetOrderStatus moves an order. Cancelling releases its stock.
type SetOrderStatus struct {
	ID       int64
	Status   OrderStatus
	At       time.Time
	Courier  string // with StatusShipped
	Tracking string // with StatusShipped
	Reason   string // with StatusCancelled
}

// AttachProof links a stored payment-proof file to an order.
type AttachProof struct {
	OrderID int64
	Path    string
}

// CreateComplaint stores a new complaint.
type CreateComplaint struct{ Complaint Complaint }

// UpdateComplaint changes a complaint. Zero fields are left alone.
type UpdateComplaint struct {
	ID            int64
	Status        ComplaintStatus
	DueAt         time.Time
	AddFollowUp   bool
	AddMiss       bool // a promised time passed without an answer
	Note          string
	SettleAskedAt time.Time
	ClearSettle   bool
	AddPhoto      string
	AppendText    string
}

// SetPause gives a chat to a human until a time (zero time: back to the
// bot). The store plans the handover-cap check for that time with it.
type SetPause struct {
	Phone string
	Until time.Time
}

// SetStock sets a variant's stock to an absolute value.
type SetStock struct {
	VariantID int64
	Stock     int
}

// Audit records a staff action in the append-only audit log.
type Audit struct {
	Actor  string
	Action string
	Detail string
}

// Schedule asks for follow-up work at a time: a row with a kind and a subject,
// unique per (kind, subject, step), run by the scheduler.
type Schedule struct {
	Kind    string // FollowUp* constants
	Subject int64  // order or complaint id
	Step    int
	DueAt   time.Time
}

// Follow-up kinds.
const (
	FollowUpPaymentReminder = "payment_reminder"
	FollowUpPaymentExpire   = "payment_expire"
	FollowUpComplaintRemind = "complaint_remind"
	FollowUpComplaintUpdate = "complaint_update"
	FollowUpComplaintSettle = "complaint_settle"
	FollowUpHandoverCap     = "handover_cap"
	FollowUpDailySummary    = "daily_summary"
	FollowUpRetention       = "retention"
	// FollowUpShippingQuote looks live shipping prices up for a customer
	// (subject: the customer id, step: State.Ship.Seq).
	FollowUpShippingQuote = "shipping_quote"
)

func (CreateOrder) effect()     {}
func (SetOrderStatus) effect()  {}
func (AttachProof) effect()     {}
func (CreateComplaint) effect() {}
func (UpdateComplaint) effect() {}
func (SetPause) effect()        {}
func (SetStock) effect()        {}
func (Audit) effect()           {}
func (Schedule) effect()        {}

// Retain anonymises closed orders created before OrdersBefore (and erases
// customers with nothing newer) and deletes payment proofs received before
// ProofsBefore. Running it twice changes nothing more.
type Retain struct {
	OrdersBefore time.Time
	ProofsBefore time.Time
}

func (Retain) effect() {}

// ReturnOrder records that a shipped parcel came back unpaid: the order is
// cancelled with the reason, its stock goes back, and returned_at is set.
type ReturnOrder struct {
	ID     int64
	At     time.Time
	Reason string
}

func (ReturnOrder) effect() {}

// SetTracking stores what the last tracking poll found on the order.
type SetTracking struct {
	ID        int64
	Status    string    // shipping.Status
	Note      string    // the newest event's text
	At        time.Time // the newest event's time; zero when none
	CheckedAt time.Time // when the tracker was asked
}

// RateOrder records the buyer's rating (1–5) and comment on an order.
type RateOrder struct {
	ID      int64
	Rating  int
	Comment string
	At      time.Time
}

// Follow-up kinds after shipping (subject: the order).
const (
	FollowUpParcelTrack  = "parcel_track"  // poll the waybill, step n = the nth poll
	FollowUpArrivalCheck = "arrival_check" // no tracker: "sudah sampai, Kak?"
	FollowUpRatingAsk    = "rating_ask"    // "boleh minta nilai 1–5?"
)

func (SetTracking) effect() {}
func (RateOrder) effect()   {}
