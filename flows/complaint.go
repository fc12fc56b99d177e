package flows

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"strconv"
	"strings"
	"time"
)

// CategoryText is a complaint category in the shop's words: c.Label().
func CategoryText(c ComplaintCategory) string { return c.Label() }

// startComplaint follows the seed: thank, apologise without blame, show
// empathy, link the order, open a ticket with a promised time, tell staff.
func (t *turn) startComplaint(category ComplaintCategory) {
	t.say("complaint_thanks")
	d := &ComplaintDraft{Category: category, Text: lang.Clean(t.in.Text, 1000)}
	t.st.Complaint = d
	t.linkOrder(d)
}

// complaintOrders are the orders a complaint may be about: recent ones that
// were not cancelled, newest first.
func (t *turn) complaintOrders() []Order {
	var out []Order
	for _, o := range t.v.CustomerOrders(t.in.Customer.ID) {
		if o.Status == StatusCancelled {
			continue
		}
		out = append(out, o)
		if len(out) == 5 {
			break
		}
	}
	return out
}

// linkOrder picks the order a complaint is about: the one named by id or
// product, the only one, or asks with a numbered list.
func (t *turn) linkOrder(d *ComplaintDraft) {
	orders := t.complaintOrders()
	if id := mentionedOrderID(t.norm); id > 0 {
		for _, o := range orders {
			if o.ID == id {
				d.OrderID = id
				t.openComplaint(d)
				return
			}
		}
	}
	if o, ok := orderByProduct(orders, t.in.Text, t.v.Catalog()); ok {
		d.OrderID = o.ID
		t.openComplaint(d)
		return
	}
	switch len(orders) {
	case 0:
		t.openComplaint(d)
	case 1:
		d.OrderID = orders[0].ID
		t.openComplaint(d)
	default:
		var b strings.Builder
		b.WriteString(t.shop.Text("complaint_pick"))
		t.st.Choices = t.st.Choices[:0]
		for i, o := range orders {
			b.WriteString("\n" + strconv.Itoa(i+1) + ". #" + itoa(o.ID) + " " + itemsShort(o.Items) + " (" + StatusText(o.Status) + ")")
			t.st.Choices = append(t.st.Choices, itoa(o.ID))
		}
		t.st.Step = StepComplaintPick
		t.sayText(b.String())
	}
}

// mentionedOrderID finds "#12" or "pesanan 12" in normalised text.
func mentionedOrderID(norm string) int64 {
	f := strings.Fields(norm)
	for i, w := range f {
		if i > 0 && (f[i-1] == "pesanan" || f[i-1] == "order" || f[i-1] == "nomor") {
			if n, err := strconv.ParseInt(w, 10, 64); err == nil && n > 0 && len(w) < 10 {
				return n
			}
		}
	}
	return 0
}

func orderByProduct(orders []Order, text string, cat *Catalog) (Order, bool) {
	m := MatchProduct(cat, text)
	if m.Product == nil {
		return Order{}, false
	}
	for _, o := range orders {
		for _, it := range o.Items {
			if it.SKU == m.Product.SKU {
				return o, true
			}
		}
	}
	return Order{}, false
}

func (t *turn) complaintPickStep() bool {
	d := t.st.Complaint
	if d == nil {
		t.st.Step = StepIdle
		return false
	}
	var id int64
	if len(t.r.Choices) > 0 && t.r.Choices[0] >= 1 && t.r.Choices[0] <= len(t.st.Choices) {
		id, _ = strconv.ParseInt(t.st.Choices[t.r.Choices[0]-1], 10, 64)
	} else if n := mentionedOrderID(t.norm); n > 0 {
		id = n
	} else if o, ok := orderByProduct(t.complaintOrders(), t.in.Text, t.v.Catalog()); ok {
		id = o.ID
	}
	if id == 0 && t.leavesTopic() {
		return false
	}
	d.OrderID = id
	t.st.Choices = nil
	if id == 0 && !t.has(lang.ActDeny) {
		d.Text = strings.TrimSpace(d.Text + "\n" + lang.Clean(t.in.Text, 500))
	}
	t.openComplaint(d)
	return true
}

// leavesTopic reports whether the message asks for something else: a
// question, a product, a person or a cancel.
func (t *turn) leavesTopic() bool {
	if len(t.r.Questions) > 0 || t.has(lang.ActHuman) || t.has(lang.ActCancel) {
		return true
	}
	for _, it := range t.r.Items {
		if it.SKU != "" || len(it.Candidates) > 0 {
			return true
		}
	}
	return false
}

