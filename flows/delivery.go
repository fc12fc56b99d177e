package flows

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pesanbot/pesanbot/flows/lang"
	"github.com/pesanbot/pesanbot/shipping"
)

// After shipping the parcel is followed, not forgotten. With a tracker the
// waybill is polled (parcel_track): a delivery completes the order, a
// parcel still on its way past its estimate plus the grace period gets an
// apology and a late complaint before the buyer asks. Without one the buyer
// is asked "sudah sampai?" (arrival_check) some days after shipping. Every
// completion asks once for a rating (rating_ask).

// DeliveryAsk is a question about an order the buyer may answer next:
// "sudah sampai?" or "nilai 1–5?". It never holds the buyer: anything
// that does not answer it goes through the usual dispatch.
type DeliveryAsk struct {
	Kind  string    `json:"kind"` // AskArrival or AskRating
	Order int64     `json:"order"`
	At    time.Time `json:"at"`
}

// Delivery question kinds.
const (
	AskArrival = "arrival"
	AskRating  = "rating"
)

// askWindow is how long an unanswered delivery question is still read as
// asked; after it, "5" or "sudah" are read afresh.
const askWindow = 3 * 24 * time.Hour

// OrderChatFollowUp reports whether a follow-up kind reads and writes the
// conversation state of its order's customer.
func OrderChatFollowUp(kind string) bool {
	return kind == FollowUpArrivalCheck || kind == FollowUpRatingAsk
}

// expectedBy is when the parcel of o should have arrived: the shop's
// estimate counted from shipping. (A courier service's own estimate, when
// the order carries one, belongs here.)
func (d Delivery) expectedBy(o *Order) time.Time {
	days := d.expectDays()
	if n := etaDays(o.ShippingETA); n > 0 {
		days = n // the estimate of the service the buyer chose
	}
	return o.ShippedAt.AddDate(0, 0, days)
}

// etaDays is the upper bound of a courier estimate as the order records it
// ("2-3 hari" is 3, "1 hari" is 1, "3 - 5 HARI" is 5), 0 when it says none.
func etaDays(eta string) int {
	best := 0
	for _, f := range strings.FieldsFunc(eta, func(r rune) bool { return r < '0' || r > '9' }) {
		if n, err := strconv.Atoi(f); err == nil && n > best && n <= 60 {
			best = n
		}
	}
	return best
}

// spread is a stable offset of an order within a poll interval, so that
// many parcels shipped at once are not all polled at once.
func spread(id int64, every time.Duration) time.Duration {
	if every <= 0 {
		return 0
	}
	h := uint64(id) * 0x9E3779B97F4A7C15
	return time.Duration(h % uint64(every))
}

// nextPoll is the poll after base for order id: base plus the interval,
// and out of the quiet hours with the order's own offset, so the polls
// held back by the night do not all run at their end.
func nextPoll(shop *Shop, id int64, base time.Time) time.Time {
	every := shop.Delivery.pollEvery()
	t := base.Add(every)
	if shop.Quiet(t) {
		t = shop.AfterQuiet(t).Add(spread(id, every))
	}
	return t.UTC()
}

// shippedFollowUps plans what follows a first shipment: the first poll
// (at the order's offset within the interval) when a tracker follows the
// waybill, else the check-in when the shop asks one.
func shippedFollowUps(shop *Shop, id int64, at time.Time) []Effect {
	d := shop.Delivery
	if d.Tracked {
		first := at.Add(spread(id, d.pollEvery()))
		if shop.Quiet(first) {
			first = shop.AfterQuiet(first).Add(spread(id, d.pollEvery()))
		}
		return []Effect{Schedule{Kind: FollowUpParcelTrack, Subject: id, Step: 1, DueAt: first.UTC()}}
	}
	if d.CheckinAfter > 0 {
		return []Effect{Schedule{Kind: FollowUpArrivalCheck, Subject: id, DueAt: at.Add(d.CheckinAfter)}}
	}
	return nil
}

// completedEffects completes an order and plans the rating question.
func completedEffects(shop *Shop, id int64, at time.Time) []Effect {
	out := []Effect{SetOrderStatus{ID: id, Status: StatusCompleted, At: at}}
	if shop.Delivery.Rating {
		out = append(out, Schedule{Kind: FollowUpRatingAsk, Subject: id, DueAt: at.Add(shop.Delivery.RatingAfter)})
	}
	return out
}

// complaintFollowUps plans the staff reminder before a complaint's
// promise and the customer update at it.
func complaintFollowUps(shop *Shop, id int64, due time.Time) []Effect {
	return []Effect{
		Schedule{Kind: FollowUpComplaintRemind, Subject: id, DueAt: due.Add(-shop.Complaints.AnswerWithin / 4)},
		Schedule{Kind: FollowUpComplaintUpdate, Subject: id, Step: 1, DueAt: due},
	}
}

