package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/pesanbot/pesanbot/flows"
)

// Tx is one shop.db transaction. It implements flows.View, so a turn reads
// the shop through the same write transaction that applies its effects.
type Tx struct {
	ctx context.Context
	tx  *sql.Tx
	db  *DB
	now time.Time
	err error // the first read error; reported by Update

	// cat is the catalogue this transaction reads: the shared cached one,
	// or its own when it changed the catalogue (catWrote). catVer is the
	// catalog_version the transaction saw, when catVerKnown.
	cat         *flows.Catalog
	catVer      int64
	catVerKnown bool
	catWrote    bool
	// catGen is the shared catalogue's generation before the snapshot
	// (catcache.go).
	catGen uint64
	// stockWrote says the transaction took stock for an order and kept
	// cat true itself (stock.go).
	stockWrote bool
	// states holds the conversation states (raw JSON; invalid when none is
	// stored) read with the customer, until something else writes them.
	states map[int64]sql.NullString
	// none holds, for the customers read with Receive or Customer, whether
	// they have no orders or no complaints, until something writes either.
	none map[int64]noneOf
	// inbound is the message Receive accepted and has not inserted yet (see
	// turnfast.go); olderPending says whether its customer had unhandled
	// messages before it.
	inbound      *bufferedInbound
	olderPending bool
	// removed lists media files (relative to the data directory) whose rows
	// this transaction deleted; the caller deletes the files after commit.
	removed []string
	erased  bool
	// forgotten are the identities of erased customers, for what other
	// stores (whatsapp.db) keep about them.
	forgotten []Identity
	// replies and followUps are rows queued for one insert each (batch.go).
	replies   []queuedReply
	followUps []queuedFollowUp
	// nextOrder and nextComplaint are the ids the next order and complaint
	// will get, read with the customer (0: not known, read them), until
	// something writes either table.
	nextOrder, nextComplaint int64
	// reserved is the unique code the turn's customer's summary reserved,
	// read with the customer, until something writes orders or another
	// conversation.
	reserved heldCode
	// firstFree is the code the next order would start from, found free
	// for the turn's customer by the receive query (code 0: not free, or
	// not known); any write of orders or conversations forgets it.
	firstFree heldCode
	// prepared holds this transaction's handles of cached statements.
	prepared map[string]*sql.Stmt
}

// noneOf says what a customer has none of: orders, complaints, a
// complaint waiting for the answer to the settle question.
type noneOf struct{ orders, complaints, settle bool }

// Identity is an erased customer's WhatsApp identity (phone digits and LID
// user) with the texts that name them (numbers, addresses), for what other
// stores (whatsapp.db) keep about them.
type Identity struct {
	Phone, LID string
	Texts      []string
}

// Forgotten returns the identities this transaction erased.
func (tx *Tx) Forgotten() []Identity { return tx.forgotten }

// Erased reports whether this transaction erased a customer's data.
func (tx *Tx) Erased() bool { return tx.erased }

// Removed returns the media files to delete once the transaction commits.
func (tx *Tx) Removed() []string { return tx.removed }

// Update runs fn in one IMMEDIATE transaction and commits it when fn
// returns nil. now is fixed for the whole transaction.
func (db *DB) Update(ctx context.Context, fn func(*Tx) error) error {
	return db.run(ctx, false, fn)
}

// Read runs fn in a read-only transaction.
func (db *DB) Read(ctx context.Context, fn func(*Tx) error) error {
	return db.run(ctx, true, fn)
}

func (db *DB) run(ctx context.Context, readOnly bool, fn func(*Tx) error) error {
	if !readOnly {
		return db.write(ctx, fn) // runTx on the write goroutine (writer.go)
	}
	return db.runTx(ctx, true, fn)
}

// runTx runs fn in a transaction: a write one only on the write goroutine.
func (db *DB) runTx(ctx context.Context, readOnly bool, fn func(*Tx) error) error {
	gen := db.cat.generation() // before the snapshot
	var stx *sql.Tx
	var err error
	if readOnly {
		stx, err = db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	} else {
		stx, err = db.beginWrite(ctx)
	}
	if err != nil {
		return fmt.Errorf("failed to begin transaction: %w", classify(err))
	}
	defer func() {
		if p := recover(); p != nil {
			// Not left open on the connection (the writer's, kept for
			// the next write); the panic goes on to the caller.
			stx.Rollback()
			panic(p)
		}
	}()
	tx := &Tx{ctx: ctx, tx: stx, db: db, now: db.now().UTC(), catGen: gen}
	tx.counted("BEGIN")
	if err := fn(tx); err != nil {
		stx.Rollback()
		return classify(err)
	}
	if tx.err != nil {
		stx.Rollback()
		return classify(tx.err)
	}
	if err := tx.flushBatched(); err != nil {
		stx.Rollback()
		return classify(err)
	}
	if err := tx.flushInbound(); err != nil {
		stx.Rollback()
		return classify(err)
	}
	tx.counted("COMMIT")
	if err := stx.Commit(); err != nil {
		stx.Rollback()
		return fmt.Errorf("failed to commit: %w", classify(err))
	}
	if !readOnly {
		db.ckpt.committed()
	}
	if tx.catWrote {
		db.cat.invalidate()
	} else {
		tx.publishCatalog()
	}
	return nil
}

