package flows

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"strings"
)

// cancel handles "batal": a cart in progress is dropped; an unpaid order is
// cancelled after a "ya"; a paid one goes to a human.
func (t *turn) cancel() {
	if len(t.st.Cart) > 0 || (t.st.Step != StepIdle && t.st.Step != StepComplaintDesc) {
		t.st.Cart, t.st.Details, t.st.Step, t.st.Choices = nil, Details{}, StepIdle, nil
		t.say("cancel_cart")
		return
	}
	for _, o := range t.v.CustomerOrders(t.in.Customer.ID) {
		switch o.Status {
		case StatusAwaitingPayment:
			t.st.Step, t.st.CancelID = StepCancelOrder, o.ID
			t.say("cancel_ask", "id", itoa(o.ID), "total", lang.FormatRupiah(o.Total))
			return
		case StatusAwaitingVerification, StatusPaid:
			t.say("cancel_paid", "id", itoa(o.ID))
			t.notify(t.shop.Text("notify_cancel_paid", "name", t.customerLabel(), "phone", t.customerPhone(), "id", itoa(o.ID), "status", o.Status.Label()))
			return
		}
	}
	t.say("cancel_none")
}

func (t *turn) cancelStep() bool {
	id := t.st.CancelID
	t.st.Step, t.st.CancelID = StepIdle, 0
	keep := t.has(lang.ActKeep) || keepsOrder(t.norm) || t.has(lang.ActDeny)
	switch {
	case !keep && (t.has(lang.ActConfirm) || t.has(lang.ActCancel)):
		o, ok := t.v.Order(id)
		if !ok || o.CustomerID != t.in.Customer.ID || o.Status != StatusAwaitingPayment {
			t.say("cancel_none")
			return true
		}
		t.effect(SetOrderStatus{ID: id, Status: StatusCancelled, At: t.in.At, Reason: "dibatalkan pelanggan"})
		t.say("cancel_done", "id", itoa(id))
		t.notify(t.shop.Text("notify_cancel", "id", itoa(id), "name", t.customerLabel()))
		return true
	case keep:
		t.say("cancel_keep", "id", itoa(id))
		return true
	}
	return false
}

// handover gives the chat to a human for at most the configured cap.
func (t *turn) handover() {
	until := t.in.At.Add(t.shop.HandoverCap)
	t.effect(SetPause{Phone: t.customerPhone(), Until: until})
	when := t.shop.Text("handover_when_open")
	if !t.shop.Open(t.in.At) {
		when = t.shop.Text("handover_when_closed", "open", t.shop.NextOpen(t.in.At))
	}
	t.say("handover", "when", when)
	t.notify(t.shop.Text("notify_handover", "name", t.customerLabel(), "phone", t.customerPhone(), "until", t.shop.When(t.in.At, until)))
	t.st.Step, t.st.Choices = StepIdle, nil
}

// angry answers abuse calmly, never in kind, and hands the chat to a human
// with the customer's own words.
func (t *turn) angry() {
	until := t.in.At.Add(t.shop.HandoverCap)
	t.say("complaint_angry")
	t.effect(SetPause{Phone: t.customerPhone(), Until: until})
	t.notify(t.shop.Text("notify_angry", "name", t.customerLabel(), "phone", t.customerPhone(), "text", lang.Clean(t.in.Text, 300)))
	t.st.Step, t.st.Choices = StepIdle, nil
}

// keepsOrder reads "gak jadi batal", "jangan dibatalkan", "tidak usah
// batal": a "batal" that is negated keeps the order.
func keepsOrder(norm string) bool {
	n := " " + norm + " "
	for _, neg := range []string{"tidak jadi", "jangan", "tidak usah", "tidak", "batal tidak jadi", "enggak jadi"} {
		for _, b := range []string{" batal", " dibatalkan", " dibatalin", " cancel"} {
			if strings.Contains(n, " "+neg+b) {
				return true
			}
		}
	}
	return strings.Contains(n, " batal tidak jadi ") || strings.Contains(n, " tetap lanjut") || strings.Contains(n, " lanjut saja")
}
