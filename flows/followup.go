package flows

import (
	"github.com/pesanbot/pesanbot/flows/lang"
	"github.com/pesanbot/pesanbot/shipping"

	"fmt"
	"strings"
	"time"
)

// FollowUp is one due row of the schedule: a kind of work about a subject
// (an order, a complaint, a customer, a day) at a step.
type FollowUp struct {
	Kind    string
	Subject int64
	Step    int
	DueAt   time.Time
	Attempt int
	// Fetched is what the runtime looked up for this row over the network
	// before the transaction opened; nil for kinds that need nothing.
	Fetched *Fetched
}

// Fetched is the result of a follow-up's network lookup. Err set means the
// lookup failed (timeout, provider error, no key): the flow falls back
// (flat rates, no tracking news) without the buyer seeing an error.
type Fetched struct {
	Places []shipping.Place
	Quotes []shipping.Quote
	Track  *shipping.Track
	Err    error
}

// FollowUpResult is what running a follow-up produces. Every reply has To
// set. Note is stored with the row ("sent", "skipped: paid", …).
type FollowUpResult struct {
	Replies []Reply
	Effects []Effect
	Note    string
	// State, when not nil, is the customer's new conversation state.
	State *State
	// StateCustomer is whose state State is: 0 means the row's subject
	// (handover), else the customer of the order the row is about.
	StateCustomer int64
}

// NeedsState reports whether a kind of follow-up reads and may change the
// subject customer's conversation state.
func NeedsState(kind string) bool {
	return kind == FollowUpHandoverCap || kind == FollowUpShippingQuote
}

// Immediate reports whether a kind of follow-up answers the buyer's own
// message: it runs at once, even in the quiet hours.
func Immediate(kind string) bool { return kind == FollowUpShippingQuote }

// CustomerFacing reports whether a kind of follow-up may message a customer:
// those wait out the quiet hours and are not sent late after downtime.
func CustomerFacing(kind string) bool {
	switch kind {
	case FollowUpPaymentReminder, FollowUpPaymentExpire, FollowUpComplaintUpdate, FollowUpHandoverCap:
		return true
	case FollowUpArrivalCheck, FollowUpRatingAsk:
		return true
	}
	return false
}

// RunFollowUp does one follow-up at now. It reads the subject again through
// the view (the row may be stale: the order paid, the complaint answered)
// and does nothing when the work is no longer needed. st is the customer's
// conversation state for handover and shipping-quote follow-ups (NeedsState)
// and nil otherwise.
func RunFollowUp(shop *Shop, fu FollowUp, now time.Time, v View, st *State) FollowUpResult {
	f := &followUp{shop: shop, fu: fu, now: now, v: v}
	switch fu.Kind {
	case FollowUpPaymentReminder:
		f.paymentReminder()
	case FollowUpPaymentExpire:
		f.paymentExpire()
	case FollowUpComplaintRemind:
		f.complaintRemind()
	case FollowUpComplaintUpdate:
		f.complaintUpdate()
	case FollowUpComplaintSettle:
		f.complaintSettle()
	case FollowUpHandoverCap:
		f.handoverCap(st)
	case FollowUpDailySummary:
		f.dailySummary()
	case FollowUpShippingQuote:
		f.shippingQuote(st)
	case FollowUpRetention:
		r := shop.Retention
		f.effect(Retain{OrdersBefore: now.AddDate(0, -r.OrderMonths, 0), ProofsBefore: now.AddDate(0, 0, -r.ProofDays)})
	case FollowUpParcelTrack:
		f.parcelTrack()
	case FollowUpArrivalCheck:
		f.arrivalCheck(st)
	case FollowUpRatingAsk:
		f.ratingAsk(st)
	default:
		f.res.Note = "skipped: unknown kind"
	}
	if f.res.Note == "" {
		f.res.Note = "done"
	}
	return f.res
}

type followUp struct {
	shop *Shop
	fu   FollowUp
	now  time.Time
	v    View
	res  FollowUpResult
}

func (f *followUp) tell(to, key string, kv ...string) {
	if to == "" {
		return
	}
	f.res.Replies = append(f.res.Replies, Reply{To: to, Text: f.shop.Text(key, kv...)})
}

func (f *followUp) staff(key string, kv ...string) {
	f.res.Replies = append(f.res.Replies, staffReplies(f.shop, f.shop.Text(key, kv...), "")...)
}

func (f *followUp) owners(key string, kv ...string) {
	for _, o := range f.shop.Owners {
		f.tell(o, key, kv...)
	}
}

func (f *followUp) effect(e Effect) { f.res.Effects = append(f.res.Effects, e) }

func (f *followUp) skip(why string) { f.res.Note = "skipped: " + why }

