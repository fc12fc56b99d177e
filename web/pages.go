package web

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/store"
)

func (s *Server) loc() *time.Location {
	if s.c.Shop.Location != nil {
		return s.c.Shop.Location
	}
	return time.UTC
}

// todayView is the "Hari ini" page.
type todayView struct {
	Today                             flows.Summary
	ToVerify, AwaitingPayment, Unsent int
	Complaints                        []complaintRow
	Orders, Revenue, Hours            columnChart
	Products, Regions                 rowChart
	Week                              weekView
	CSAT                              flows.CSAT // ratings of the last 30 days
}

// complaintRow is a complaint with whether its promise has passed.
type complaintRow struct {
	flows.Complaint
	Overdue bool
}

func (s *Server) today(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	now := s.c.Now()
	start := midnight(now.In(s.loc()))
	tomorrow := start.AddDate(0, 0, 1)
	month := start.AddDate(0, 0, -29)
	var v todayView
	var err error
	if v.Today, err = s.c.DB.Summary(ctx, start, tomorrow); err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Ringkasan gagal dibaca.", err)
		return
	}
	last30, err := s.c.DB.Summary(ctx, month, tomorrow)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Ringkasan gagal dibaca.", err)
		return
	}
	week, err := s.c.DB.Summary(ctx, start.AddDate(0, 0, -6), tomorrow)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Ringkasan gagal dibaca.", err)
		return
	}
	v.Week = newWeekView(s.c.Shop, week)
	v.CSAT = last30.CSAT
	days, err := s.dash.DailySales(ctx, month, tomorrow)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Grafik gagal dibaca.", err)
		return
	}
	hours, err := s.dash.MessagesByHour(ctx, month, tomorrow)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Grafik gagal dibaca.", err)
		return
	}
	if v.ToVerify, err = s.dash.CountOrders(ctx, flows.StatusAwaitingVerification); err == nil {
		v.AwaitingPayment, err = s.dash.CountOrders(ctx, flows.StatusAwaitingPayment)
	}
	if err == nil {
		v.Unsent, err = s.dash.UnsentReplies(ctx)
	}
	if err == nil {
		v.Complaints, err = s.openComplaints(r, now)
	}
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Data gagal dibaca.", err)
		return
	}
	v.Orders, v.Revenue = salesCharts(days)
	v.Hours = hoursChart(hours)
	v.Products = rows("Produk terlaris (30 hari)", last30.TopProducts)
	v.Regions = rows("Daerah terbanyak (30 hari)", last30.TopRegions)
	s.render(w, r, http.StatusOK, "today", "Hari ini", v)
}

// openComplaints lists complaints not resolved: overdue first, then by
// promised time.
func (s *Server) openComplaints(r *http.Request, now time.Time) ([]complaintRow, error) {
	all, err := s.c.DB.Complaints(r.Context(), "")
	if err != nil {
		return nil, err
	}
	var out []complaintRow
	for _, k := range all {
		if k.Status == flows.ComplaintResolved {
			continue
		}
		out = append(out, complaintRow{Complaint: k, Overdue: k.Status == flows.ComplaintOpen && k.DueAt.Before(now)})
	}
	sortComplaints(out)
	return out, nil
}

// sortComplaints puts overdue first, then open before answered, then the
// nearest promise first.
func sortComplaints(list []complaintRow) {
	rank := func(k complaintRow) int {
		switch {
		case k.Overdue:
			return 0
		case k.Status == flows.ComplaintOpen:
			return 1
		case k.Status == flows.ComplaintAnswered:
			return 2
		}
		return 3
	}
	slices.SortStableFunc(list, func(a, b complaintRow) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		if a.Status == flows.ComplaintResolved {
			return int(b.ID - a.ID) // newest closed first
		}
		return a.DueAt.Compare(b.DueAt)
	})
}

// statusOption is one choice of the status filter.
type statusOption struct {
	Value, Label string
	Selected     bool
}

// ordersView is the order list with its filter.
type ordersView struct {
	Statuses []statusOption
	From, To string
	Error    string
	Customer int64 // orders of one customer only
	Orders   []flows.Order
	Limit    int
}

const orderListLimit = 200

func (s *Server) orders(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := ordersView{From: q.Get("dari"), To: q.Get("sampai"), Limit: orderListLimit}
	f := store.OrderFilter{Limit: orderListLimit}
	st := flows.OrderStatus(q.Get("status"))
	if st != "" && !st.Valid() {
		v.Error, st = "Status tidak dikenal; semua status ditampilkan.", ""
	}
	f.Status = st
	if c, err := strconv.ParseInt(q.Get("pelanggan"), 10, 64); err == nil && c > 0 {
		f.CustomerID, v.Customer = c, c
	}
	v.Statuses = append(v.Statuses, statusOption{Value: "", Label: "Semua status", Selected: st == ""})
	for _, x := range flows.OrderStatuses {
		v.Statuses = append(v.Statuses, statusOption{Value: string(x), Label: x.Label(), Selected: x == st})
	}
	if d, ok := s.parseDay(v.From); ok {
		f.From = d
	} else {
		v.Error, v.From = "Tanggal tidak valid (pakai YYYY-MM-DD).", ""
	}
	if d, ok := s.parseDay(v.To); ok {
		if !d.IsZero() {
			f.To = d.AddDate(0, 0, 1) // "sampai" includes that day
		}
	} else {
		v.Error, v.To = "Tanggal tidak valid (pakai YYYY-MM-DD).", ""
	}
	list, err := s.dash.Orders(r.Context(), f)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Pesanan gagal dibaca.", err)
		return
	}
	v.Orders = list
	s.render(w, r, http.StatusOK, "orders", "Pesanan", v)
}

