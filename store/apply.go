package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pesanbot/pesanbot/flows"
	"github.com/pesanbot/pesanbot/flows/lang"
)

// Apply writes a turn's effects. source is the inbound message id that
// caused them ("" for commands and timers); it makes an order unique per
// message, so a redelivered message can never create a second order.
func (tx *Tx) Apply(effects []flows.Effect, source string) error {
	for _, e := range effects {
		var err error
		switch e := e.(type) {
		case flows.CreateOrder:
			err = tx.createOrder(e.Order, source)
		case flows.SetOrderStatus:
			err = tx.setOrderStatus(e)
		case flows.AttachProof:
			_, err = tx.exec(`INSERT INTO payment_proof (order_id, path, received_at) VALUES (?, ?, ?)`, e.OrderID, e.Path, ms(tx.now))
		case flows.CreateComplaint:
			err = tx.createComplaint(e.Complaint)
		case flows.UpdateComplaint:
			err = tx.updateComplaint(e)
		case flows.SetPause:
			err = tx.setPause(e)
		case flows.SetStock:
			err = tx.setStock(e.VariantID, e.Stock)
		case flows.Audit:
			_, err = tx.exec(`INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)`, ms(tx.now), e.Actor, e.Action, lang.Clean(e.Detail, 500))
		case flows.Schedule:
			err = tx.schedule(e)
		case flows.Retain:
			err = tx.retain(e)
		case flows.SetTracking:
			// A poll without events keeps the last position known.
			note := lang.Clean(e.Note, 200)
			_, err = tx.exec(`UPDATE orders SET track_status = ?, track_note = CASE WHEN ? != '' THEN ? ELSE track_note END,
				track_at = coalesce(?, track_at), track_checked_at = ? WHERE id = ?`,
				lang.Clean(e.Status, 20), note, note, nullMS(e.At), ms(e.CheckedAt), e.ID)
		case flows.RateOrder:
			err = tx.rateOrder(e)
		case flows.EraseCustomer:
			err = tx.eraseCustomer(e.CustomerID)
		case flows.ReturnOrder:
			err = tx.returnOrder(e)
		default:
			err = fmt.Errorf("unknown effect %T", e)
		}
		if err != nil {
			return fmt.Errorf("failed to apply %T: %w", e, err)
		}
	}
	return nil
}

