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

func (v *headView) ComplaintsHead(n int) ([]Complaint, int) {
	v.asked = n
	all := v.Complaints("")
	return all[:min(n, len(all))], len(all)
}

// TestOpenListsCountWhatTheyDoNotShow: /pesanan and /komplain list the
// first 30 open items and say how many more wait, whether the View reads
// them all or only the first ones with their count.
func TestOpenListsCountWhatTheyDoNotShow(t *testing.T) {
	shop := fuzzShop()
	owner := Staff{Phone: "6281200000001", Role: RoleOwner}
	at := time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)
	base := newFuzzView()
	for i := 1; i <= 34; i++ {
		base.orders = append(base.orders, Order{ID: int64(i), Status: StatusAwaitingPayment, CustomerID: 1,
			CustomerName: fmt.Sprint("Pembeli ", i), Total: 50000, CreatedAt: at})
	}
	for i := 1; i <= 33; i++ {
		base.complaints = append(base.complaints, Complaint{ID: int64(i), Status: ComplaintOpen, Category: CategoryLate, CustomerID: 1,
			CustomerName: fmt.Sprint("Pembeli ", i), Description: "belum sampai", CreatedAt: at, DueAt: at.Add(time.Hour)})
	}
	for _, c := range []struct {
		command string
		want    []string
	}{
		{"/pesanan", []string{"Pesanan terbuka (34):", "#30 Pembeli 30", "… dan 4 lagi"}},
		{"/komplain", []string{"Komplain terbuka (33):", "#30 Pembeli 30", "… dan 3 lagi"}},
	} {
		head := &headView{fuzzView: base}
		for name, v := range map[string]View{"all": base, "head": head} {
			text := HandleCommand(shop, owner, c.command, at, v).Replies[0].Text
			for _, want := range c.want {
				if !strings.Contains(text, want) {
					t.Errorf("%s, %s: %q missing from:\n%s", c.command, name, want, text)
				}
			}
			if strings.Contains(text, "#31 ") {
				t.Errorf("%s, %s: the 31st item is listed:\n%s", c.command, name, text)
			}
		}
		if head.asked != orderListShown {
			t.Errorf("%s: the View was asked for %d items, want %d", c.command, head.asked, orderListShown)
		}
	}
}