func (f *followUp) chatOf(customerID int64, phone string) string {
	if c, ok := f.v.CustomerByID(customerID); ok {
		return c.Chat()
	}
	return phone
}

// paymentReminder reminds a customer before the stock hold ends; an order
// whose proof waits for checking reminds the staff instead.
func (f *followUp) paymentReminder() {
	o, ok := f.v.Order(f.fu.Subject)
	if !ok {
		f.skip("no order")
		return
	}
	switch o.Status {
	case StatusAwaitingPayment:
		f.tell(f.chatOf(o.CustomerID, o.CustomerPhone), "pay_reminder", "id", itoa(o.ID), "total", lang.FormatRupiah(o.Total),
			"banks", f.shop.banks(), "deadline", f.shop.When(f.now, o.HoldUntil))
		f.res.Note = "sent"
	case StatusAwaitingVerification:
		f.staff("staff_verify_reminder", "id", itoa(o.ID), "total", lang.FormatRupiah(o.Total))
		f.res.Note = "staff reminded"
	default:
		f.skip(string(o.Status))
		return
	}
	// The hold's end, planned now that the order is known to be unpaid
	// (even when the reminder runs late: a lapsed hold ends at once).
	f.effect(Schedule{Kind: FollowUpPaymentExpire, Subject: o.ID, DueAt: o.HoldUntil})
}

// paymentExpire ends the stock hold of an unpaid order. An order with a
// proof waiting is never cancelled by time: staff are reminded instead.
func (f *followUp) paymentExpire() {
	o, ok := f.v.Order(f.fu.Subject)
	if !ok {
		f.skip("no order")
		return
	}
	switch o.Status {
	case StatusAwaitingPayment:
		f.effect(SetOrderStatus{ID: o.ID, Status: StatusCancelled, At: f.now, Reason: "batas waktu pembayaran habis"})
		f.tell(f.chatOf(o.CustomerID, o.CustomerPhone), "pay_expired", "id", itoa(o.ID))
		f.staff("staff_expired", "id", itoa(o.ID), "name", lang.Clean(o.CustomerName, 60))
		f.res.Note = "cancelled"
	case StatusAwaitingVerification:
		// Never cancelled by time; staff are reminded once per interval
		// until someone checks the transfer.
		f.staff("staff_verify_reminder", "id", itoa(o.ID), "total", lang.FormatRupiah(o.Total))
		f.effect(Schedule{Kind: FollowUpPaymentExpire, Subject: o.ID, Step: f.fu.Step + 1, DueAt: f.now.Add(f.shop.Complaints.FollowUpEvery)})
		f.res.Note = "staff reminded"
	default:
		f.skip(string(o.Status))
	}
}

// complaintRemind warns staff before a promised time passes unanswered.
func (f *followUp) complaintRemind() {
	c, ok := f.v.Complaint(f.fu.Subject)
	if !ok || c.Status != ComplaintOpen {
		f.skip("answered or closed")
		return
	}
	if c.DueAt.Sub(f.now) > f.shop.Complaints.AnswerWithin/2 {
		f.skip("promise moved")
		return
	}
	f.staff("staff_complaint_remind", "id", itoa(c.ID), "name", lang.Clean(c.CustomerName, 60), "due", f.shop.When(f.now, c.DueAt))
	f.res.Note = "staff reminded"
}

// complaintUpdate keeps the promise: at the promised time an unanswered
// complaint gets an honest update and a new promise, and after the
// configured number of misses the owner gets the customer's own words.
func (f *followUp) complaintUpdate() {
	c, ok := f.v.Complaint(f.fu.Subject)
	if !ok || c.Status == ComplaintResolved {
		f.skip("closed")
		return
	}
	if c.DueAt.After(f.now) {
		// The promise was moved (reopened with a new one): that row keeps it.
		f.skip("promise moved")
		return
	}
	every := f.shop.Complaints.FollowUpEvery
	next := f.shop.Promise(f.now, every)
	f.effect(Schedule{Kind: FollowUpComplaintUpdate, Subject: c.ID, Step: f.fu.Step + 1, DueAt: next})
	if c.Status == ComplaintAnswered {
		// Staff answered; the customer has heard from a human. Ask staff to close it.
		f.staff("staff_complaint_close", "id", itoa(c.ID), "name", lang.Clean(c.CustomerName, 60))
		f.effect(UpdateComplaint{ID: c.ID, DueAt: next})
		f.res.Note = "staff asked to close"
		return
	}
	f.effect(UpdateComplaint{ID: c.ID, DueAt: next, AddFollowUp: true, AddMiss: true})
	f.effect(Schedule{Kind: FollowUpComplaintRemind, Subject: c.ID, Step: f.fu.Step + 1, DueAt: next.Add(-every / 4)})
	f.tell(f.chatOf(c.CustomerID, c.CustomerPhone), "complaint_update", "id", itoa(c.ID), "due", f.shop.When(f.now, next))
	f.staff("staff_complaint_missed", "id", itoa(c.ID), "name", lang.Clean(c.CustomerName, 60), "due", f.shop.When(f.now, next))
	if c.Misses+1 == f.shop.Complaints.EscalateAfter {
		f.owners("owner_escalate", "id", itoa(c.ID), "name", lang.Clean(c.CustomerName, 60), "phone", c.CustomerPhone,
			"misses", itoa(int64(c.Misses+1)), "text", lang.Clean(c.Description, 500))
	}
	f.res.Note = "customer updated"
}