const insertOrder = `INSERT INTO orders (id, customer_id, status, name, phone, address, region, courier,
	subtotal, shipping, unique_code, total, source_msg, created_at, hold_until, payment, shipping_eta)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// createOrder inserts the order and takes its stock with a conditional
// update, so two customers can never both buy the last unit.
func (tx *Tx) createOrder(o flows.Order, source string) error {
	var src any
	if source != "" {
		src = source
	}
	_, err := tx.exec(insertOrder, o.ID, o.CustomerID, string(o.Status), o.CustomerName, o.Phone, o.Address, o.Region, o.Courier,
		o.Subtotal, o.Shipping, o.UniqueCode, o.Total, src, ms(o.CreatedAt), ms(o.HoldUntil), string(o.Payment.OrDefault()), o.ShippingETA)
	if err != nil {
		return err
	}
	if len(o.Items) == 0 {
		return nil
	}
	take := map[int64]int{}
	lines := make([][9]any, len(o.Items))
	for i, l := range o.Items {
		take[l.VariantID] += l.Qty
		lines[i] = [9]any{o.ID, i + 1, l.VariantID, l.SKU, l.Name, l.Variant, l.Qty, l.Price, l.Weight}
	}
	if short, err := tx.takeStock(take); err != nil {
		for _, l := range o.Items {
			if short[l.VariantID] {
				return fmt.Errorf("%s %s: %w", l.SKU, l.Variant, ErrOutOfStock)
			}
		}
		return err
	}
	js, err := json.Marshal(lines)
	if err != nil {
		return err
	}
	_, err = tx.exec(insertOrderLines, string(js))
	return err
}

const insertOrderLines = `INSERT INTO order_line (order_id, line, variant_id, sku, name, variant, qty, price, weight_grams)
	SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8
	FROM json_each(?)`

// setOrderStatus moves an order; cancelling an order that held stock gives
// the stock back, once.
func (tx *Tx) setOrderStatus(e flows.SetOrderStatus) error {
	var cur string
	if err := tx.QueryRowContext(tx.ctx, `SELECT status FROM orders WHERE id = ?`, e.ID).Scan(&cur); err != nil {
		if err == sql.ErrNoRows {
			return fmt.Errorf("order %d: %w", e.ID, ErrNotFound)
		}
		return err
	}
	if cur == string(e.Status) && e.Status != flows.StatusShipped {
		return nil
	}
	if cur == string(flows.StatusCancelled) {
		return fmt.Errorf("order %d is cancelled: %w", e.ID, ErrConstraint)
	}
	at := ms(e.At)
	var err error
	switch e.Status {
	case flows.StatusPaid:
		_, err = tx.exec(`UPDATE orders SET status = ?, paid_at = coalesce(paid_at, ?) WHERE id = ?`, string(e.Status), at, e.ID)
	case flows.StatusShipped:
		// A new waybill forgets what the old one's polls found.
		if _, err = tx.exec(`UPDATE orders SET track_status = '', track_note = '', track_at = NULL, track_checked_at = NULL
			WHERE id = ? AND tracking != ?`, e.ID, e.Tracking); err != nil {
			return err
		}
		_, err = tx.exec(`UPDATE orders SET status = ?, shipped_at = ?, courier = CASE WHEN ? != '' THEN ? ELSE courier END, tracking = ?,
			paid_at = coalesce(paid_at, ?) WHERE id = ?`, string(e.Status), at, e.Courier, e.Courier, e.Tracking, at, e.ID)
	case flows.StatusCompleted:
		_, err = tx.exec(`UPDATE orders SET status = ?, completed_at = ? WHERE id = ?`, string(e.Status), at, e.ID)
	case flows.StatusCancelled:
		if _, err = tx.exec(`UPDATE variant SET stock = stock + l.qty FROM order_line l
			WHERE l.order_id = ? AND l.variant_id = variant.id`, e.ID); err != nil {
			return err
		}
		_, err = tx.exec(`UPDATE orders SET status = ?, cancelled_at = ?, cancel_reason = ? WHERE id = ?`, string(e.Status), at, lang.Clean(e.Reason, 300), e.ID)
	default:
		_, err = tx.exec(`UPDATE orders SET status = ? WHERE id = ?`, string(e.Status), e.ID)
	}
	return err
}

func (tx *Tx) createComplaint(c flows.Complaint) error {
	var order any
	if c.OrderID > 0 {
		order = c.OrderID
	}
	_, err := tx.exec(`INSERT INTO complaint (id, customer_id, order_id, status, category, description, created_at, due_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.CustomerID, order, string(c.Status), string(c.Category),
		lang.Clean(c.Description, 5000), ms(c.CreatedAt), ms(c.DueAt))
	return err
}

func (tx *Tx) updateComplaint(e flows.UpdateComplaint) error {
	var sets []string
	var args []any
	add := func(s string, a ...any) { sets = append(sets, s); args = append(args, a...) }
	if e.Status != "" {
		add("status = ?", string(e.Status))
		switch e.Status {
		case flows.ComplaintAnswered:
			add("answered_at = ?", ms(tx.now))
		case flows.ComplaintResolved:
			add("resolved_at = ?", ms(tx.now))
		case flows.ComplaintOpen:
			add("resolved_at = NULL")
		}
	}
	if !e.DueAt.IsZero() {
		add("due_at = ?", ms(e.DueAt))
	}
	if e.AddFollowUp {
		add("follow_ups = follow_ups + 1")
	}
	if e.AddMiss {
		add("misses = misses + 1")
	}
	if e.Note != "" {
		add("note = ?", lang.Clean(e.Note, 300))
	}
	if !e.SettleAskedAt.IsZero() {
		add("settle_asked_at = ?", ms(e.SettleAskedAt))
	}
	if e.ClearSettle {
		add("settle_asked_at = NULL")
	}
	if e.AppendText != "" {
		add("description = substr(description || char(10) || ?, 1, 5000)", lang.Clean(e.AppendText, 1000))
	}
	if e.AddPhoto != "" {
		if _, err := tx.exec(`INSERT INTO complaint_photo (complaint_id, path, received_at) VALUES (?, ?, ?)`, e.ID, e.AddPhoto, ms(tx.now)); err != nil {
			return err
		}
	}
	if len(sets) == 0 {
		return nil
	}
	args = append(args, e.ID)
	res, err := tx.execOnce(`UPDATE complaint SET `+strings.Join(sets, ", ")+` WHERE id = ?`, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("complaint %d: %w", e.ID, ErrNotFound)
	}
	return nil
}

