package flows

import (
	"strings"

	"github.com/pesanbot/pesanbot/flows/lang"
)

// dispatch decides what a customer's text is about, in one place and in
// order: safety first, then what ends or reverses something, then the
// answer to the question the bot asked last, then everything the message
// mentions (items, details, questions, all of them), then small talk, then
// "not understood". Each handler reports whether it took the turn.
//
// Adding a question type: a QuestionKind and its reading rule in
// flows/lang (read_questions.go), a case in (*turn).answer
// (policy_questions.go) and its text key in texts.go.
var dispatch = []struct {
	name string
	run  func(*turn) bool
}{
	{"caption", (*turn).onCaption},
	{"abuse", (*turn).onAbuse},
	{"staff command copy", (*turn).onStaffCopy},
	{"privacy", (*turn).privacyRequest},
	{"settle", (*turn).onSettle},
	{"delivery answer", (*turn).onDelivery},
	{"cancel", (*turn).onCancel},
	{"complaint step", (*turn).onComplaintStep},
	{"reopen", (*turn).onReopen},
	{"complaint", (*turn).onComplaint},
	{"human", (*turn).onHuman},
	{"format order", (*turn).onFormOrder},
	{"says paid", (*turn).paymentTalk},
	{"shipping pick", (*turn).onShipPick},
	{"expected slot", (*turn).onSlot},
	{"mentions", (*turn).onMentions},
	{"menu number", (*turn).onMenuNumber},
	{"small talk", (*turn).onSmallTalk},
	{"not understood", (*turn).onUnknown},
}

// handleText reads the whole message once, then dispatches.
func (t *turn) handleText() {
	t.r = lang.WithIntentFallback(lang.Read(t.in.Text, t.v.Catalog().Index(), t.readContext()))
	t.intent = lang.DetectIntent(t.norm)
	t.addCatalogItems()
	if t.cartAcked && !t.substantive() && !t.has(lang.ActCancel) && !t.has(lang.ActHuman) && !t.has(lang.ActComplaint) && !t.has(lang.ActAbuse) {
		return // "ini keranjangku" beside a cart: the acknowledgement answered it
	}
	for _, h := range dispatch {
		if h.run(t) {
			return
		}
	}
}

// readContext tells the reader what the bot asked last.
func (t *turn) readContext() lang.Context {
	ctx := lang.Context{Couriers: t.shop.Shipping.Couriers, Areas: t.areaNames(), Current: t.st.Product}
	switch t.st.Step {
	case StepAskQty:
		ctx.Slot = lang.SlotQty
	case StepAskName:
		ctx.Slot = lang.SlotName
	case StepAskAddress:
		ctx.Slot = lang.SlotAddress
	case StepAskPhone:
		ctx.Slot = lang.SlotPhone
	case StepAskCourier:
		ctx.Slot = lang.SlotCourier
	case StepConfirm:
		ctx.Slot = lang.SlotConfirm
	case StepPickProduct, StepPickVariant, StepComplaintPick:
		ctx.Slot = lang.SlotChoice
		ctx.Choices = len(t.st.Choices)
	case StepPickShipping:
		ctx.Slot = lang.SlotChoice
		if t.st.Ship != nil {
			ctx.Choices = len(t.st.Ship.Options)
		}
	case StepPickPlace:
		ctx.Slot = lang.SlotChoice
		if t.st.Ship != nil {
			ctx.Choices = len(t.st.Ship.Places)
		}
	}
	return ctx
}

// has reports whether the message carries an act of that kind.
func (t *turn) has(kind lang.ActKind) bool {
	for _, a := range t.r.Acts {
		if a.Kind == kind {
			return true
		}
	}
	return false
}

// complaintAct is the message's complaint act, if any.
func (t *turn) complaintAct() (lang.Act, bool) {
	for _, a := range t.r.Acts {
		if a.Kind == lang.ActComplaint {
			return a, true
		}
	}
	return lang.Act{}, false
}

// substantive reports whether the message asks or orders something, beyond
// acts like "ya", "makasih" or a greeting.
func (t *turn) substantive() bool {
	r := &t.r
	return len(r.Items) > 0 || len(r.Unknown) > 0 || len(r.NoVariant) > 0 || len(r.Questions) > 0 ||
		r.Details != (lang.Details{})
}

// onCaption: the words beside a proof or a complaint photo were answered
// with the image; only a different request goes on.
func (t *turn) onCaption() bool {
	if !t.mediaTook {
		return false
	}
	for _, q := range t.r.Questions {
		if q.Kind != lang.QAccount && q.Kind != lang.QPayment && q.Kind != lang.QTotal {
			return false
		}
	}
	for _, it := range t.r.Items {
		if it.SKU != "" {
			return false
		}
	}
	return !t.has(lang.ActComplaint) && !t.has(lang.ActHuman) && !t.has(lang.ActCancel) && !t.has(lang.ActAbuse)
}

func (t *turn) onAbuse() bool {
	if !lang.IsAbusiveNormalized(t.in.Text, t.norm) && !t.has(lang.ActAbuse) {
		return false
	}
	t.angry()
	return true
}

// onStaffCopy: "/lunas 1" from a customer runs nothing, and the answer is
// the one any unreadable text gets — no hint that commands exist.
func (t *turn) onStaffCopy() bool {
	if !looksLikeStaffCommand(t.in.Text) {
		return false
	}
	t.greet()
	t.unknown()
	return true
}

// onSettle reads the answer to "apakah sudah beres?" after staff closed a
// complaint.
func (t *turn) onSettle() bool {
	return t.settle()
}