// complaintSettle closes the question "sudah beres?" after a day of silence.
func (f *followUp) complaintSettle() {
	c, ok := f.v.Complaint(f.fu.Subject)
	if !ok || c.SettleAskedAt.IsZero() {
		f.skip("answered")
		return
	}
	f.effect(UpdateComplaint{ID: c.ID, ClearSettle: true})
	f.res.Note = "closed without answer"
}

// handoverCap wakes the bot in a chat a human held past the cap, and warns
// staff when the customer has been waiting.
func (f *followUp) handoverCap(st *State) {
	c, ok := f.v.CustomerByID(f.fu.Subject)
	if !ok {
		f.skip("no customer")
		return
	}
	if c.PausedUntil.After(f.now) {
		// Extended by a human reply or /ambil: check again then.
		f.effect(Schedule{Kind: FollowUpHandoverCap, Subject: c.ID, Step: f.fu.Step + 1, DueAt: c.PausedUntil})
		f.res.Note = "still paused"
		return
	}
	if st == nil || st.Waiting.IsZero() || c.PausedUntil.IsZero() {
		f.skip("nobody waiting")
		return
	}
	waited := st.Waiting
	next := *st
	next.Waiting = time.Time{}
	f.res.State = &next
	f.tell(c.Chat(), "handover_back")
	f.staff("staff_handover_waiting", "name", lang.Clean(c.PushName, 60), "phone", c.Chat(), "since", f.shop.When(f.now, waited))
	f.res.Note = "bot back"
}

// dailySummary sends the owner the day's numbers.
func (f *followUp) dailySummary() {
	loc := f.shop.loc()
	n := f.now.In(loc)
	from := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)
	s := f.v.Summary(from.UTC(), f.now)
	text := SummaryText(f.shop, s, "hari ini")
	for _, o := range f.shop.Owners {
		f.res.Replies = append(f.res.Replies, Reply{To: o, Text: text})
	}
	f.res.Note = "sent"
}

// DailySummaryDue returns the daily summary's row for the day of t: its
// subject (YYYYMMDD) and due time. ok is false when the summary is off.
func DailySummaryDue(shop *Shop, t time.Time) (subject int64, due time.Time, ok bool) {
	if shop.SummaryAt < 0 {
		return 0, time.Time{}, false
	}
	lt := t.In(shop.loc())
	day := time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, lt.Location())
	return int64(lt.Year()*10000 + int(lt.Month())*100 + lt.Day()), day.Add(shop.SummaryAt).UTC(), true
}

// StaleText lists follow-ups that were too late to send to customers.
func StaleText(shop *Shop, items []FollowUp, now time.Time) string {
	var b strings.Builder
	b.WriteString(shop.Text("stale_head"))
	for i, fu := range items {
		if i == 20 {
			fmt.Fprintf(&b, "\n… dan %d lagi", len(items)-20)
			break
		}
		what := fu.Kind
		switch fu.Kind {
		case FollowUpPaymentReminder:
			what = fmt.Sprintf("pengingat bayar pesanan #%d", fu.Subject)
		case FollowUpPaymentExpire:
			what = fmt.Sprintf("batas bayar pesanan #%d (dibatalkan, stok kembali)", fu.Subject)
		case FollowUpComplaintUpdate:
			what = fmt.Sprintf("kabar komplain #%d", fu.Subject)
		case FollowUpHandoverCap:
			what = "pelanggan menunggu admin"
		case FollowUpArrivalCheck:
			what = fmt.Sprintf("tanya \"sudah sampai?\" pesanan #%d", fu.Subject)
		case FollowUpRatingAsk:
			what = fmt.Sprintf("minta nilai pesanan #%d", fu.Subject)
		}
		fmt.Fprintf(&b, "\n• %s (jadwal %s)", what, shop.When(now, fu.DueAt))
	}
	return b.String()
}
