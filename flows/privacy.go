package flows

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"fmt"
	"strings"
	"time"
)

// Steps of the data-rights conversation.
const (
	StepEraseConfirm1 = "erase_confirm1"
	StepEraseConfirm2 = "erase_confirm2"
)

// EraseCustomer deletes or anonymises what the shop keeps about a customer
// (UU PDP): orders kept for bookkeeping lose name, phone and address; the
// customer's messages, photos and proofs are deleted.
type EraseCustomer struct{ CustomerID int64 }

func (EraseCustomer) effect() {}

// privacyRequest reads "data saya" / "/dataku" and "hapus data saya" /
// "/hapusdataku". It reports whether it took the turn.
func (t *turn) privacyRequest() bool {
	n := " " + t.norm + " "
	wantsErase := strings.Contains(n, "hapusdataku") || (strings.Contains(n, " hapus") && strings.Contains(n, " data"))
	wantsData := strings.Contains(n, " dataku ") ||
		(t.st.Step == StepIdle && (strings.Contains(n, " data saya ") || strings.Contains(n, " data pribadi ")))
	switch t.st.Step {
	case StepEraseConfirm1, StepEraseConfirm2:
		// Only the exact word goes on and only a clear "batal / tidak / ga
		// jadi" stops: "ya" or "iya hapus data saya" is the request again,
		// never a no. Another question is answered while the prompt waits.
		want, again := "HAPUS", "erase_again1"
		if t.st.Step == StepEraseConfirm2 {
			want, again = "YA HAPUS", "erase_again2"
		}
		switch {
		case confirmWord(t.in.Text) == want:
			if t.st.Step == StepEraseConfirm1 {
				t.st.Step = StepEraseConfirm2
				t.say("erase_confirm2")
				return true
			}
			t.st.Step = StepIdle
			t.erase()
		case t.has(lang.ActCancel) || t.has(lang.ActDeny) || t.has(lang.ActKeep) || strings.Contains(n, " jangan "):
			t.st.Step = StepIdle
			t.say("erase_kept")
		case !wantsErase && t.otherRequest():
			return false
		default:
			t.say(again)
		}
		return true
	}
	switch {
	case wantsErase:
		t.greet()
		if o := eraseBlocker(t.v, t.in.Customer.ID); o != nil {
			// The shop still owes this customer a parcel: a person decides.
			t.say("erase_open_orders", "id", itoa(o.ID))
			t.notify(t.shop.Text("notify_erase_review", "name", t.customerLabel(), "phone", t.customerPhone(), "id", itoa(o.ID)))
			return true
		}
		t.st.Step = StepEraseConfirm1
		t.say("erase_confirm1")
		return true
	case wantsData:
		t.greet()
		t.sayText(t.myData())
		return true
	}
	return false
}

// confirmWord is a confirmation as typed, upper case, with the bold marks,
// punctuation and extra spaces a phone adds taken off: "*hapus*." is HAPUS.
func confirmWord(s string) string {
	return strings.Join(strings.Fields(strings.ToUpper(strings.Trim(strings.TrimSpace(s), "*_~.!\"'`"))), " ")
}

// otherRequest reports whether the message asks for something else than
// the erasure (a product, an order, a complaint, a person), not a yes, a
// greeting or unclear text.
func (t *turn) otherRequest() bool {
	return t.substantive() || t.has(lang.ActComplaint) || t.has(lang.ActHuman) || t.has(lang.ActAbuse)
}

// myData lists what the shop keeps about the customer.
func (t *turn) myData() string {
	return CustomerData(t.shop, t.in.Customer, t.v) + "\n\n" + t.shop.Text("mydata_tail")
}

// CustomerData lists what the shop keeps about a customer: for the
// customer's own request and for the owner's /datapelanggan.
func CustomerData(shop *Shop, c Customer, v View) string {
	var b strings.Builder
	b.WriteString(shop.Text("mydata_head", "shop", shop.Name))
	fmt.Fprintf(&b, "\nNama WhatsApp: %s\nNomor: %s", lang.Clean(c.PushName, 100), c.Chat())
	orders := v.CustomerOrders(c.ID)
	if len(orders) == 0 {
		b.WriteString("\nPesanan: belum ada")
	}
	for _, o := range orders {
		fmt.Fprintf(&b, "\n\nPesanan #%d (%s, %s): %s\nPenerima: %s, %s\n%s", o.ID, o.CreatedAt.In(shop.loc()).Format("02-01-2006"),
			StatusText(o.Status), itemsShort(o.Items), lang.Clean(o.CustomerName, 100), o.Phone, lang.Clean(o.Address, 500))
	}
	if n := len(v.CustomerComplaints(c.ID)); n > 0 {
		fmt.Fprintf(&b, "\n\nKomplain: %d", n)
	}
	return b.String()
}

// eraseBlocker is an order that still needs the customer's data (being
// paid, packed or delivered), or nil.
func eraseBlocker(v View, customerID int64) *Order {
	for _, o := range v.CustomerOrders(customerID) {
		if o.Status == StatusAwaitingVerification || o.Status == StatusPaid || o.Status == StatusShipped {
			return &o
		}
	}
	return nil
}

// eraseEffects cancels unpaid orders (their stock goes back) and erases.
func eraseEffects(v View, customerID int64, at time.Time) []Effect {
	var out []Effect
	for _, o := range v.CustomerOrders(customerID) {
		if o.Status == StatusAwaitingPayment {
			out = append(out, SetOrderStatus{ID: o.ID, Status: StatusCancelled, At: at, Reason: "data dihapus atas permintaan pelanggan"})
		}
	}
	return append(out, EraseCustomer{CustomerID: customerID})
}

func (t *turn) erase() {
	t.say("erase_done", "shop", t.shop.Name)
	t.res.Effects = append(t.res.Effects, eraseEffects(t.v, t.in.Customer.ID, t.in.At)...)
	t.effect(Audit{Actor: "customer", Action: "hapus data", Detail: fmt.Sprintf("customer %d", t.in.Customer.ID)})
	t.notify(t.shop.Text("notify_erased", "id", itoa(t.in.Customer.ID)))
	t.st = State{LastSeen: t.in.At, Privacy: true}
}