// lateComplaint finds the order's late complaint, whoever opened it.
func lateComplaint(v View, o *Order) (Complaint, bool) {
	for _, c := range v.CustomerComplaints(o.CustomerID) {
		if c.OrderID == o.ID && c.Category == CategoryLate {
			return c, true
		}
	}
	return Complaint{}, false
}

// openLateComplaints are the order's late complaints not resolved yet,
// newest first.
func openLateComplaints(v View, o *Order) []Complaint {
	var out []Complaint
	for _, c := range v.CustomerComplaints(o.CustomerID) {
		if c.OrderID == o.ID && c.Category == CategoryLate && c.Status != ComplaintResolved {
			out = append(out, c)
		}
	}
	return out
}

// complainedSince reports whether the buyer complained about this order,
// or about nothing in particular, since it was shipped.
func complainedSince(v View, o *Order) bool {
	for _, c := range v.CustomerComplaints(o.CustomerID) {
		if c.OrderID == o.ID || (c.OrderID == 0 && !c.CreatedAt.Before(o.ShippedAt)) {
			return true
		}
	}
	return false
}

// dayText is a date in the shop's words: "hari ini", "besok", "kemarin",
// "Senin 30 Nov".
func (s *Shop) dayText(now, t time.Time) string {
	loc := s.loc()
	ln, lt := now.In(loc), t.In(loc)
	dn := time.Date(ln.Year(), ln.Month(), ln.Day(), 0, 0, 0, 0, loc)
	dt := time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, loc)
	switch dt.Sub(dn).Round(24*time.Hour) / (24 * time.Hour) {
	case 0:
		return "hari ini"
	case 1:
		return "besok"
	case -1:
		return "kemarin"
	}
	return fmt.Sprintf("%s %d %s", hariNames[lt.Weekday()], lt.Day(), bulanNames[lt.Month()-1])
}

// trackLine is the last known position of a parcel, or "" when none.
func (s *Shop) trackLine(now time.Time, o *Order) string {
	note := lang.Clean(o.TrackNote, 200)
	if note == "" {
		return ""
	}
	when := ""
	if !o.TrackAt.IsZero() {
		lt := o.TrackAt.In(s.loc())
		when = fmt.Sprintf("%s jam %02d.%02d %s", s.dayText(now, o.TrackAt), lt.Hour(), lt.Minute(), zoneName(lt))
	}
	return s.Text("status_track", "note", note, "when", when)
}

// parcelTrack is one poll of a shipped order's waybill.
func (f *followUp) parcelTrack() {
	o, ok := f.v.Order(f.fu.Subject)
	if !ok {
		f.skip("no order")
		return
	}
	if o.Status != StatusShipped {
		f.skip(string(o.Status))
		return
	}
	d := f.shop.Delivery
	id := itoa(o.ID)
	if f.now.Sub(o.ShippedAt) > d.maxAge() {
		f.staff("staff_track_stopped", "id", id, "courier", o.Courier, "tracking", o.Tracking,
			"days", itoa(int64(f.now.Sub(o.ShippedAt)/(24*time.Hour))))
		f.res.Note = "stopped: too old"
		return
	}
	again := Schedule{Kind: FollowUpParcelTrack, Subject: o.ID, Step: f.fu.Step + 1, DueAt: nextPoll(f.shop, o.ID, f.now)}
	fe := f.fu.Fetched
	if fe == nil || fe.Err != nil || fe.Track == nil {
		// No news is not news for the buyer: try again next time.
		f.effect(again)
		f.res.Note = "lookup failed"
		return
	}
	tr := *fe.Track
	note := ""
	if len(tr.Events) > 0 {
		note = lang.Clean(tr.Events[0].Text, 200)
	}
	f.effect(SetTracking{ID: o.ID, Status: string(tr.Status), Note: note, At: tr.LastMove(), CheckedAt: f.now})
	switch tr.Status {
	case shipping.Delivered:
		f.delivered(o)
	case shipping.Returned:
		if o.TrackStatus != string(shipping.Returned) {
			f.staff("staff_track_returned", "id", id, "courier", o.Courier, "tracking", o.Tracking, "note", note)
		}
		f.res.Note = "returned"
	default:
		f.effect(again)
		f.res.Note = "on its way"
		if due := d.expectedBy(o).Add(d.Grace); f.now.After(due) {
			if _, done := lateComplaint(f.v, o); !done {
				f.late(o, note)
			}
		}
	}
}

