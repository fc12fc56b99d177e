package store

import (
	"context"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

// Orders lists orders, newest first; status "" lists all.
func (db *DB) Orders(ctx context.Context, status flows.OrderStatus) ([]flows.Order, error) {
	if status == "" {
		return queryOrders(ctx, db.db, "ORDER BY o.id DESC LIMIT 10000")
	}
	return queryOrders(ctx, db.db, "WHERE o.status = ? ORDER BY o.id DESC LIMIT 10000", string(status))
}

// Complaints lists complaints, newest first; status "" lists all.
func (db *DB) Complaints(ctx context.Context, status flows.ComplaintStatus) ([]flows.Complaint, error) {
	if status == "" {
		return queryComplaints(ctx, db.db, "ORDER BY c.id DESC LIMIT 10000")
	}
	return queryComplaints(ctx, db.db, "WHERE c.status = ? ORDER BY c.id DESC LIMIT 10000", string(status))
}

// Summary computes the owner's numbers for [from, to).
func (db *DB) Summary(ctx context.Context, from, to time.Time) (flows.Summary, error) {
	return summary(ctx, db.db, from, to, db.loc, db.now())
}
