package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

// querier is what *sql.DB, *sql.Tx and *Tx share.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// oneOffQuerier is a querier with a statement cache (*Tx); queryOnce runs a
// query text that changes from call to call without caching it.
type oneOffQuerier interface {
	queryOnce(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// queryOnce is q.QueryContext for a query text that changes from call to
// call (an IN list of ids), kept out of the statement cache.
func queryOnce(ctx context.Context, q querier, query string, args ...any) (*sql.Rows, error) {
	if o, ok := q.(oneOffQuerier); ok {
		return o.queryOnce(ctx, query, args...)
	}
	return q.QueryContext(ctx, query, args...)
}

const selectCustomer = `SELECT id, coalesce(phone, ''), coalesce(lid, ''), push_name, paused_until FROM customer`

func scanCustomer(row interface{ Scan(...any) error }) (*flows.Customer, error) {
	var c flows.Customer
	var paused sql.NullInt64
	if err := row.Scan(&c.ID, &c.Phone, &c.LID, &c.PushName, &paused); err != nil {
		return nil, err
	}
	c.PausedUntil = fromMS(paused)
	return &c, nil
}

// The order columns, in the order scanOrder reads them.
const selectOrder = `SELECT o.id, o.status, o.customer_id, coalesce(c.phone, ''), o.name, o.phone, o.address,
	o.region, o.courier, o.subtotal, o.shipping, o.unique_code, o.total, o.tracking, o.cancel_reason,
	o.created_at, o.hold_until, o.paid_at, o.shipped_at, o.completed_at, o.cancelled_at, o.payment, o.returned_at, o.shipping_eta,
	o.track_status, o.track_note, o.track_at, o.track_checked_at, coalesce(o.rating, 0), o.rating_comment, o.rated_at,
	(SELECT json_group_array(json_object('v', coalesce(variant_id, 0), 's', sku, 'n', name, 'r', variant,
		'q', qty, 'p', price, 'w', weight_grams) ORDER BY line) FROM order_line WHERE order_id = o.id),
	(SELECT json_group_array(path ORDER BY id) FROM payment_proof WHERE order_id = o.id)
	FROM orders o JOIN customer c ON c.id = o.customer_id `

// orderLineJSON is an order line as selectOrder aggregates it.
type orderLineJSON struct {
	VariantID int64  `json:"v"`
	SKU       string `json:"s"`
	Name      string `json:"n"`
	Variant   string `json:"r"`
	Qty       int    `json:"q"`
	Price     int64  `json:"p"`
	Weight    int    `json:"w"`
}

func scanOrder(rows *sql.Rows) (flows.Order, error) {
	var o flows.Order
	var created, hold, paid, shipped, completed, cancelled, returned, trackAt, checked, rated sql.NullInt64
	var lines, proofs []byte
	err := rows.Scan(&o.ID, &o.Status, &o.CustomerID, &o.CustomerPhone, &o.CustomerName, &o.Phone, &o.Address,
		&o.Region, &o.Courier, &o.Subtotal, &o.Shipping, &o.UniqueCode, &o.Total, &o.Tracking, &o.CancelReason,
		&created, &hold, &paid, &shipped, &completed, &cancelled, &o.Payment, &returned, &o.ShippingETA,
		&o.TrackStatus, &o.TrackNote, &trackAt, &checked, &o.Rating, &o.RatingComment, &rated, &lines, &proofs)
	if err != nil {
		return o, err
	}
	o.ReturnedAt = fromMS(returned)
	o.CreatedAt, o.HoldUntil, o.PaidAt = fromMS(created), fromMS(hold), fromMS(paid)
	o.ShippedAt, o.CompletedAt, o.CancelledAt = fromMS(shipped), fromMS(completed), fromMS(cancelled)
	o.TrackAt, o.TrackChecked, o.RatedAt = fromMS(trackAt), fromMS(checked), fromMS(rated)
	var ls []orderLineJSON
	if err := json.Unmarshal(lines, &ls); err != nil {
		return o, fmt.Errorf("order %d lines: %w", o.ID, err)
	}
	for _, l := range ls {
		o.Items = append(o.Items, flows.OrderLine{VariantID: l.VariantID, SKU: l.SKU, Name: l.Name, Variant: l.Variant,
			Qty: l.Qty, Price: l.Price, Weight: l.Weight})
	}
	if err := json.Unmarshal(proofs, &o.Proofs); err != nil {
		return o, fmt.Errorf("order %d proofs: %w", o.ID, err)
	}
	if len(o.Proofs) == 0 {
		o.Proofs = nil
	}
	return o, nil
}

// queryOrders loads orders with their lines and proofs, in one statement.
func queryOrders(ctx context.Context, q querier, where string, args ...any) ([]flows.Order, error) {
	rows, err := q.QueryContext(ctx, selectOrder+where, args...)
	if err != nil {
		return nil, fmt.Errorf("failed to query orders: %w", err)
	}
	defer rows.Close()
	var out []flows.Order
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, fmt.Errorf("failed to scan order: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// orderPage is a page of an order list: the orders in Status (with Open
// and no status, every open order; with neither, every order) that match
// Filter (a condition on alias o, with FilterArgs), NewestFirst or oldest
// first, at most Limit.
type orderPage struct {
	Status      flows.OrderStatus
	Open        bool
	Filter      string
	FilterArgs  []any
	NewestFirst bool
	Limit       int
}

// queryOrderPage loads a page of orders with their lines and proofs: the
// ids first, through the index of their status (see statusWhere), then
// the orders. The open orders' index is by status and unique code, so
// their ids are sorted after they are read, and only the page's orders are
// built.
func queryOrderPage(ctx context.Context, q querier, p orderPage) ([]flows.Order, error) {
	where, args := p.query()
	return queryOrders(ctx, q, where, args...)
}

// query is the WHERE (and ORDER BY) after selectOrder that reads the page,
// and its arguments.
func (p orderPage) query() (string, []any) {
	ids, args := p.ids()
	order := "ORDER BY o.id"
	if p.NewestFirst {
		order += " DESC"
	}
	return "WHERE o.id IN (" + ids + ") " + order, args
}

// ids is the statement selecting the page's order ids, through the index
// of their status, and its arguments.
func (p orderPage) ids() (string, []any) {
	var conds []string
	var args []any
	from := "orders o"
	switch {
	case p.Status != "":
		conds, args = append(conds, statusWhere(p.Status)), append(args, string(p.Status))
		if !closedStatus(p.Status) {
			from += " INDEXED BY orders_open"
		}
	case p.Open:
		conds, from = append(conds, openWhere), from+" INDEXED BY orders_open"
	}
	if p.Filter != "" {
		conds, args = append(conds, p.Filter), append(args, p.FilterArgs...)
	}
	where := ""
	if len(conds) > 0 {
		where = "WHERE " + strings.Join(conds, " AND ")
	}
	order := "ORDER BY o.id"
	if p.NewestFirst {
		order += " DESC"
	}
	return "SELECT o.id FROM " + from + " " + where + " " + order + " LIMIT ?", append(args, p.Limit)
}

// selectComplaint names the customer by the linked order's recipient when
// there is one, else by their WhatsApp name.
const selectComplaint = `SELECT c.id, c.status, c.category, coalesce(c.order_id, 0), c.customer_id,
	coalesce(u.phone, ''), coalesce(nullif(o.name, ''), u.push_name), c.description, c.note, c.created_at, c.due_at,
	c.follow_ups, c.misses, c.settle_asked_at, c.resolved_at
	FROM complaint c JOIN customer u ON u.id = c.customer_id LEFT JOIN orders o ON o.id = c.order_id `

func queryComplaints(ctx context.Context, q querier, where string, args ...any) ([]flows.Complaint, error) {
	rows, err := q.QueryContext(ctx, selectComplaint+where, args...)
	if err != nil {
		return nil, fmt.Errorf("failed to query complaints: %w", err)
	}
	defer rows.Close()
	var out []flows.Complaint
	for rows.Next() {
		var c flows.Complaint
		var created, due, settle, resolved sql.NullInt64
		if err := rows.Scan(&c.ID, &c.Status, &c.Category, &c.OrderID, &c.CustomerID, &c.CustomerPhone, &c.CustomerName,
			&c.Description, &c.Note, &created, &due, &c.FollowUps, &c.Misses, &settle, &resolved); err != nil {
			return nil, fmt.Errorf("failed to scan complaint: %w", err)
		}
		c.CreatedAt, c.DueAt, c.SettleAskedAt, c.ResolvedAt = fromMS(created), fromMS(due), fromMS(settle), fromMS(resolved)
		out = append(out, c)
	}
	return out, rows.Err()
}

// loadCatalog reads the catalogue; inactive products only when all is set.
func loadCatalog(ctx context.Context, q querier, all bool) (*flows.Catalog, error) {
	filter := "WHERE p.active = 1 AND v.active = 1"
	if all {
		filter = ""
	}
	rows, err := q.QueryContext(ctx, `SELECT p.sku, p.name, p.category, p.description, p.aliases, p.image,
		v.id, v.name, v.price, v.stock, v.weight_grams
		FROM product p JOIN variant v ON v.product_id = p.id `+filter+` ORDER BY p.position, p.id, v.position, v.id`)
	if err != nil {
		return nil, fmt.Errorf("failed to query catalogue: %w", err)
	}
	defer rows.Close()
	c := &flows.Catalog{}
	for rows.Next() {
		var p flows.Product
		var v flows.Variant
		var aliases string
		if err := rows.Scan(&p.SKU, &p.Name, &p.Category, &p.Description, &aliases, &p.Image,
			&v.ID, &v.Name, &v.Price, &v.Stock, &v.WeightGrams); err != nil {
			return nil, fmt.Errorf("failed to scan catalogue: %w", err)
		}
		v.SKU = p.SKU
		n := len(c.Products)
		if n == 0 || c.Products[n-1].SKU != p.SKU {
			if aliases != "" {
				p.Aliases = strings.Split(aliases, "|")
			}
			c.Products = append(c.Products, p)
			n++
		}
		c.Products[n-1].Variants = append(c.Products[n-1].Variants, v)
	}
	return c, rows.Err()
}

// summary computes the owner's numbers for [from, to) inside a write
// transaction, bringing the rollups up to date in it.
func summary(ctx context.Context, q querier, from, to time.Time, loc *time.Location, shop *flows.Shop, now time.Time) (flows.Summary, error) {
	s, _, err := summaryAt(ctx, q, from, to, loc, shop, now, true)
	return s, err
}

// summaryAt computes the owner's numbers for [from, to): the period's
// figures from the rollups and the rows they do not hold (rollup.go), the
// open work from the open items' indexes. With write (inside a write
// transaction) it brings the rollups up to date; without, stale says that
// a rollup was behind and the numbers were counted from the rows instead.
func summaryAt(ctx context.Context, q querier, from, to time.Time, loc *time.Location, shop *flows.Shop, now time.Time, write bool) (s flows.Summary, stale bool, err error) {
	s = flows.Summary{From: from.UTC(), To: to.UTC(), ByStatus: map[string]int{}}
	r, err := openRollup(ctx, q, loc, shop, now, write)
	if err != nil {
		return s, false, err
	}
	f, err := r.figures(from, to)
	if err != nil {
		return s, false, err
	}
	for st, n := range f.ByStatus {
		if n > 0 {
			s.ByStatus[st] = n
		}
	}
	s.Orders = f.orders()
	s.Revenue = f.Revenue
	s.TopProducts = topCounts(f.Products)
	s.TopRegions = topCounts(f.Regions)
	s.CSAT = flows.CSAT{Count: f.Rated, Average: csatAverage(f.RatingSum, f.Rated)}
	// The open work (the orders from their counts by status), and the
	// first order (from the start of orders_created, never by reading the
	// history).
	var first sql.NullInt64
	err = q.QueryRowContext(ctx, summaryOpenWork, now.UnixMilli()).
		Scan(&s.Unpaid, &s.ToShip, &s.OpenComplaints, &s.OverdueComplaints, &first)
	if err != nil {
		return s, false, fmt.Errorf("failed to summarise open work: %w", err)
	}
	if err := workload(r, &s, from, to, first); err != nil {
		return s, false, err
	}
	return s, r.stale, nil
}

// summaryOpenWork counts the open work: the unpaid and the paid orders
// in orders_open (the orders in those statuses alone), the complaints,
// and reads the first order's time.
const summaryOpenWork = `SELECT
	(SELECT count(*) FROM orders INDEXED BY orders_open WHERE ` + unpaidOpen + `),
	(SELECT count(*) FROM orders INDEXED BY orders_open WHERE status = 'paid' AND ` + openCond + `),
	(SELECT count(*) FROM complaint WHERE status IN ('open', 'answered')),
	(SELECT count(*) FROM complaint WHERE status = 'open' AND due_at < ?),
	(SELECT min(created_at) FROM orders)`