// delivered completes a tracked order, closes its late complaint if one
// was opened, and plans the rating question.
func (f *followUp) delivered(o *Order) {
	id := itoa(o.ID)
	to := f.chatOf(o.CustomerID, o.CustomerPhone)
	for _, e := range completedEffects(f.shop, o.ID, f.now) {
		f.effect(e)
	}
	f.res.Note = "delivered"
	if open := openLateComplaints(f.v, o); len(open) > 0 {
		ids := make([]string, len(open))
		for i, c := range open {
			f.effect(UpdateComplaint{ID: c.ID, Status: ComplaintResolved, Note: "paket sudah diterima (pelacakan)"})
			ids[len(open)-1-i] = itoa(c.ID)
		}
		list := strings.Join(ids, ", #") // the texts put the first "#"
		f.tell(to, "track_delivered_late", "id", id, "complaint", list, "shop", f.shop.Name)
		f.staff("staff_track_late_done", "id", id, "complaint", list)
		f.res.Note = "delivered, late complaint closed"
		return
	}
	f.tell(to, "track_delivered", "id", id, "shop", f.shop.Name)
}

// late apologises before the buyer asks: a late complaint with its promise
// and the usual follow-ups, and a note to staff.
func (f *followUp) late(o *Order, note string) {
	cid := f.v.NextComplaintID()
	due := f.shop.Promise(f.now, f.shop.Complaints.AnswerWithin)
	expected := f.shop.dayText(f.now, f.shop.Delivery.expectedBy(o))
	where := note
	if where == "" {
		where = "belum ada kabar dari kurir"
	}
	f.effect(CreateComplaint{Complaint: Complaint{
		ID: cid, Status: ComplaintOpen, Category: CategoryLate, OrderID: o.ID, CustomerID: o.CustomerID,
		CustomerPhone: o.CustomerPhone, CustomerName: o.CustomerName, CreatedAt: f.now, DueAt: due,
		Description: fmt.Sprintf("Paket belum sampai (perkiraan %s). Posisi terakhir: %s", expected, where),
	}})
	for _, e := range complaintFollowUps(f.shop, cid, due) {
		f.effect(e)
	}
	when := f.shop.When(f.now, due)
	f.tell(f.chatOf(o.CustomerID, o.CustomerPhone), "track_late", "id", itoa(o.ID), "complaint", itoa(cid),
		"expected", expected, "due", when)
	f.staff("staff_track_late", "id", itoa(o.ID), "courier", o.Courier, "tracking", o.Tracking, "expected", expected,
		"note", where, "complaint", itoa(cid), "due", when)
	f.res.Note = "late: complaint opened"
}

// arrivalCheck asks "sudah sampai?" about a shipped order no tracker
// follows, unless the buyer already said it arrived or complained.
func (f *followUp) arrivalCheck(st *State) {
	o, ok := f.v.Order(f.fu.Subject)
	switch {
	case !ok:
		f.skip("no order")
		return
	case o.Status != StatusShipped:
		f.skip(string(o.Status))
		return
	case complainedSince(f.v, o):
		f.skip("complained")
		return
	}
	f.tell(f.chatOf(o.CustomerID, o.CustomerPhone), "arrival_ask", "id", itoa(o.ID))
	f.ask(st, o, AskArrival)
	f.res.Note = "asked"
}

// ratingAsk asks once for a rating of a completed order.
func (f *followUp) ratingAsk(st *State) {
	o, ok := f.v.Order(f.fu.Subject)
	switch {
	case !ok:
		f.skip("no order")
		return
	case o.Status != StatusCompleted:
		f.skip(string(o.Status))
		return
	case o.Rating > 0:
		f.skip("rated")
		return
	}
	for _, c := range f.v.CustomerComplaints(o.CustomerID) {
		if c.OrderID == o.ID && c.Status != ComplaintResolved {
			// Asking for stars while a complaint waits reads as not listening.
			f.skip("complaint open")
			return
		}
	}
	f.tell(f.chatOf(o.CustomerID, o.CustomerPhone), "rating_ask", "id", itoa(o.ID))
	f.ask(st, o, AskRating)
	f.res.Note = "asked"
}

// ask remembers the question in the buyer's state.
func (f *followUp) ask(st *State, o *Order, kind string) {
	var next State
	if st != nil {
		next = *st
	}
	next.Ask = &DeliveryAsk{Kind: kind, Order: o.ID, At: f.now}
	f.res.State = &next
	f.res.StateCustomer = o.CustomerID
}

// onDelivery reads the answer to "sudah sampai?" and "nilai 1–5?", and a
// buyer saying on their own that the parcel arrived. Anything else goes on
// through the usual dispatch.
func (t *turn) onDelivery() bool {
	a := t.st.Ask
	if a != nil && t.in.At.Sub(a.At) > askWindow {
		t.st.Ask, a = nil, nil
	}
	if a != nil {
		o, ok := t.v.Order(a.Order)
		if !ok || o.CustomerID != t.in.Customer.ID {
			t.st.Ask = nil
			return false
		}
		switch a.Kind {
		case AskArrival:
			if o.Status != StatusShipped {
				t.st.Ask = nil
				return false
			}
			return t.arrivalAnswer(o)
		case AskRating:
			return t.ratingAnswer(o)
		}
		t.st.Ask = nil
		return false
	}
	return t.saysArrived()
}