// Now is the transaction's fixed time.
func (tx *Tx) Now() time.Time { return tx.now }

// fail remembers the first read error of a View method (the View interface
// has no error results); Update then rolls back and reports it.
func (tx *Tx) fail(err error) {
	if err != nil && tx.err == nil {
		tx.err = err
	}
}

func (tx *Tx) exec(query string, args ...any) (sql.Result, error) {
	r, err := tx.ExecContext(tx.ctx, query, args...)
	if err != nil {
		return nil, classify(err)
	}
	return r, nil
}

// Order implements flows.View.
func (tx *Tx) Order(id int64) (*flows.Order, bool) {
	os, err := queryOrders(tx.ctx, tx, "WHERE o.id = ?", id)
	tx.fail(err)
	if len(os) == 0 {
		return nil, false
	}
	return &os[0], true
}

// CustomerOrders implements flows.View.
func (tx *Tx) CustomerOrders(customerID int64) []flows.Order {
	if tx.none[customerID].orders {
		return nil
	}
	os, err := queryOrders(tx.ctx, tx, "WHERE o.customer_id = ? ORDER BY o.id DESC LIMIT 20", customerID)
	tx.fail(err)
	return os
}

// Orders implements flows.View: "" means every open order.
func (tx *Tx) Orders(status flows.OrderStatus) []flows.Order {
	os, err := queryOrderPage(tx.ctx, tx, orderPage{Status: status, Open: true, Limit: 500})
	tx.fail(err)
	return os
}

// The open orders are counted in orders_open (migration 20), over the
// orders in the status counted alone, no row read; the closed ones from
// order_status_count, kept as orders are closed, not over the shop's
// history; the open complaints in their own partial index.
const (
	countOpenOrders     = `SELECT count(*) FROM orders INDEXED BY orders_open WHERE ` + openCond
	countOpenOrdersIn   = `SELECT count(*) FROM orders INDEXED BY orders_open WHERE status = ? AND ` + openCond
	countClosedOrdersIn = `SELECT coalesce(sum(n), 0) FROM order_status_count WHERE status = ?`
	countOpenComplaints = `SELECT count(*) FROM complaint INDEXED BY complaint_unresolved WHERE status != 'resolved'`
)

// countOrdersIn is the statement counting the orders in status ? (see
// above).
func countOrdersIn(st flows.OrderStatus) string {
	if closedStatus(st) {
		return countClosedOrdersIn
	}
	return countOpenOrdersIn
}

// countOrders is the statement counting the orders in status st ("":
// every open order), with its arguments.
func countOrders(st flows.OrderStatus) (string, []any) {
	if st == "" {
		return countOpenOrders, nil
	}
	return countOrdersIn(st), []any{string(st)}
}

// OrdersHead reads the first n orders of a status ("": every open order)
// and counts them all: /pesanan shows a few and says how many more wait,
// /gudang the first to pack. An open status is read in orders_open, the
// open orders alone.
func (tx *Tx) OrdersHead(status flows.OrderStatus, n int) ([]flows.Order, int) {
	// Through orders_open or orders_closed (queryOrderPage), counted as
	// countOrdersIn says.
	os, err := queryOrderPage(tx.ctx, tx, orderPage{Status: status, Open: true, Limit: n})
	var total int
	if err == nil {
		q, args := countOrders(status)
		err = tx.QueryRowContext(tx.ctx, q, args...).Scan(&total)
	}
	tx.fail(err)
	return os, total
}

// Complaint implements flows.View.
func (tx *Tx) Complaint(id int64) (*flows.Complaint, bool) {
	cs, err := queryComplaints(tx.ctx, tx, "WHERE c.id = ?", id)
	tx.fail(err)
	if len(cs) == 0 {
		return nil, false
	}
	return &cs[0], true
}