// onCancel answers the cancel question, and "batal" requests. "Bergonya ga
// jadi" names an item: that is an edit of the cart, not a cancel.
func (t *turn) onCancel() bool {
	if t.st.Step == StepCancelOrder {
		return t.cancelStep()
	}
	if !t.has(lang.ActCancel) || t.has(lang.ActKeep) || len(t.r.Items) > 0 {
		return false
	}
	t.greet()
	t.cancel()
	return true
}

func (t *turn) onComplaintStep() bool {
	switch t.st.Step {
	case StepComplaintPick:
		return t.complaintPickStep()
	case StepComplaintDesc:
		return t.complaintDescStep()
	}
	return false
}

func (t *turn) onComplaint() bool {
	a, ok := t.complaintAct()
	if !ok {
		return false
	}
	if a.Complaint == string(CategoryLate) && t.notShippedYet() {
		return true
	}
	// A complaint opens with thanks and an apology, not "selamat datang".
	t.first = false
	t.startComplaint(ComplaintCategory(a.Complaint))
	return true
}

func (t *turn) onHuman() bool {
	if !t.has(lang.ActHuman) {
		return false
	}
	t.greet()
	t.handover()
	return true
}

func (t *turn) onFormOrder() bool {
	form, ok := lang.ParseOrderForm(t.in.Text, t.shop.Shipping.Couriers)
	if !ok {
		return false
	}
	t.greet()
	t.orderForm(form)
	return true
}

// onMenuNumber: a bare "3" with nothing pending is a main-menu choice.
func (t *turn) onMenuNumber() bool {
	n, ok := menuNumber(t.norm)
	if !ok || t.st.Step != StepIdle {
		return false
	}
	t.greet()
	t.menuChoice(n)
	return true
}

// onSmallTalk answers greetings, thanks and a lone yes or no.
func (t *turn) onSmallTalk() bool {
	switch {
	case t.has(lang.ActSalam), t.has(lang.ActGreet):
		if t.has(lang.ActSalam) && !t.first {
			t.say("salam_again", "name", t.nameSuffix())
			return true
		}
		wasFirst := t.first
		t.greet()
		if wasFirst {
			t.say("menu")
		} else {
			t.say("greeting_again", "name", t.nameSuffix())
		}
	case t.has(lang.ActThanks):
		t.greet()
		t.say("thanks")
	case t.has(lang.ActDone):
		t.greet()
		if len(t.st.Cart) > 0 {
			t.askDetails()
		} else {
			t.say("cart_empty")
		}
	case t.has(lang.ActKeep):
		t.greet()
		t.say("ok")
	case t.has(lang.ActConfirm), t.has(lang.ActDeny):
		t.greet()
		if t.st.Step != StepIdle {
			t.repeatQuestion()
		} else {
			t.say("yes_idle")
		}
	default:
		return false
	}
	t.st.Unknowns = 0
	return true
}

// onUnknown: one helpful answer, then a shorter one.
func (t *turn) onUnknown() bool {
	t.greet()
	if t.intent == lang.IntentOrder && t.st.Product != "" {
		// "ok aku ambil 1 ya" after a product card: that product.
		if q, _, err := lang.ExtractQuantity(t.in.Text, t.shop.MaxQty); err == nil && q > 0 {
			t.r.Items = append(t.r.Items, lang.Item{Span: lang.Span{End: len(t.r.Norm)}, Qty: q, QtySaid: true, Op: lang.OpAdd})
			return t.onMentions()
		}
	}
	if t.intent == lang.IntentOrder {
		if namesSomething(t.norm) {
			// "mau beli sepatu 2" in a hijab shop: say so before asking.
			t.say("not_found")
		}
		t.say("order_what", "example", t.example())
		return true
	}
	if t.intent == lang.IntentPrice || t.intent == lang.IntentStockCheck {
		if namesSomething(t.norm) {
			t.say("not_found")
		} else {
			t.say("which_product")
		}
		t.catalog()
		return true
	}
	if t.st.Step != StepIdle && t.repeatQuestion() {
		return true
	}
	t.unknown()
	return true
}

// repeatQuestion asks the pending question again. It reports whether there
// was one.
func (t *turn) repeatQuestion() bool {
	switch t.st.Step {
	case StepAskName, StepAskAddress, StepAskPhone, StepAskCourier:
		t.askDetails()
	case StepAskQty:
		t.say("ask_qty")
	case StepConfirm:
		t.say("confirm_change")
	case StepCart:
		t.say("cart_more")
	case StepPickProduct, StepPickVariant:
		t.askPending()
	case StepWaitShipping, StepPickShipping, StepPickPlace:
		t.st.Step = StepCart
		t.askDetails()
	default:
		return false
	}
	return true
}

// salamReply answers "assalamualaikum" before anything else of the turn.
func (t *turn) salamReply() {
	if t.has(lang.ActSalam) && !t.salamDone {
		t.salamDone = true
		if !t.first {
			t.say("salam_again", "name", t.nameSuffix())
		}
	}
}

// menuNumber reads a bare menu number ("3", "no 3", "3.").
func menuNumber(norm string) (int, bool) {
	s := strings.TrimSpace(strings.TrimPrefix(norm, "nomor"))
	s = strings.TrimSpace(strings.TrimSuffix(s, "."))
	if len(s) != 1 || s[0] < '1' || s[0] > '6' {
		return 0, false
	}
	return int(s[0] - '0'), true
}