// arrivalAnswer reads "sudah" or "belum" after "sudah sampai?".
func (t *turn) arrivalAnswer(o *Order) bool {
	if act, ok := t.complaintAct(); ok && act.Complaint != string(CategoryLate) {
		// "sudah, tapi rusak": a complaint about the order, not a yes.
		t.st.Ask = nil
		return false
	}
	explicitOnly := t.st.Step != StepIdle
	switch lang.ReadArrival(t.in.Text, explicitOnly) {
	case lang.Arrived:
		t.st.Ask = nil
		t.arrived(o)
		return true
	case lang.NotArrived:
		t.st.Ask = nil
		t.first = false
		t.say("arrival_late_sorry")
		t.openComplaint(&ComplaintDraft{Category: CategoryLate, OrderID: o.ID, Text: lang.Clean(t.in.Text, 1000)})
		return true
	}
	return false
}

// saysArrived: "paketnya sudah sampai kak" about the buyer's one shipped
// order completes it, without waiting to be asked.
func (t *turn) saysArrived() bool {
	// After a late complaint the chat waits for more about it: "sudah
	// sampai" then is the best news about it, not more of it.
	idle := t.st.Step == StepIdle || t.st.Step == StepComplaintDesc
	if !idle || t.has(lang.ActComplaint) || lang.ReadArrival(t.in.Text, true) != lang.Arrived {
		return false
	}
	var shipped *Order
	for _, o := range t.v.CustomerOrders(t.in.Customer.ID) {
		if o.Status == StatusShipped {
			if shipped != nil {
				return false // which one? the check-in or staff will tell
			}
			shipped = &o
		}
	}
	if shipped == nil {
		return false
	}
	t.arrived(shipped)
	return true
}

// arrived completes an order the buyer says has arrived, and closes the
// late complaints it had.
func (t *turn) arrived(o *Order) {
	t.first = false // an answer about a parcel, not a visit: no "selamat datang"
	for _, e := range completedEffects(t.shop, o.ID, t.in.At) {
		t.effect(e)
	}
	t.say("arrival_thanks", "id", itoa(o.ID), "shop", t.shop.Name)
	if open := openLateComplaints(t.v, o); len(open) > 0 {
		ids := make([]string, len(open))
		for i, c := range open {
			t.effect(UpdateComplaint{ID: c.ID, Status: ComplaintResolved, Note: "pembeli: paket sudah sampai"})
			ids[len(open)-1-i] = itoa(c.ID)
		}
		list := strings.Join(ids, ", #") // the texts put the first "#"
		t.say("arrival_late_closed", "complaint", list)
		t.notify(t.shop.Text("staff_track_late_done", "id", itoa(o.ID), "complaint", list))
	}
	if t.st.Step == StepComplaintDesc {
		t.st.Step, t.st.Complaint = StepIdle, nil
	}
}

// ratingAnswer reads a rating after "nilai 1–5?". A bare number counts
// only when no other question of ours is pending ("mau berapa?").
func (t *turn) ratingAnswer(o *Order) bool {
	if o.Rating > 0 {
		t.st.Ask = nil
		return false
	}
	n, comment, ok := lang.ReadRating(t.in.Text, t.st.Step != StepIdle)
	if !ok {
		return false
	}
	if comment != "" && !lang.RatingMarked(t.in.Text) {
		for _, it := range t.r.Items {
			if it.SKU != "" {
				return false // "2 yang hitam": an order, not a rating
			}
		}
	}
	t.st.Ask = nil
	t.first = false
	comment = lang.Clean(comment, 500)
	t.effect(RateOrder{ID: o.ID, Rating: n, Comment: comment, At: t.in.At})
	switch {
	case n <= 2:
		t.say("rating_low")
		cat := CategoryOther
		if act, ok := t.complaintAct(); ok && act.Complaint != "" {
			cat = ComplaintCategory(act.Complaint)
		}
		text := fmt.Sprintf("Nilai %d/5", n)
		if comment != "" {
			text += ": " + comment
		}
		t.openComplaint(&ComplaintDraft{Category: cat, OrderID: o.ID, Text: text})
	case n == 3:
		t.say("rating_thanks_mid")
	default:
		t.say("rating_thanks", "shop", t.shop.Name)
	}
	return true
}

// RatingText is a rating as staff read it: "★★★★☆ 4/5", "" for none.
func RatingText(n int) string {
	if n < 1 || n > 5 {
		return ""
	}
	return strings.Repeat("★", n) + strings.Repeat("☆", 5-n) + fmt.Sprintf(" %d/5", n)
}
