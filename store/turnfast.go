package store

import (
	"database/sql"
	"fmt"
	"strings"
	"sync"

	"github.com/pesanbot/pesanbot/flows"
)

// turnfast.go: what a turn's transaction keeps in memory so an ordinary
// message costs few statements. Receive reads the customer, their
// conversation state, whether the message is a duplicate, whether older
// messages wait, and the catalogue version in one query; the accepted
// message is inserted once, at commit (or before any statement that may
// read or remove it), already marked handled when the turn handled it, so
// the pending-messages index never gets an entry only to lose it again.

// bufferedInbound is an accepted message not inserted yet. id is the row
// id it will have: max(id) + 1 under the write lock, as SQLite would pick.
type bufferedInbound struct {
	id, customerID   int64
	msgID, kind      string
	text, mediaPath  string
	sentAt, received int64
	handled          bool
}

// before keeps the transaction's memory true for a statement about to run:
// a statement naming inbound, or any DELETE (cascades), first inserts the
// buffered message; a write naming the catalogue's tables drops the
// catalogue this transaction read and marks the shared one stale; a write
// naming conversation (but SaveState's) forgets the states read.
func (tx *Tx) before(query string) {
	q := traitsOf(query)
	if len(tx.replies) > 0 && q.outbox {
		tx.fail(tx.flushReplies())
	}
	if len(tx.followUps) > 0 && q.followUp {
		tx.fail(tx.flushFollowUps())
	}
	if tx.inbound != nil && q.inbound {
		if err := tx.flushInbound(); err != nil {
			tx.fail(err)
		}
	}
	if q.read {
		return
	}
	if q.catalog {
		tx.wroteCatalog()
	}
	if q.conversation && query != upsertState {
		tx.states = nil
	}
	if q.ordersComplaintCustomer {
		tx.none = nil // an order or complaint written, or customers merged
		tx.nextOrder, tx.nextComplaint = 0, 0
	}
	if q.conversation && query != upsertState || q.orders {
		tx.reserved = heldCode{}
	}
	if q.conversation || q.orders {
		tx.firstFree = heldCode{}
	}
}

// queryTraits is what before needs to know of a statement's text.
type queryTraits struct {
	outbox, followUp        bool // names the table (batched rows go first)
	inbound                 bool // names inbound, or deletes (cascades)
	read                    bool // a SELECT
	catalog                 bool // writes variant or product (not an order's take)
	conversation, orders    bool // names the table
	ordersComplaintCustomer bool // names orders, complaint or customer
}

// traits caches queryTraits by statement text: a turn runs the same few
// statements, some of them long, on every message. Texts built at run time
// (IN lists) are cached too, up to maxTraits of them all.
var traits struct {
	sync.RWMutex
	m map[string]queryTraits
}

const maxTraits = 4096

func traitsOf(query string) queryTraits {
	traits.RLock()
	q, ok := traits.m[query]
	traits.RUnlock()
	if ok {
		return q
	}
	q = queryTraits{
		outbox:       strings.Contains(query, "outbox"),
		followUp:     strings.Contains(query, "follow_up"),
		inbound:      strings.Contains(query, "inbound") || strings.Contains(query, "DELETE"),
		read:         strings.HasPrefix(strings.TrimSpace(query), "SELECT"),
		conversation: strings.Contains(query, "conversation"),
		orders:       strings.Contains(query, "orders"),
		ordersComplaintCustomer: strings.Contains(query, "orders") || strings.Contains(query, "complaint") ||
			strings.Contains(query, "customer"),
	}
	if !q.read && query != takeStockQuery {
		t := writeTarget(query)
		q.catalog = t == "variant" || t == "product" || t == "" && (strings.Contains(query, "variant") || strings.Contains(query, "product"))
	}
	traits.Lock()
	if traits.m == nil {
		traits.m = map[string]queryTraits{}
	}
	if len(traits.m) < maxTraits {
		traits.m[query] = q
	}
	traits.Unlock()
	return q
}

