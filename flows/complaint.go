package flows

import (
	"strconv"
	"strings"
	"time"
)

// categoryOf maps a complaint intent to its category.
func categoryOf(i Intent) ComplaintCategory {
	switch i {
	case IntentComplaintLate:
		return CategoryLate
	case IntentComplaintWrong:
		return CategoryWrongItem
	case IntentComplaintDamaged:
		return CategoryDamaged
	}
	return CategoryOther
}

// CategoryText is a complaint category in the shop's words: c.Label().
func CategoryText(c ComplaintCategory) string { return c.Label() }

// startComplaint follows the seed: thank, apologise without blame, show
// empathy, link the order, open a ticket with a promised time, tell staff.
func (t *turn) startComplaint(intent Intent) {
	t.say("complaint_thanks")
	d := &ComplaintDraft{Category: categoryOf(intent), Text: Clean(t.in.Text, 1000)}
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

func (t *turn) complaintPickStep(intent Intent) bool {
	d := t.st.Complaint
	if d == nil {
		t.st.Step = StepIdle
		return false
	}
	var id int64
	if k, ok := pickNumber(t.norm, len(t.st.Choices)); ok {
		id, _ = strconv.ParseInt(t.st.Choices[k-1], 10, 64)
	} else if n := mentionedOrderID(t.norm); n > 0 {
		id = n
	} else if o, ok := orderByProduct(t.complaintOrders(), t.in.Text, t.v.Catalog()); ok {
		id = o.ID
	}
	if id == 0 && intent != IntentUnknown && intent != IntentConfirmNo {
		return false
	}
	d.OrderID = id
	t.st.Choices = nil
	if id == 0 && intent == IntentUnknown {
		d.Text = strings.TrimSpace(d.Text + "\n" + Clean(t.in.Text, 500))
	}
	t.openComplaint(d)
	return true
}

// complaintDescStep takes what the customer adds to a complaint: for a
// complaint started from the menu, what happened; for an open one, more
// details for the staff.
func (t *turn) complaintDescStep(intent Intent) bool {
	d := t.st.Complaint
	if d == nil {
		t.st.Step = StepIdle
		return false
	}
	if d.ID == 0 {
		switch {
		case IsComplaint(intent):
			d.Category = categoryOf(intent)
		case intent != IntentUnknown && intent != IntentConfirmNo && intent != IntentThanks:
			t.st.Step, t.st.Complaint = StepIdle, nil
			return false
		}
		d.Text = Clean(t.in.Text, 1000)
		t.linkOrder(d)
		return true
	}
	// "saya pesan lewat shopee kak" explains the complaint; only a question
	// that names a product starts something new.
	explains := intent == IntentUnknown || intent == IntentConfirmNo || IsComplaint(intent) || intent == IntentOrderStatus
	if intent == IntentOrder || intent == IntentStockCheck || intent == IntentPrice {
		m := MatchProduct(t.v.Catalog(), t.in.Text)
		explains = m.Product == nil && len(m.Candidates) == 0
	}
	switch {
	case explains:
		text := Clean(t.in.Text, 1000)
		t.effect(UpdateComplaint{ID: d.ID, AppendText: text})
		t.say("complaint_more", "id", itoa(d.ID), "due", t.complaintDue(d.ID))
		t.notify(t.shop.Text("notify_complaint_more", "id", itoa(d.ID), "name", t.customerLabel(), "text", Clean(text, 300)))
		return true
	case intent == IntentThanks || intent == IntentConfirmYes:
		t.say("thanks")
		t.st.Step, t.st.Complaint = StepIdle, nil
		return true
	}
	t.st.Step, t.st.Complaint = StepIdle, nil
	return false
}

// openComplaint stores the ticket with its promised time and tells staff.
func (t *turn) openComplaint(d *ComplaintDraft) {
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
		"phone", t.customerPhone(), "order", orderText, "text", Clean(d.Text, 300), "due", t.shop.When(t.in.At, due)))
	t.st.Step = StepComplaintDesc
	t.st.Choices = nil
}

// scheduleComplaint plans the staff reminder before the promise and the
// customer update at it.
func (t *turn) scheduleComplaint(id int64, due time.Time) {
	remind := due.Add(-t.shop.Complaints.AnswerWithin / 4)
	t.effect(Schedule{Kind: FollowUpComplaintRemind, Subject: id, DueAt: remind})
	t.effect(Schedule{Kind: FollowUpComplaintUpdate, Subject: id, Step: 1, DueAt: due})
}

// settle reads the answer to "apakah sudah beres?" after staff closed a
// complaint.
func (t *turn) settle(intent Intent) bool {
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
	case intent == IntentConfirmYes || intent == IntentThanks || intent == IntentDone:
		t.effect(UpdateComplaint{ID: c.ID, ClearSettle: true})
		t.say("settle_yes", "shop", t.shop.Name)
		t.st.Step, t.st.Complaint = StepIdle, nil
		return true
	case intent == IntentConfirmNo || IsComplaint(intent):
		due := t.shop.Promise(t.in.At, t.shop.Complaints.AnswerWithin)
		t.effect(UpdateComplaint{ID: c.ID, Status: ComplaintOpen, DueAt: due, ClearSettle: true, AppendText: Clean(t.in.Text, 1000)})
		t.scheduleComplaint(c.ID, due)
		t.say("settle_no", "id", itoa(c.ID), "due", t.shop.When(t.in.At, due))
		t.notify(t.shop.Text("notify_reopen", "id", itoa(c.ID), "due", t.shop.When(t.in.At, due)))
		t.st.Step, t.st.Complaint = StepComplaintDesc, &ComplaintDraft{ID: c.ID, Category: c.Category, OrderID: c.OrderID}
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