// complaintDescStep takes what the customer adds to a complaint: for a
// complaint started from the menu, what happened; for an open one, more
// details for the staff.
func (t *turn) complaintDescStep() bool {
	d := t.st.Complaint
	if d == nil {
		t.st.Step = StepIdle
		return false
	}
	if d.ID != 0 {
		if c, ok := t.v.Complaint(d.ID); ok && c.Status == ComplaintResolved {
			// Closed since: what comes now is read afresh (a "belum"
			// reopens it).
			t.st.Step, t.st.Complaint = StepIdle, nil
			return false
		}
	}
	a, complains := t.complaintAct()
	onlyThanks := !complains && !t.substantive() && (t.has(lang.ActThanks) || t.has(lang.ActConfirm))
	if d.ID == 0 {
		switch {
		case complains:
			d.Category = ComplaintCategory(a.Complaint)
		case t.leavesTopic() || onlyThanks:
			t.st.Step, t.st.Complaint = StepIdle, nil
			return false
		}
		d.Text = lang.Clean(t.in.Text, 1000)
		t.linkOrder(d)
		return true
	}
	switch {
	case onlyThanks:
		t.say("thanks")
		t.st.Step, t.st.Complaint = StepIdle, nil
		return true
	case complains || !t.leavesTopic():
		// "saya pesan lewat shopee kak" explains the complaint; only a
		// question or a product starts something new.
		text := lang.Clean(t.in.Text, 1000)
		t.effect(UpdateComplaint{ID: d.ID, AppendText: text})
		t.say("complaint_more", "id", itoa(d.ID), "due", t.complaintDue(d.ID))
		t.notify(t.shop.Text("notify_complaint_more", "id", itoa(d.ID), "name", t.customerLabel(), "text", lang.Clean(text, 300)))
		return true
	}
	t.st.Step, t.st.Complaint = StepIdle, nil
	return false
}

// openComplaint stores the ticket with its promised time and tells staff.
// The same trouble about the same order while its complaint is still open
// (opened by the buyer, or by the parcel tracking before they asked) goes
// into that complaint, with its promise, instead of opening a second one.
func (t *turn) openComplaint(d *ComplaintDraft) {
	if c, ok := t.openComplaintFor(d); ok {
		t.effect(UpdateComplaint{ID: c.ID, AppendText: lang.Clean(t.in.Text, 1000)})
		d.ID = c.ID
		due := t.complaintDue(c.ID)
		t.say("complaint_known", "id", itoa(c.ID), "order", itoa(c.OrderID), "due", due)
		t.notify(t.shop.Text("notify_complaint_more", "id", itoa(c.ID), "name", t.customerLabel(),
			"text", lang.Clean(t.in.Text, 300)))
		t.st.Step = StepComplaintDesc
		t.st.Choices = nil
		return
	}
	id := t.v.NextComplaintID()
	due := t.shop.Promise(t.in.At, t.shop.Complaints.AnswerWithin)
	c := Complaint{
		ID:            id,
		Status:        ComplaintOpen,
		Category:      d.Category,
		OrderID:       d.OrderID,
		CustomerID:    t.in.Customer.ID,
		CustomerPhone: t.in.Customer.Phone,
		CustomerName:  t.in.Customer.PushName,
		Description:   d.Text,
		CreatedAt:     t.in.At,
		DueAt:         due,
	}
	t.effect(CreateComplaint{Complaint: c})
	t.scheduleComplaint(id, due)
	d.ID = id
	orderText := ""
	if d.OrderID > 0 {
		orderText = " untuk pesanan #" + itoa(d.OrderID)
	}
	t.say("complaint_opened", "id", itoa(id), "order", orderText, "due", t.shop.When(t.in.At, due))
	t.notify(t.shop.Text("notify_complaint", "id", itoa(id), "category", d.Category.Label(), "name", t.customerLabel(),
		"phone", t.customerPhone(), "order", orderText, "text", lang.Clean(d.Text, 300), "due", t.shop.When(t.in.At, due)))
	t.st.Step = StepComplaintDesc
	t.st.Choices = nil
}

// openComplaintFor finds the buyer's complaint still open about the same
// order and the same trouble.
func (t *turn) openComplaintFor(d *ComplaintDraft) (Complaint, bool) {
	if d.OrderID == 0 {
		return Complaint{}, false
	}
	for _, c := range t.v.CustomerComplaints(t.in.Customer.ID) {
		if c.OrderID == d.OrderID && c.Category == d.Category && c.Status != ComplaintResolved {
			return c, true
		}
	}
	return Complaint{}, false
}

// scheduleComplaint plans the staff reminder before the promise and the
// customer update at it.
func (t *turn) scheduleComplaint(id int64, due time.Time) {
	for _, e := range complaintFollowUps(t.shop, id, due) {
		t.effect(e)
	}
}