// writeTarget is the table a write statement names first (INSERT INTO,
// REPLACE INTO, UPDATE, DELETE FROM), lower case; "" when it cannot tell.
func writeTarget(query string) string {
	f := strings.Fields(query)
	for i := 0; i+1 < len(f); i++ {
		switch w := strings.ToUpper(f[i]); {
		case w == "WITH":
			return ""
		case w == "INTO" || w == "UPDATE" || w == "FROM" && i > 0 && strings.EqualFold(f[i-1], "DELETE"):
			t := strings.ToLower(f[i+1])
			if j := strings.IndexByte(t, '('); j >= 0 {
				t = t[:j]
			}
			return t
		}
	}
	return ""
}

// wroteCatalog records that this transaction changes products or variants.
func (tx *Tx) wroteCatalog() {
	tx.cat, tx.catVerKnown, tx.catWrote = nil, false, true
}

const insertInbound = `INSERT INTO inbound (id, msg_id, customer_id, kind, text, media_path, sent_at, received_at, handled_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

// flushInbound inserts the buffered message, if any.
func (tx *Tx) flushInbound() error {
	b := tx.inbound
	if b == nil {
		return nil
	}
	tx.inbound = nil
	var handled any
	if b.handled {
		handled = ms(tx.now)
	}
	if _, err := tx.exec(insertInbound, b.id, b.msgID, b.customerID, b.kind, b.text, b.mediaPath, b.sentAt, b.received, handled); err != nil {
		return fmt.Errorf("failed to record message: %w", err)
	}
	return nil
}

// receiveQuery reads what a turn needs about the sender of message ?2
// (phone ?1, LID ?3; "" matches no one) in one statement: a row with a
// NULL customer when no one has either identity, two rows when each
// belongs to a different customer.
var receiveQuery = `SELECT c.id, coalesce(c.phone, ''), coalesce(c.lid, ''), coalesce(c.push_name, ''), c.paused_until, v.state,
	EXISTS (SELECT 1 FROM inbound WHERE msg_id = ?2),
	EXISTS (SELECT 1 FROM inbound WHERE customer_id = c.id AND handled_at IS NULL),
	(SELECT coalesce(max(id), 0) FROM inbound),
	(SELECT n FROM catalog_version),
	EXISTS (SELECT 1 FROM orders WHERE customer_id = c.id),
	` + complaintsOf + `,
	(SELECT coalesce(max(id), 0) FROM orders),
	(SELECT coalesce(max(id), 0) FROM complaint),
	coalesce(v.code, 0), coalesce(v.updated_at, 0),
	` + firstCodeFree + `
	FROM (SELECT 1) AS one
	LEFT JOIN customer c ON c.phone = ?1 OR c.lid = ?3
	LEFT JOIN conversation v ON v.customer_id = c.id`

// receiveFast is Receive for a sender who is known under the identities
// the message carries, or under none of them (a new customer, created
// here): ok false means the caller takes the general path (identities to
// merge or complete, or a duplicate from no one).
func (tx *Tx) receiveFast(in Inbound, pushName string) (c *customerRow, ok bool, err error) {
	rows, err := tx.QueryContext(tx.ctx, receiveQuery, in.Phone, in.MsgID, in.LID, ms(tx.now.Add(-codeHeld)))
	if err != nil {
		return nil, false, fmt.Errorf("failed to find customer: %w", classify(err))
	}
	var r customerRow
	var id, paused sql.NullInt64
	n := 0
	for rows.Next() {
		n++
		if err := rows.Scan(&id, &r.Phone, &r.LID, &r.PushName, &paused,
			&r.state, &r.dup, &r.olderPending, &r.maxInbound, &r.catVer, &r.hasOrders, &r.complaints,
			&r.maxOrder, &r.maxComplaint, &r.code, &r.codeAt, &r.firstFree); err != nil {
			rows.Close()
			return nil, false, fmt.Errorf("failed to find customer: %w", classify(err))
		}
	}
	if err := rows.Close(); err != nil {
		return nil, false, fmt.Errorf("failed to find customer: %w", classify(err))
	}
	if n != 1 {
		return nil, false, nil // two customers to merge
	}
	r.known = true
	if !id.Valid {
		if r.dup {
			return nil, false, nil
		}
		r.ID, err = tx.newCustomer(in.Phone, in.LID, pushName)
		if err != nil {
			return nil, false, err
		}
		r.Phone, r.LID, r.PushName = in.Phone, in.LID, pushName
		return &r, true, nil
	}
	if in.LID != "" && r.LID != in.LID || in.Phone != "" && r.Phone != in.Phone {
		return nil, false, nil // an identity to merge or complete: the general path
	}
	r.ID = id.Int64
	r.PausedUntil = fromMS(paused)
	return &r, true, nil
}

// newCustomer creates a customer with the identities known ("" for none).
func (tx *Tx) newCustomer(phone, lid, pushName string) (int64, error) {
	var ph, l any
	if phone != "" {
		ph = phone
	}
	if lid != "" {
		l = lid
	}
	res, err := tx.exec(`INSERT INTO customer (phone, lid, push_name, created_at) VALUES (?, ?, ?, ?)`, ph, l, pushName, ms(tx.now))
	if err != nil {
		return 0, fmt.Errorf("failed to create customer: %w", err)
	}
	return res.LastInsertId()
}

// customerRow is a customer with what Receive and Customer read beside it.
type customerRow struct {
	flows.Customer
	state        sql.NullString
	dup          bool
	olderPending bool
	maxInbound   int64
	catVer       int64
	// hasOrders says whether the customer has any order, complaints
	// what complaintsOf says of theirs: a turn of a customer with none
	// reads neither list, nor theirs for the settle question when none
	// waits for its answer.
	hasOrders  bool
	complaints int
	// maxOrder and maxComplaint are the highest ids (0: none); code is the
	// unique code the customer's conversation reserves (0: none) and
	// codeAt when that reservation was last renewed (Unix ms). Only the
	// receive query reads them (known says so).
	maxOrder, maxComplaint int64
	code, codeAt           int64
	firstFree              int64 // see firstCodeFree
	known                  bool
}

// remember keeps what was read with the customer for the rest of the
// transaction.
func (tx *Tx) remember(r *customerRow) {
	if tx.states == nil {
		tx.states = map[int64]sql.NullString{}
	}
	tx.states[r.ID] = r.state
	if tx.none == nil {
		tx.none = map[int64]noneOf{}
	}
	tx.none[r.ID] = noneOf{orders: !r.hasOrders, complaints: r.complaints < 0, settle: r.complaints < 1}
	if !tx.catWrote {
		tx.catVer, tx.catVerKnown = r.catVer, true
	}
	if r.known {
		tx.nextOrder, tx.nextComplaint = r.maxOrder+1, r.maxComplaint+1
		tx.reserved = heldCode{customerID: r.ID, code: r.code, at: r.codeAt}
		tx.firstFree = heldCode{customerID: r.ID, code: r.firstFree}
	}
}

// firstCodeFree is, for customer c, the unique code the next order would
// start from (flows.UniqueCode of the next order id) when it is free for
// them as FreeCode has it (codeTakenWhere, with ?4 the oldest reservation still
// held), else 0: a summary then takes its code without a statement of its
// own. Should the formula ever differ from flows', FreeCode simply asks.
var firstCodeFree = `(SELECT CASE WHEN ` + codeTakenWhere("w.code", "c.id", "?4") + ` THEN 0 ELSE w.code END
	FROM (SELECT 1 + ((SELECT coalesce(max(id), 0) FROM orders) + 1) * 337 % 999 AS code) AS w)`

// complaintsOf is, for customer c, -1 when they have no complaint, 1 when
// one waits for their answer to "sudah beres?" (staff closed it and asked),
// else 0.
const complaintsOf = `(SELECT coalesce(max(settle_asked_at IS NOT NULL), -1) FROM complaint WHERE customer_id = c.id)`

// customerByID reads a customer with their conversation state and the
// catalogue version.
const customerByID = `SELECT c.id, coalesce(c.phone, ''), coalesce(c.lid, ''), c.push_name, c.paused_until, v.state,
	(SELECT n FROM catalog_version),
	EXISTS (SELECT 1 FROM orders WHERE customer_id = c.id),
	` + complaintsOf + `
	FROM customer c LEFT JOIN conversation v ON v.customer_id = c.id WHERE c.id = ?`
