package store

import "github.com/pesanbot/pesanbot/flows"

// orderstatus.go: orders of one status are read through a partial index
// that holds only what they can be (migration 15): an open status through
// orders_open, the open orders alone (by status and unique code since
// migration 19, so a list of one status sorts the ids it reads), and
// completed or cancelled through orders_closed. No index of every order's
// status is kept, so no read of a status grows with the closed history it
// cannot be in.

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
	return "o.status = ? AND " + openWhere
}

// openCond is orders_open's condition: the open orders. A query that
// reads them writes it out so the planner may use the index; openWhere is
// the same for alias o.
const (
	openCond  = "status NOT IN ('completed', 'cancelled')"
	openWhere = "o." + openCond
)
