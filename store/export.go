package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

// ExportRow is one order line with its order, for a spreadsheet: the order's
// fields repeat on each of its lines. An order without lines gets one row
// with Line 0 and empty line fields.
type ExportRow struct {
	OrderID        int64
	Line           int // 1-based position in the order
	CreatedAt      time.Time
	Status         flows.OrderStatus
	CustomerName   string // the recipient's name on the order
	PushName       string // the name the customer shows on WhatsApp
	WhatsAppPhone  string // the number that ordered ("lid:…" when only the LID is known)
	RecipientPhone string
	Address        string
	Region         string
	Courier        string
	Tracking       string
	SKU            string
	Product        string
	Variant        string
	Qty            int
	Price          int64 // per unit, when ordered
	LineTotal      int64 // Qty × Price
	Subtotal       int64
	Shipping       int64
	UniqueCode     int64
	Total          int64
	PaidAt         time.Time // zero when not paid
	ShippedAt      time.Time // zero when not shipped
}

// The export columns, in the order scanExportRow reads them.
const selectExport = `SELECT o.id, coalesce(l.line, 0), o.created_at, o.status, o.name, c.push_name,
	coalesce(c.phone, ''), coalesce(c.lid, ''), o.phone, o.address, o.region, o.courier, o.tracking,
	coalesce(l.sku, ''), coalesce(l.name, ''), coalesce(l.variant, ''), coalesce(l.qty, 0), coalesce(l.price, 0),
	o.subtotal, o.shipping, o.unique_code, o.total, o.paid_at, o.shipped_at
	FROM orders o JOIN customer c ON c.id = o.customer_id LEFT JOIN order_line l ON l.order_id = o.id
	WHERE o.created_at >= ? AND o.created_at < ?
	ORDER BY o.id, l.line`

func scanExportRow(rows *sql.Rows) (ExportRow, error) {
	var r ExportRow
	var created, paid, shipped sql.NullInt64
	var phone, lid string
	err := rows.Scan(&r.OrderID, &r.Line, &created, &r.Status, &r.CustomerName, &r.PushName,
		&phone, &lid, &r.RecipientPhone, &r.Address, &r.Region, &r.Courier, &r.Tracking,
		&r.SKU, &r.Product, &r.Variant, &r.Qty, &r.Price,
		&r.Subtotal, &r.Shipping, &r.UniqueCode, &r.Total, &paid, &shipped)
	r.WhatsAppPhone = NewChatKey(phone, lid).String()
	r.CreatedAt, r.PaidAt, r.ShippedAt = fromMS(created), fromMS(paid), fromMS(shipped)
	r.LineTotal = int64(r.Qty) * r.Price
	return r, err
}

// ExportOrders returns one row per order line for the orders created in
// [from, to), oldest order first; a zero from or to leaves that end open.
// Times are UTC; the caller shows them in the shop's zone.
func (db *DB) ExportOrders(ctx context.Context, from, to time.Time) ([]ExportRow, error) {
	lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
	if !from.IsZero() {
		lo = from.UnixMilli()
	}
	if !to.IsZero() {
		hi = to.UnixMilli()
	}
	// One statement reads one snapshot, without the write lock a
	// transaction would take under _txlock=immediate.
	rows, err := db.db.QueryContext(ctx, selectExport, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("failed to query orders for export: %w", classify(err))
	}
	defer rows.Close()
	var out []ExportRow
	for rows.Next() {
		r, err := scanExportRow(rows)
		if err != nil {
			return nil, fmt.Errorf("failed to scan export row: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("failed to read orders for export: %w", classify(err))
	}
	return out, nil
}