// setPause hands a chat to a human (or back). A number that never wrote
// gets a customer row, so /ambil works before the first message.
func (tx *Tx) setPause(e flows.SetPause) error {
	col, key := "phone", e.Phone
	if lid, isLID := ChatKey(e.Phone).LID(); isLID {
		col, key = "lid", lid
	}
	var id int64
	err := tx.QueryRowContext(tx.ctx, `UPDATE customer SET paused_until = ? WHERE `+col+` = ? RETURNING id`, ms(e.Until), key).Scan(&id)
	if err == sql.ErrNoRows && col == "phone" {
		err = tx.QueryRowContext(tx.ctx, `INSERT INTO customer (phone, paused_until, created_at) VALUES (?, ?, ?) RETURNING id`,
			key, ms(e.Until), ms(tx.now)).Scan(&id)
	}
	if err == sql.ErrNoRows {
		return nil // an unknown LID: nothing to pause
	}
	if err != nil {
		return classify(err)
	}
	if e.Until.IsZero() {
		return nil
	}
	return tx.schedule(flows.Schedule{Kind: flows.FollowUpHandoverCap, Subject: id, DueAt: e.Until})
}

func (tx *Tx) setStock(variantID int64, stock int) error {
	res, err := tx.exec(`UPDATE variant SET stock = ? WHERE id = ?`, stock, variantID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("variant %d: %w", variantID, ErrNotFound)
	}
	return nil
}

// schedule adds a follow-up row, or moves an existing one for the same
// subject and step to the new time and makes it due again.
func (tx *Tx) schedule(e flows.Schedule) error {
	// Written with the transaction's other follow-ups in one statement.
	tx.followUps = append(tx.followUps, queuedFollowUp{kind: e.Kind, subject: e.Subject, step: int64(e.Step), dueAt: ms(e.DueAt)})
	return nil
}

// returnOrder cancels a shipped order whose parcel came back unpaid: the
// stock goes back as with any cancellation, and returned_at remembers it.
func (tx *Tx) returnOrder(e flows.ReturnOrder) error {
	var cur string
	var returned sql.NullInt64
	if err := tx.QueryRowContext(tx.ctx, `SELECT status, returned_at FROM orders WHERE id = ?`, e.ID).Scan(&cur, &returned); err != nil {
		if err == sql.ErrNoRows {
			return fmt.Errorf("order %d: %w", e.ID, ErrNotFound)
		}
		return err
	}
	if returned.Valid {
		return nil // already returned: once
	}
	if cur != string(flows.StatusShipped) {
		return fmt.Errorf("order %d is %s, not shipped: %w", e.ID, cur, ErrConstraint)
	}
	if err := tx.setOrderStatus(flows.SetOrderStatus{ID: e.ID, Status: flows.StatusCancelled, At: e.At, Reason: e.Reason}); err != nil {
		return err
	}
	_, err := tx.exec(`UPDATE orders SET returned_at = ? WHERE id = ?`, ms(e.At), e.ID)
	return err
}

// rateOrder records a rating once: a second answer for the same order
// (a redelivered message) changes nothing.
func (tx *Tx) rateOrder(e flows.RateOrder) error {
	if e.Rating < 1 || e.Rating > 5 {
		return fmt.Errorf("rating %d of order %d: %w", e.Rating, e.ID, ErrConstraint)
	}
	res, err := tx.exec(`UPDATE orders SET rating = ?, rating_comment = ?, rated_at = ? WHERE id = ? AND rating IS NULL`,
		e.Rating, lang.Clean(e.Comment, 500), ms(e.At), e.ID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		var exists bool
		if err := tx.QueryRowContext(tx.ctx, `SELECT count(*) > 0 FROM orders WHERE id = ?`, e.ID).Scan(&exists); err != nil {
			return err
		}
		if !exists {
			return fmt.Errorf("order %d: %w", e.ID, ErrNotFound)
		}
	}
	return nil
}