// parseDay reads a YYYY-MM-DD in the shop's zone; "" is a zero time.
func (s *Server) parseDay(v string) (time.Time, bool) {
	if v == "" {
		return time.Time{}, true
	}
	d, err := time.ParseInLocation(time.DateOnly, v, s.loc())
	return d, err == nil
}

// orderView is one order in detail with what can be done to it.
type orderView struct {
	Order                                   flows.Order
	Customer                                flows.Customer
	Proofs                                  []string // URLs under /media/
	ProofCount, ProofsMissing               int      // every proof received; those without a stored photo
	QRIS                                    string   // the order's dynamic QRIS payload; "" when the shop has none
	History                                 []historyEntry
	Couriers                                []string
	CanPay, CanShip, CanComplete, CanCancel bool
}

type historyEntry struct {
	At   time.Time
	What string
}

func (s *Server) order(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.fail(w, r, http.StatusNotFound, "Pesanan tidak ada.", nil)
		return
	}
	ctx := r.Context()
	o, err := s.dash.Order(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "Pesanan tidak ada.", nil)
		return
	}
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Pesanan gagal dibaca.", err)
		return
	}
	v := orderView{Order: o, Couriers: s.c.Shop.Shipping.Couriers, QRIS: flows.OrderQRIS(s.c.Shop, o.Total)}
	if v.Customer, err = s.dash.Customer(ctx, o.CustomerID); err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Pelanggan gagal dibaca.", err)
		return
	}
	// Every proof counts, as /pesanan counts them; one without a stored
	// photo (sent from `pesanbot chat`, or lost in the download) is said so.
	v.ProofCount = len(o.Proofs)
	for _, p := range o.Proofs {
		if url, ok := s.proofURL(p); ok {
			v.Proofs = append(v.Proofs, url)
		} else {
			v.ProofsMissing++
		}
	}
	audit, err := s.dash.OrderHistory(ctx, id)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Riwayat gagal dibaca.", err)
		return
	}
	v.History = history(o, audit, s.c.Shop)
	v.CanPay = o.Status.Unpaid()
	v.CanShip = o.Status == flows.StatusPaid || o.Status == flows.StatusShipped
	v.CanComplete = v.CanShip
	v.CanCancel = o.Status.Open() && o.Status != flows.StatusShipped
	s.render(w, r, http.StatusOK, "order", "Pesanan #"+strconv.FormatInt(id, 10), v)
}

// proofURL is where the dashboard shows a stored proof: a file under the
// data directory's media/ that exists.
func (s *Server) proofURL(p string) (string, bool) {
	rest, ok := strings.CutPrefix(filepath.ToSlash(p), "media/")
	if !ok || rest == "" || !filepath.IsLocal(rest) {
		return "", false
	}
	if st, err := os.Stat(filepath.Join(s.mediaDir, filepath.FromSlash(rest))); err != nil || !st.Mode().IsRegular() {
		return "", false
	}
	return "/media/" + rest, true
}

// history merges an order's own times with the staff actions on it.
func history(o flows.Order, audit []store.AuditEntry, shop *flows.Shop) []historyEntry {
	var h []historyEntry
	add := func(t time.Time, what string) {
		if !t.IsZero() {
			h = append(h, historyEntry{At: t, What: what})
		}
	}
	add(o.CreatedAt, "Pesanan dibuat")
	add(o.PaidAt, "Lunas")
	add(o.ShippedAt, "Dikirim")
	add(o.CompletedAt, "Selesai")
	add(o.CancelledAt, "Dibatalkan")
	for _, a := range audit {
		who := a.Actor
		if role := shop.RoleOf(a.Actor); role != "" {
			who = string(role) + " " + a.Actor
		}
		add(a.At, "/"+a.Action+" oleh "+who+": "+auditDetail(a.Detail))
	}
	slices.SortStableFunc(h, func(a, b historyEntry) int { return a.At.Compare(b.At) })
	return h
}

// auditDetail shows an audit detail in the owner's words: the log keeps
// "order 12 …" (OrderHistory looks for it), the page says "pesanan #12 …".
func auditDetail(d string) string {
	if rest, ok := strings.CutPrefix(d, "order "); ok {
		return "pesanan #" + rest
	}
	return d
}

// pathID reads the {id} path value: a positive decimal number.
func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// complaintsView is the complaint list: open first, overdue highlighted.
type complaintsView struct {
	Complaints []complaintRow
	Open       int
}

func (s *Server) complaints(w http.ResponseWriter, r *http.Request) {
	now := s.c.Now()
	all, err := s.c.DB.Complaints(r.Context(), "")
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Komplain gagal dibaca.", err)
		return
	}
	var v complaintsView
	for _, k := range all {
		if k.Status != flows.ComplaintResolved {
			v.Open++
		}
		v.Complaints = append(v.Complaints, complaintRow{Complaint: k, Overdue: k.Status == flows.ComplaintOpen && k.DueAt.Before(now)})
	}
	sortComplaints(v.Complaints)
	s.render(w, r, http.StatusOK, "complaints", "Komplain", v)
}

// customersView lists customers (staff numbers left out).
type customersView struct {
	Customers []store.CustomerStats
}

func (s *Server) customers(w http.ResponseWriter, r *http.Request) {
	list, err := s.dash.Customers(r.Context(), 500)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "Pelanggan gagal dibaca.", err)
		return
	}
	var v customersView
	for _, c := range list {
		if c.Phone != "" && s.c.Shop.RoleOf(c.Phone) != "" {
			continue
		}
		v.Customers = append(v.Customers, c)
	}
	s.render(w, r, http.StatusOK, "customers", "Pelanggan", v)
}
