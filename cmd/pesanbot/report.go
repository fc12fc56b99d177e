package main

import (
	"github.com/pesanbot/pesanbot/flows/lang"

	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/store"
)

// The JSON shapes are a contract (SPEC "JSON shapes").
type jsonCustomer struct {
	Phone string `json:"phone"`
	Name  string `json:"name"`
}

type jsonItem struct {
	SKU     string `json:"sku"`
	Name    string `json:"name"`
	Variant string `json:"variant"`
	Qty     int    `json:"qty"`
	Price   int64  `json:"price"`
}

type jsonOrder struct {
	ID       int64        `json:"id"`
	Status   string       `json:"status"`
	Customer jsonCustomer `json:"customer"`
	Address  string       `json:"address"`
	Courier  string       `json:"courier"`
	// ShippingETA is the live estimate of the chosen courier service
	// ("2-3 hari"), left out with flat rates.
	ShippingETA string     `json:"shipping_eta,omitempty"`
	Payment     string     `json:"payment"`
	Items       []jsonItem `json:"items"`
	Subtotal    int64      `json:"subtotal"`
	Shipping    int64      `json:"shipping"`
	UniqueCode  int64      `json:"unique_code"`
	Total       int64      `json:"total"`
	CreatedAt   *time.Time `json:"created_at"`
	PaidAt      *time.Time `json:"paid_at"`
	ShippedAt   *time.Time `json:"shipped_at"`
	Tracking    string     `json:"tracking"`
	// QRIS is the order's dynamic QRIS payload (its total in tag 54),
	// left out when the shop has no QRIS.
	QRIS string `json:"qris,omitempty"`
	// Returned is when a shipped parcel came back unpaid (/retur); the
	// order is then cancelled. Left out for every other order.
	Returned *time.Time `json:"returned,omitempty"`
	// Rating is the buyer's rating 1–5 after delivery, left out when none;
	// RatingComment is what they wrote with it.
	Rating        int    `json:"rating,omitempty"`
	RatingComment string `json:"rating_comment,omitempty"`
}

