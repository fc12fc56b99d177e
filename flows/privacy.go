package flows

import (
	"fmt"
	"strings"
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
	case StepEraseConfirm1:
		t.st.Step = StepIdle
		if strings.TrimSpace(strings.ToUpper(t.in.Text)) == "HAPUS" {
			t.st.Step = StepEraseConfirm2
			t.say("erase_confirm2")
			return true
		}
		t.say("erase_kept")
		return true
	case StepEraseConfirm2:
		t.st.Step = StepIdle
		if strings.TrimSpace(strings.ToUpper(t.in.Text)) == "YA HAPUS" {
			t.erase()
			return true
		}
		t.say("erase_kept")
		return true
	}
	switch {
	case wantsErase:
		t.greet()
		for _, o := range t.v.CustomerOrders(t.in.Customer.ID) {
			if o.Status == StatusAwaitingVerification || o.Status == StatusPaid || o.Status == StatusShipped {
				// The shop still owes this customer a parcel: a person decides.
				t.say("erase_open_orders", "id", itoa(o.ID))
				t.notify(t.shop.Text("notify_erase_review", "name", t.customerLabel(), "phone", t.customerPhone(), "id", itoa(o.ID)))
				return true
			}
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

// myData lists what the shop keeps about the customer.
func (t *turn) myData() string {
	var b strings.Builder
	b.WriteString(t.shop.Text("mydata_head", "shop", t.shop.Name))
	fmt.Fprintf(&b, "\nNama WhatsApp: %s\nNomor: %s", Clean(t.in.Customer.PushName, 100), t.customerPhone())
	orders := t.v.CustomerOrders(t.in.Customer.ID)
	if len(orders) == 0 {
		b.WriteString("\nPesanan: belum ada")
	}
	for _, o := range orders {
		fmt.Fprintf(&b, "\n\nPesanan #%d (%s, %s): %s\nPenerima: %s, %s\n%s", o.ID, o.CreatedAt.In(t.shop.loc()).Format("02-01-2006"),
			StatusText(o.Status), itemsShort(o.Items), Clean(o.CustomerName, 100), o.Phone, Clean(o.Address, 500))
	}
	if n := len(t.v.CustomerComplaints(t.in.Customer.ID)); n > 0 {
		fmt.Fprintf(&b, "\n\nKomplain: %d", n)
	}
	b.WriteString("\n\n" + t.shop.Text("mydata_tail"))
	return b.String()
}

func (t *turn) erase() {
	// Unpaid orders are cancelled first so their stock goes back.
	for _, o := range t.v.CustomerOrders(t.in.Customer.ID) {
		if o.Status == StatusAwaitingPayment {
			t.effect(SetOrderStatus{ID: o.ID, Status: StatusCancelled, At: t.in.At, Reason: "data dihapus atas permintaan pelanggan"})
		}
	}
	t.say("erase_done", "shop", t.shop.Name)
	t.effect(EraseCustomer{CustomerID: t.in.Customer.ID})
	t.effect(Audit{Actor: "customer", Action: "hapus data", Detail: fmt.Sprintf("customer %d", t.in.Customer.ID)})
	t.notify(t.shop.Text("notify_erased", "id", itoa(t.in.Customer.ID)))
	t.st = State{LastSeen: t.in.At, Privacy: true}
}