// CustomerComplaints implements flows.View.
func (tx *Tx) CustomerComplaints(customerID int64) []flows.Complaint {
	if tx.none[customerID].complaints {
		return nil
	}
	cs, err := queryComplaints(tx.ctx, tx, "WHERE c.customer_id = ? ORDER BY c.id DESC LIMIT 20", customerID)
	tx.fail(err)
	return cs
}

// NoSettleAsked says the customer, read with this transaction's message,
// has no complaint waiting for the answer to "sudah beres?" (flows reads
// their complaints for it otherwise).
func (tx *Tx) NoSettleAsked(customerID int64) bool {
	return tx.none[customerID].settle
}

// Complaints implements flows.View: "" means open and answered.
func (tx *Tx) Complaints(status flows.ComplaintStatus) []flows.Complaint {
	var cs []flows.Complaint
	var err error
	if status == "" {
		cs, err = queryComplaints(tx.ctx, tx, "WHERE c.status != 'resolved' ORDER BY c.id LIMIT 500")
	} else {
		cs, err = queryComplaints(tx.ctx, tx, "WHERE c.status = ? ORDER BY c.id LIMIT 500", string(status))
	}
	tx.fail(err)
	return cs
}

// ComplaintsHead reads the first n complaints not resolved and counts
// them all: /komplain shows a few and says how many more wait.
func (tx *Tx) ComplaintsHead(n int) ([]flows.Complaint, int) {
	cs, err := queryComplaints(tx.ctx, tx, "WHERE c.status != 'resolved' ORDER BY c.id LIMIT ?", n)
	var total int
	if err == nil {
		err = tx.QueryRowContext(tx.ctx, countOpenComplaints).Scan(&total)
	}
	tx.fail(err)
	return cs, total
}

// CustomerByPhone implements flows.View.
func (tx *Tx) CustomerByPhone(phone string) (*flows.Customer, bool) {
	c, err := scanCustomer(tx.QueryRowContext(tx.ctx, selectCustomer+" WHERE phone = ?", phone))
	if err == sql.ErrNoRows {
		return nil, false
	}
	tx.fail(err)
	return c, err == nil
}

// CustomerByID implements flows.View.
func (tx *Tx) CustomerByID(id int64) (*flows.Customer, bool) {
	c, err := tx.customerWhere("id = ?", id)
	tx.fail(err)
	return c, c != nil
}

// NextOrderID implements flows.View. Inside an IMMEDIATE transaction no one
// else can take the id before this transaction commits.
func (tx *Tx) NextOrderID() int64 {
	if tx.nextOrder > 0 {
		return tx.nextOrder
	}
	var id int64
	tx.fail(tx.QueryRowContext(tx.ctx, "SELECT coalesce(max(id), 0) + 1 FROM orders").Scan(&id))
	return id
}

// codeHeld is how long a summary's code stays reserved after its
// conversation last changed.
const codeHeld = 24 * time.Hour

// heldCode is the code a customer's summary reserved, and when the
// reservation was last renewed (Unix ms).
type heldCode struct {
	customerID, code, at int64
}

// codeCandidates is how many codes FreeCode tries with one statement: the
// code wanted (the one the order id gives), then codes spread from it by
// the customer, so that customers waiting for the same next order id (a
// flash sale, everyone ordering at once) do not all try the same codes and
// then search past each other's. With a third of all codes taken, the
// seven after a taken one are all taken too about once in 2,000 times.
const codeCandidates = 8

// candidateCodes are want and the customer's codeCandidates-1 codes after
// it: fixed for a customer and a wanted code, never want again.
func candidateCodes(want, customerID int64) [codeCandidates]int64 {
	var out [codeCandidates]int64
	out[0] = want
	x := uint64(customerID)*codeCandidates + uint64(want)<<32
	for i := 1; i < codeCandidates; i++ {
		x += 0x9E3779B97F4A7C15 // splitmix64
		z := x
		z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
		z = (z ^ z>>27) * 0x94D049BB133111EB
		z ^= z >> 31
		out[i] = (want+int64(z%998))%999 + 1 // want-1 + 1..998, round 999
	}
	return out
}

// unpaidOpen selects the unpaid orders with orders_open's own condition
// beside it, so that the planner reads them in orders_open, the open orders
// by status and unique code (migration 19).
const unpaidOpen = openCond + ` AND status IN ('awaiting_payment', 'awaiting_verification')`

