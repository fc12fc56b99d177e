package flows

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// headView is a View that reads the open lists' first items and counts
// the rest, as the store does.
type headView struct {
	*fuzzView
	asked int
}

func (v *headView) OrdersHead(status OrderStatus, n int) ([]Order, int) {
	v.asked = n
	all := v.Orders(status)
	return all[:min(n, len(all))], len(all)
}

// listView reads the open lists' first orders without their lines, as
// the store's OrderList does.
type listView struct{ headView }

func (v *listView) OrderList(status OrderStatus, n int) ([]Order, int) {
	head, total := v.OrdersHead(status, n)
	out := make([]Order, len(head))
	for i, o := range head {
		o.Items, o.Proofs = nil, nil
		out[i] = o
	}
	return out, total
}

func (v *listView) PackingList(n int) ([]Order, int) { return v.OrdersHead(StatusPaid, n) }

func (v *headView) ComplaintsHead(n int) ([]Complaint, int) {
	v.asked = n
	all := v.Complaints("")
	return all[:min(n, len(all))], len(all)
}

// TestOpenListsCountWhatTheyDoNotShow: /pesanan and /komplain list the
// first 30 open items, /gudang the first 20 paid orders with their lines,
// and say how many more wait, whether the View reads them all or only the
// first ones with their count.
func TestOpenListsCountWhatTheyDoNotShow(t *testing.T) {
	shop := fuzzShop()
	owner := Staff{Phone: "6281200000001", Role: RoleOwner}
	at := time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)
	base := newFuzzView()
	for i := 1; i <= 34; i++ {
		base.orders = append(base.orders, Order{ID: int64(i), Status: StatusAwaitingPayment, CustomerID: 1,
			CustomerName: fmt.Sprint("Pembeli ", i), Total: 50000, CreatedAt: at})
	}
	for i := 35; i <= 59; i++ {
		base.orders = append(base.orders, Order{ID: int64(i), Status: StatusPaid, CustomerID: 1, CustomerName: fmt.Sprint("Pembeli ", i),
			Courier: "jne", Phone: "6285700000001", Address: fmt.Sprint("Jl. Mawar ", i), Total: 50000, CreatedAt: at,
			Items: []OrderLine{{SKU: "PSM-01", Name: "Pashmina", Variant: "Hitam", Qty: 2, Price: 20000}}})
	}
	for i := 1; i <= 33; i++ {
		base.complaints = append(base.complaints, Complaint{ID: int64(i), Status: ComplaintOpen, Category: CategoryLate, CustomerID: 1,
			CustomerName: fmt.Sprint("Pembeli ", i), Description: "belum sampai", CreatedAt: at, DueAt: at.Add(time.Hour)})
	}
	for _, c := range []struct {
		command    string
		want       []string
		first, cut string // the last item listed, the first one not
		shown      int
	}{
		{"/pesanan", []string{"Pesanan terbuka (59):", "#30 Pembeli 30", "… dan 29 lagi"}, "#30 ", "#31 ", orderListShown},
		{"/komplain", []string{"Komplain terbuka (33):", "#30 Pembeli 30", "… dan 3 lagi"}, "#30 ", "#31 ", orderListShown},
		{"/gudang", []string{"Daftar kemas (25):", "#54 Pembeli 54 (jne)\n6285700000001, Jl. Mawar 54\n• 2 x Pashmina Hitam", "… dan 5 lagi"}, "#54 ", "#55 ", packingShown},
	} {
		head := &headView{fuzzView: base}
		list := &listView{headView{fuzzView: base}}
		for name, v := range map[string]View{"all": base, "head": head, "list": list} {
			text := HandleCommand(shop, owner, c.command, at, v).Replies[0].Text
			for _, want := range c.want {
				if !strings.Contains(text, want) {
					t.Errorf("%s, %s: %q missing from:\n%s", c.command, name, want, text)
				}
			}
			if !strings.Contains(text, c.first) || strings.Contains(text, c.cut) {
				t.Errorf("%s, %s: not listed up to %q:\n%s", c.command, name, c.first, text)
			}
		}
		if head.asked != c.shown || list.asked != c.shown {
			t.Errorf("%s: the View was asked for %d and %d items, want %d", c.command, head.asked, list.asked, c.shown)
		}
	}
}
