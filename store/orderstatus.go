package store

import "github.com/pesanbot/pesanbot/flows"

// orderstatus.go: orders of one status are read through a partial index
// that holds only what they can be (migration 15): an open status through
// orders_open, the open orders alone, and completed or cancelled through
// orders_closed. No index of every order's status is kept, so placing an
// order or moving it between open statuses writes none, and no read of a
// status grows with the closed history it cannot be in.

// closedStatus is whether an order in status st is finished with.
func closedStatus(st flows.OrderStatus) bool {
	return st == flows.StatusCompleted || st == flows.StatusCancelled
}

// statusWhere is the condition selecting the orders (alias o) in status ?,
// with the partial index's own condition beside it so the planner may use
// the index.
func statusWhere(st flows.OrderStatus) string {
	if closedStatus(st) {
		return "o.status = ? AND o.status IN ('completed', 'cancelled')"
	}
	return "o.status = ? AND o.status NOT IN ('completed', 'cancelled')"
}

// countStatus counts the orders in status ?; left to itself the planner
// counts them in orders_created, over every order ever taken.
func countStatus(st flows.OrderStatus) string {
	if closedStatus(st) {
		return countClosedStatus
	}
	return countOpenStatus
}

const (
	countOpenStatus   = `SELECT count(*) FROM orders INDEXED BY orders_open WHERE status = ? AND status NOT IN ('completed', 'cancelled')`
	countClosedStatus = `SELECT count(*) FROM orders INDEXED BY orders_closed WHERE status = ? AND status IN ('completed', 'cancelled')`
)