// codeTakenWhere is whether unique code c belongs to an open unpaid order,
// or to a summary of a customer other than customer, shown since since (a
// summary left longer without "ya" gives its code up); each argument is a
// SQL expression. The order is found in orders_open (by status and code), the summary
// through code_hold: the customer who last reserved the code, whose
// conversation still holds it if the reservation stands. (customer may be
// NULL, a customer not created yet: every summary then counts.)
func codeTakenWhere(c, customer, since string) string {
	return `(EXISTS (SELECT 1 FROM orders WHERE unique_code = ` + c + ` AND ` + unpaidOpen + `)
	OR EXISTS (SELECT 1 FROM code_hold h JOIN conversation hv ON hv.customer_id = h.customer_id
		WHERE h.code = ` + c + ` AND hv.code = ` + c + ` AND hv.customer_id IS NOT ` + customer + ` AND hv.updated_at >= ` + since + `))`
}

// firstFreeCandidate is the first of the candidate codes ?3.. that is not
// taken for customer ?1 with reservations since ?2, or NULL when all are (min picks the row, its code comes with it;
// over no rows it is one row of NULLs).
var firstFreeCandidate = `SELECT code FROM (SELECT min(n), code FROM (SELECT column1 AS n, column2 AS code FROM (VALUES ` + func() string {
	var b strings.Builder
	for i := range codeCandidates {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "(%d, ?%d)", i, i+3)
	}
	return b.String()
}() + `)) AS cand WHERE NOT ` + codeTakenWhere("cand.code", "?1", "?2") + `)`

// takenCodes lists the codes taken either way (see codeTakenWhere): the unpaid
// orders' from the open orders' index, the summaries' from code_hold (at most
// 999 rows, each checked against its conversation), so its cost never
// follows the shop's history.
const takenCodes = `SELECT unique_code FROM orders WHERE ` + unpaidOpen + `
	UNION SELECT h.code FROM code_hold h JOIN conversation v ON v.customer_id = h.customer_id AND v.code = h.code
		WHERE v.customer_id != ?1 AND v.updated_at >= ?2`

// FreeCode implements flows.View: want when it is free, else the first
// free one of the customer's own candidates (codeCandidates), else the free
// code nearest after want (going round), else 0 (every code is taken:
// about 999 unpaid orders). The usual case is one statement of indexed
// lookups; only when all the candidates are taken is the rest read.
func (tx *Tx) FreeCode(want, customerID int64) int64 {
	since := ms(tx.now.Add(-codeHeld))
	if r := tx.reserved; r.customerID == customerID && r.code == want && r.at >= since {
		// The customer's own summary holds want, renewed within the day:
		// every other code taken since checked it, so it is still free.
		return want
	}
	if f := tx.firstFree; f.customerID == customerID && f.code == want && want != 0 {
		// The receive query checked want for this customer, and nothing
		// that could take it was written since.
		return want
	}
	if want < 1 || want > 999 {
		want = 1
	}
	args := make([]any, 0, codeCandidates+2)
	args = append(args, customerID, since)
	for _, c := range candidateCodes(want, customerID) {
		args = append(args, c)
	}
	var free sql.NullInt64
	if err := tx.QueryRowContext(tx.ctx, firstFreeCandidate, args...).Scan(&free); err != nil {
		tx.fail(err)
		return 0
	}
	if free.Valid {
		return free.Int64
	}
	rows, err := tx.QueryContext(tx.ctx, takenCodes, customerID, since)
	if err != nil {
		tx.fail(err)
		return 0
	}
	defer rows.Close()
	var held [1000]bool
	for rows.Next() {
		var c int64
		if err := rows.Scan(&c); err != nil {
			tx.fail(err)
			return 0
		}
		if c >= 1 && c <= 999 {
			held[c] = true
		}
	}
	if err := rows.Err(); err != nil {
		tx.fail(err)
		return 0
	}
	for i := int64(1); i < 999; i++ {
		if c := (want-1+i)%999 + 1; !held[c] {
			return c
		}
	}
	return 0
}

// NextComplaintID implements flows.View.
func (tx *Tx) NextComplaintID() int64 {
	if tx.nextComplaint > 0 {
		return tx.nextComplaint
	}
	var id int64
	tx.fail(tx.QueryRowContext(tx.ctx, "SELECT coalesce(max(id), 0) + 1 FROM complaint").Scan(&id))
	return id
}

// Summary implements flows.View.
func (tx *Tx) Summary(from, to time.Time) flows.Summary {
	s, err := summary(tx.ctx, tx, from, to, tx.db.loc, tx.db.shop, tx.now)
	tx.fail(err)
	return s
}