// settleKnower is a View that can tell, without reading a customer's
// complaints, that none waits for the answer to the settle question.
type settleKnower interface {
	NoSettleAsked(customerID int64) bool
}

// settle reads the answer to "apakah sudah beres?" after staff closed a
// complaint.
func (t *turn) settle() bool {
	if v, ok := t.v.(settleKnower); ok && v.NoSettleAsked(t.in.Customer.ID) {
		return false
	}
	var c *Complaint
	for _, cc := range t.v.CustomerComplaints(t.in.Customer.ID) {
		if !cc.SettleAskedAt.IsZero() {
			c = &cc
			break
		}
	}
	if c == nil {
		return false
	}
	switch {
	case t.has(lang.ActConfirm) || t.has(lang.ActThanks) || t.has(lang.ActDone):
		t.effect(UpdateComplaint{ID: c.ID, ClearSettle: true})
		t.say("settle_yes", "shop", t.shop.Name)
		t.st.Step, t.st.Complaint = StepIdle, nil
		return true
	case t.has(lang.ActDeny) || t.has(lang.ActComplaint):
		t.reopen(c)
		return true
	}
	return false
}

// reopen opens a closed complaint again with a new promised time and its
// follow-ups, and tells staff.
func (t *turn) reopen(c *Complaint) {
	due := t.shop.Promise(t.in.At, t.shop.Complaints.AnswerWithin)
	t.effect(UpdateComplaint{ID: c.ID, Status: ComplaintOpen, DueAt: due, ClearSettle: true, AppendText: lang.Clean(t.in.Text, 1000)})
	t.scheduleComplaint(c.ID, due)
	t.say("settle_no", "id", itoa(c.ID), "due", t.shop.When(t.in.At, due))
	t.notify(t.shop.Text("notify_reopen", "id", itoa(c.ID), "due", t.shop.When(t.in.At, due)))
	t.st.Step, t.st.Complaint = StepComplaintDesc, &ComplaintDraft{ID: c.ID, Category: c.Category, OrderID: c.OrderID}
}

// reopenWindow is how long after its close a "belum" reopens a complaint.
const reopenWindow = 7 * 24 * time.Hour

// onReopen: "belum kak" or the same complaint again, days after staff
// closed a complaint, opens it again instead of being lost.
func (t *turn) onReopen() bool {
	if t.st.Step != StepIdle || t.substantive() {
		return false
	}
	a, complains := t.complaintAct()
	if !complains && !(t.has(lang.ActDeny) && len(t.r.Acts) <= 2) {
		return false
	}
	for _, c := range t.v.CustomerComplaints(t.in.Customer.ID) {
		if c.Status != ComplaintResolved || c.ResolvedAt.IsZero() || t.in.At.Sub(c.ResolvedAt) > reopenWindow {
			return false
		}
		if complains && string(c.Category) != a.Complaint {
			return false
		}
		t.first = false
		t.reopen(&c)
		return true
	}
	return false
}

// complaintDue says the promised time of a stored complaint.
func (t *turn) complaintDue(id int64) string {
	if c, ok := t.v.Complaint(id); ok && !c.DueAt.IsZero() {
		return t.shop.When(t.in.At, c.DueAt)
	}
	return t.shop.When(t.in.At, t.shop.Promise(t.in.At, t.shop.Complaints.AnswerWithin))
}

// notShippedYet answers "paketnya belum nyampe" about an order that has not
// left the shop: honestly, with where it stands, instead of a late
// complaint. It reports whether it answered. A paid order still waiting
// after two days is late, and a complaint.
func (t *turn) notShippedYet() bool {
	for _, o := range t.v.CustomerOrders(t.in.Customer.ID) {
		switch {
		case o.Status == StatusShipped || o.Status == StatusCompleted:
			return false
		case o.Status == StatusAwaitingPayment && o.Payment == PayCOD:
			t.greet()
			t.say("not_shipped_packing", "id", itoa(o.ID))
			return true
		case o.Status == StatusAwaitingPayment:
			t.greet()
			t.say("not_shipped_unpaid", "id", itoa(o.ID), "total", lang.FormatRupiah(o.Total), "banks", t.shop.banks())
			return true
		case o.Status == StatusAwaitingVerification:
			t.greet()
			t.say("not_shipped_checking", "id", itoa(o.ID))
			return true
		case o.Status == StatusPaid && t.in.At.Sub(o.PaidAt) < 48*time.Hour:
			t.greet()
			t.say("not_shipped_packing", "id", itoa(o.ID))
			return true
		case o.Status == StatusPaid:
			return false
		}
	}
	return false
}
