package flows_test

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/pesanbot/pesanbot/config"
	"github.com/pesanbot/pesanbot/flows"
)

// BenchmarkHandle runs flows.Handle alone (no SQL) on the sample shop and
// catalogue, one customer message per op, in the conversations of
// internal/benchwork: "order" is its sequential workload (an order, the
// delivery details in one message, "ya", a question), "mixed" adds
// questions alone and complaints. As the store does today, a turn that
// changes stock is followed by a freshly loaded catalogue.
//
//	go test ./flows -run '^$' -bench Handle -benchmem
func BenchmarkHandle(b *testing.B) {
	b.Run("order", func(b *testing.B) { benchHandle(b, false) })
	b.Run("mixed", func(b *testing.B) { benchHandle(b, true) })
}

var benchQuestions = []string{"halo kak", "ongkir ke bekasi berapa kak", "bisa cod ga kak", "pashmina hitam ready?",
	"alamat tokonya dimana kak", "jam buka toko jam berapa kak", "makasih kak", "pesanan saya gmn?"}

var benchNames = []string{"Rina Sari", "Dewi Lestari", "Ani Wulandari", "Fitri Handayani", "Eka Putri", "Siti Rahma", "Budi Santoso", "Citra Kirana"}

// episode is one customer's messages.
func episode(k int, mixed bool) []string {
	phone := fmt.Sprintf("%08d", 10000000+k)
	order := []string{"mau pashmina hitam 1", fmt.Sprintf("%s, Jl. Mawar %d Bekasi 17111, 0812%s, jne", benchNames[k%len(benchNames)], 1+k%99, phone), "ya"}
	q := benchQuestions[k%len(benchQuestions)]
	if !mixed {
		return append(order, q)
	}
	switch k % 10 {
	case 0, 1, 2, 3:
		return order
	case 8:
		return []string{"kak paket saya belum sampai", "sudah 5 hari kak"}
	default:
		return []string{q}
	}
}

func benchHandle(b *testing.B, mixed bool) {
	shop, err := config.Parse("shop.yaml", []byte(config.SampleShopYAML))
	if err != nil {
		b.Fatal(err)
	}
	cat, err := config.SampleCatalog()
	if err != nil {
		b.Fatal(err)
	}
	var id int64
	for i := range cat.Products {
		for j := range cat.Products[i].Variants {
			id++
			cat.Products[i].Variants[j].ID = id
			cat.Products[i].Variants[j].Stock = 1_000_000
		}
	}
	v := &benchView{cat: cat, orders: map[int64][]flows.Order{}}
	at := time.Date(2026, 11, 26, 10, 0, 0, 0, shop.Location)
	var (
		k    int
		msgs []string
		st   flows.State
		cust flows.Customer
	)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	for range b.N {
		if len(msgs) == 0 {
			k++
			msgs, st = episode(k, mixed), flows.State{}
			cust = flows.Customer{ID: int64(k), Phone: fmt.Sprintf("62812%08d", 10000000+k), PushName: benchNames[k%len(benchNames)]}
		}
		res := flows.Handle(shop, st, flows.Input{Customer: cust, Text: msgs[0], At: at.Add(time.Duration(len(msgs)) * -time.Minute)}, v)
		msgs, st = msgs[1:], res.State
		v.apply(res.Effects)
	}
	b.StopTimer()
	b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
	if b.N >= 4 && len(v.all) == 0 {
		b.Fatal("no order was placed: the conversation is not the one meant")
	}
}

// benchView is an in-memory flows.View over the orders and complaints
// the benchmark's turns create.
type benchView struct {
	cat        *flows.Catalog
	orders     map[int64][]flows.Order // by customer, oldest first
	all        []flows.Order
	complaints []flows.Complaint
}

// apply plays a turn's effects as the store would; a stock change loads
// the catalogue again.
func (v *benchView) apply(effects []flows.Effect) {
	for _, e := range effects {
		switch e := e.(type) {
		case flows.CreateOrder:
			o := e.Order
			v.orders[o.CustomerID] = append(v.orders[o.CustomerID], o)
			v.all = append(v.all, o)
			if len(v.all) > 50 {
				v.all = v.all[1:]
			}
			stock := map[int64]int{}
			for _, l := range o.Items {
				stock[l.VariantID] += l.Qty
			}
			c := &flows.Catalog{Products: make([]flows.Product, len(v.cat.Products))}
			for i, p := range v.cat.Products {
				p.Variants = append([]flows.Variant(nil), p.Variants...)
				for j := range p.Variants {
					p.Variants[j].Stock -= stock[p.Variants[j].ID]
				}
				c.Products[i] = p
			}
			v.cat = c
		case flows.CreateComplaint:
			v.complaints = append(v.complaints, e.Complaint)
			if len(v.complaints) > 50 {
				v.complaints = v.complaints[1:]
			}
		}
	}
}

func (v *benchView) Catalog() *flows.Catalog { return v.cat }

func (v *benchView) Order(id int64) (*flows.Order, bool) {
	for i := range v.all {
		if v.all[i].ID == id {
			return &v.all[i], true
		}
	}
	return nil, false
}

func (v *benchView) CustomerOrders(customerID int64) []flows.Order {
	os := v.orders[customerID]
	out := make([]flows.Order, 0, len(os))
	for i := len(os) - 1; i >= 0; i-- {
		out = append(out, os[i])
	}
	return out
}

func (v *benchView) Complaint(id int64) (*flows.Complaint, bool) {
	for i := range v.complaints {
		if v.complaints[i].ID == id {
			return &v.complaints[i], true
		}
	}
	return nil, false
}

func (v *benchView) CustomerComplaints(customerID int64) []flows.Complaint {
	var out []flows.Complaint
	for i := len(v.complaints) - 1; i >= 0; i-- {
		if v.complaints[i].CustomerID == customerID {
			out = append(out, v.complaints[i])
		}
	}
	return out
}

func (v *benchView) Orders(status flows.OrderStatus) []flows.Order {
	var out []flows.Order
	for _, o := range v.all {
		if (status == "" && o.Status.Open()) || o.Status == status {
			out = append(out, o)
		}
	}
	return out
}

func (v *benchView) Complaints(status flows.ComplaintStatus) []flows.Complaint {
	var out []flows.Complaint
	for _, c := range v.complaints {
		if (status == "" && c.Status != flows.ComplaintResolved) || c.Status == status {
			out = append(out, c)
		}
	}
	return out
}

func (v *benchView) CustomerByPhone(string) (*flows.Customer, bool) { return nil, false }
func (v *benchView) CustomerByID(int64) (*flows.Customer, bool)     { return nil, false }
func (v *benchView) NextOrderID() int64 {
	if len(v.all) == 0 {
		return 1
	}
	return v.all[len(v.all)-1].ID + 1
}
func (v *benchView) FreeCode(want, _ int64) int64 { return want }
func (v *benchView) NextComplaintID() int64 {
	if len(v.complaints) == 0 {
		return 1
	}
	return v.complaints[len(v.complaints)-1].ID + 1
}
func (v *benchView) Summary(from, to time.Time) flows.Summary {
	return flows.Summary{From: from, To: to, ByStatus: map[string]int{}}
}

// processCPU is the process's user+system CPU time so far: steadier than
// ns/op when other work shares the machine.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