type jsonComplaint struct {
	ID          int64        `json:"id"`
	Status      string       `json:"status"`
	Category    string       `json:"category"`
	OrderID     *int64       `json:"order_id"`
	Customer    jsonCustomer `json:"customer"`
	Description string       `json:"description"`
	CreatedAt   *time.Time   `json:"created_at"`
	DueAt       *time.Time   `json:"due_at"`
	FollowUps   int          `json:"follow_ups"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func orderJSON(o flows.Order) jsonOrder {
	j := jsonOrder{ID: o.ID, Status: string(o.Status), Customer: jsonCustomer{Phone: o.CustomerPhone, Name: o.CustomerName},
		Address: o.Address, Courier: o.Courier, ShippingETA: o.ShippingETA, Payment: string(o.Payment.OrDefault()), Items: []jsonItem{}, Subtotal: o.Subtotal, Shipping: o.Shipping,
		UniqueCode: o.UniqueCode, Total: o.Total, CreatedAt: timePtr(o.CreatedAt), PaidAt: timePtr(o.PaidAt),
		ShippedAt: timePtr(o.ShippedAt), Tracking: o.Tracking, Returned: timePtr(o.ReturnedAt), Rating: o.Rating, RatingComment: o.RatingComment}
	for _, it := range o.Items {
		j.Items = append(j.Items, jsonItem{SKU: it.SKU, Name: it.Name, Variant: it.Variant, Qty: it.Qty, Price: it.Price})
	}
	return j
}

func complaintJSON(c flows.Complaint) jsonComplaint {
	j := jsonComplaint{ID: c.ID, Status: string(c.Status), Category: string(c.Category),
		Customer: jsonCustomer{Phone: c.CustomerPhone, Name: c.CustomerName}, Description: c.Description,
		CreatedAt: timePtr(c.CreatedAt), DueAt: timePtr(c.DueAt), FollowUps: c.FollowUps}
	if c.OrderID > 0 {
		id := c.OrderID
		j.OrderID = &id
	}
	return j
}

func (e *environment) openFromFlags(data string) (*shopEnv, error) {
	dir, err := e.dataDir(data)
	if err != nil {
		return nil, err
	}
	return e.openShop(dir, store.Options{})
}

func (e *environment) printJSON(v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func (e *environment) cmdOrders(args []string) error {
	fs, data := e.flags("orders")
	status := fs.String("status", "", "`S` hanya pesanan dengan status ini: "+statusWords(flows.OrderStatuses, flows.OrderStatus.Label))
	asJSON := fs.Bool("json", false, "keluaran JSON (status dengan nilai bahasa Inggris: awaiting_payment …)")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usagef("orders tidak menerima argumen; hanya --status, --json dan --data")
	}
	var st flows.OrderStatus
	if *status != "" {
		var ok bool
		if st, ok = flows.ParseOrderStatus(*status); !ok {
			return usagef("--status %q tidak dikenal; pakai %s (atau %s)", *status,
				statusWords(flows.OrderStatuses, flows.OrderStatus.Label), englishWords(flows.OrderStatuses))
		}
	}
	s, err := e.openFromFlags(*data)
	if err != nil {
		return err
	}
	defer s.Close()
	orders, err := s.db.Orders(e.ctx, st)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]jsonOrder, 0, len(orders))
		for _, o := range orders {
			j := orderJSON(o)
			j.QRIS = flows.OrderQRIS(s.shop, o.Total)
			out = append(out, j)
		}
		return e.printJSON(out)
	}
	if len(orders) == 0 {
		fmt.Fprintln(e.stdout, "Belum ada pesanan.")
		return nil
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tSTATUS\tPELANGGAN\tTOTAL\tDIBUAT\tBARANG")
	for _, o := range orders {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", o.ID, o.Status.Label(), lang.Clean(o.CustomerName, 30), lang.FormatRupiah(o.Total),
			o.CreatedAt.In(s.shop.Location).Format("2006-01-02 15:04"), itemsText(o.Items))
	}
	return w.Flush()
}

// statusWords lists statuses as they are typed after --status: the
// owner's labels with a hyphen for the space ("belum-bayar").
func statusWords[S ~string](all []S, label func(S) string) string {
	words := make([]string, len(all))
	for i, s := range all {
		words[i] = strings.ReplaceAll(label(s), " ", "-")
	}
	return strings.Join(words, ", ")
}

// englishWords lists the statuses' English values, which --status and
// --json keep.
func englishWords[S ~string](all []S) string {
	words := make([]string, len(all))
	for i, s := range all {
		words[i] = string(s)
	}
	return strings.Join(words, ", ")
}

func itemsText(items []flows.OrderLine) string {
	s := ""
	for i, it := range items {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%dx %s %s", it.Qty, it.SKU, it.Variant)
	}
	return s
}

func (e *environment) cmdComplaints(args []string) error {
	fs, data := e.flags("complaints")
	status := fs.String("status", "", "`S` hanya komplain dengan status ini: "+statusWords(flows.ComplaintStatuses, flows.ComplaintStatus.Label))
	asJSON := fs.Bool("json", false, "keluaran JSON (status dengan nilai bahasa Inggris: open …)")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usagef("complaints tidak menerima argumen; hanya --status, --json dan --data")
	}
	var st flows.ComplaintStatus
	if *status != "" {
		var ok bool
		if st, ok = flows.ParseComplaintStatus(*status); !ok {
			return usagef("--status %q tidak dikenal; pakai %s (atau %s)", *status,
				statusWords(flows.ComplaintStatuses, flows.ComplaintStatus.Label), englishWords(flows.ComplaintStatuses))
		}
	}
	s, err := e.openFromFlags(*data)
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := s.db.Complaints(e.ctx, st)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]jsonComplaint, 0, len(list))
		for _, c := range list {
			out = append(out, complaintJSON(c))
		}
		return e.printJSON(out)
	}
	if len(list) == 0 {
		fmt.Fprintln(e.stdout, "Belum ada komplain.")
		return nil
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tSTATUS\tKATEGORI\tPESANAN\tPELANGGAN\tJANJI")
	for _, c := range list {
		order := "-"
		if c.OrderID > 0 {
			order = fmt.Sprint(c.OrderID)
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.Status.Label(), c.Category.Label(), order, lang.Clean(c.CustomerName, 30),
			c.DueAt.In(s.shop.Location).Format("2006-01-02 15:04"))
	}
	return w.Flush()
}

func (e *environment) cmdSummary(args []string) error {
	fs, data := e.flags("summary")
	date := fs.String("date", "", "`YYYY-MM-DD` satu hari (bawaan: hari ini)")
	week := fs.Bool("week", false, "7 hari terakhir")
	month := fs.Bool("month", false, "30 hari terakhir")
	asJSON := fs.Bool("json", false, "keluaran JSON")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usagef("summary tidak menerima argumen; hanya --date, --week, --month, --json dan --data")
	}
	n := 0
	for _, b := range []bool{*date != "", *week, *month} {
		if b {
			n++
		}
	}
	if n > 1 {
		return usagef("summary: pilih salah satu: --date, --week atau --month")
	}
	s, err := e.openFromFlags(*data)
	if err != nil {
		return err
	}
	defer s.Close()
	loc := s.shop.Location
	now := time.Now().In(loc)
	from := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	label := "hari ini"
	if *date != "" {
		d, err := time.ParseInLocation("2006-01-02", *date, loc)
		if err != nil {
			return usagef("--date %q: tulis YYYY-MM-DD (contoh 2026-11-30)", *date)
		}
		from, label = d, *date
	}
	to := from.AddDate(0, 0, 1)
	switch {
	case *week:
		from, label = from.AddDate(0, 0, -6), "7 hari terakhir"
	case *month:
		from, label = from.AddDate(0, 0, -29), "30 hari terakhir"
	}
	sum, err := s.db.Summary(e.ctx, from, to)
	if err != nil {
		return err
	}
	if *asJSON {
		return e.printJSON(sum)
	}
	fmt.Fprintln(e.stdout, flows.SummaryText(s.shop, sum, label))
	return nil
}
