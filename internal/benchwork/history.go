package benchwork

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"
)

// histVariant is a catalogue variant past orders are made of.
type histVariant struct {
	id                 int64
	sku, name, variant string
	price, weight      int64
}

var histTexts = []string{"halo kak, mau pesan", "pashmina hitam 2 ya kak", "Jl. Melati 4 Bekasi 17112, jne", "ya kak", "sudah transfer kak", "makasih kak"}

var histRegions = []string{"Bekasi", "Jakarta Timur", "Depok", "Bogor", "Tangerang", "Bandung", "Surabaya", "Medan"}

// seedHistory writes n past orders created over the year before now, in
// one transaction, as the shop would hold them after a year: their
// customers (one for about every three orders), lines of the sample
// catalogue, four customer messages and four replies each (sent), the
// payment reminder done, and for some a complaint with its reminder done.
// Orders older than three days are completed, or cancelled; newer ones are
// in every state. The owner's lists and summaries read this history.
func seedHistory(ctx context.Context, db *sql.DB, n int, now time.Time) (err error) {
	var vs []histVariant
	rows, err := db.QueryContext(ctx, `SELECT v.id, p.sku, p.name, v.name, v.price, v.weight_grams
		FROM variant v JOIN product p ON p.id = v.product_id WHERE v.active = 1 AND p.active = 1 ORDER BY v.id`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var v histVariant
		if err := rows.Scan(&v.id, &v.sku, &v.name, &v.variant, &v.price, &v.weight); err != nil {
			rows.Close()
			return err
		}
		vs = append(vs, v)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if len(vs) == 0 {
		return fmt.Errorf("no catalogue to order from")
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var s *sql.Stmt
		s, err = tx.PrepareContext(ctx, q)
		return s
	}
	insCustomer := prep(`INSERT INTO customer (phone, push_name, created_at) VALUES (?, ?, ?)`)
	insOrder := prep(`INSERT INTO orders (customer_id, status, name, phone, address, region, courier, subtotal, shipping,
		unique_code, total, tracking, cancel_reason, created_at, paid_at, shipped_at, completed_at, cancelled_at, payment)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	insLine := prep(`INSERT INTO order_line (order_id, line, variant_id, sku, name, variant, qty, price, weight_grams)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	insInbound := prep(`INSERT INTO inbound (msg_id, customer_id, kind, text, sent_at, received_at, handled_at)
		VALUES (?, ?, 'text', ?, ?, ?, ?)`)
	insOutbox := prep(`INSERT INTO outbox (msg_id, chat, text, source, created_at, not_before, sent_at, attempts)
		VALUES (?, ?, ?, ?, ?, ?, ?, 1)`)
	insFollowUp := prep(`INSERT INTO follow_up (kind, subject, step, due_at, attempt, done_at, result) VALUES (?, ?, ?, ?, 1, ?, 'done')`)
	insComplaint := prep(`INSERT INTO complaint (customer_id, order_id, status, category, description, created_at, due_at,
		follow_ups, answered_at, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(uint64(n), 20))
	year := 365 * 24 * time.Hour
	nCust := n/3 + 1
	custs := make([]int64, 0, nCust)
	msg := 0
	exec := func(s *sql.Stmt, args ...any) sql.Result {
		if err != nil {
			return nil
		}
		var r sql.Result
		r, err = s.ExecContext(ctx, args...)
		return r
	}
	for i := range n {
		// Oldest first, so ids grow with time as in a real shop.
		created := now.Add(-year + time.Duration(float64(year)*(float64(i)+rng.Float64())/float64(n)))
		if created.After(now) {
			created = now.Add(-time.Minute)
		}
		var cust int64
		phone := ""
		if len(custs) < nCust && (len(custs) == 0 || rng.IntN(3) == 0) {
			phone = fmt.Sprintf("6281%09d", len(custs)+1)
			r := exec(insCustomer, phone, benchNames[len(custs)%len(benchNames)], created.Add(-time.Hour).UnixMilli())
			if err != nil {
				return fmt.Errorf("customer: %w", err)
			}
			cust, _ = r.LastInsertId()
			custs = append(custs, cust)
		} else {
			j := rng.IntN(len(custs))
			cust, phone = custs[j], fmt.Sprintf("6281%09d", j+1)
		}
		name := benchNames[int(cust)%len(benchNames)]
		// Status by age: settled orders are old, open ones recent.
		age := now.Sub(created)
		status, payment := "completed", "transfer"
		switch r := rng.IntN(10); {
		case r == 0:
			payment = "cod"
		case r == 1:
			payment = "qris"
		}
		if age > 3*24*time.Hour {
			if rng.IntN(10) == 0 {
				status = "cancelled"
			}
		} else {
			status = []string{"awaiting_payment", "awaiting_verification", "paid", "shipped", "completed", "cancelled"}[rng.IntN(6)]
			if payment == "cod" && (status == "awaiting_payment" || status == "awaiting_verification") {
				status = "paid" // cash on delivery: confirmed, never waiting for a transfer
			}
		}
		var paid, shipped, completed, cancelled any
		// Later events of a recent order are squeezed into its age.
		scale := min(1, float64(age)/float64(100*time.Hour))
		at := func(d time.Duration) int64 { return created.Add(time.Duration(float64(d) * scale)).UnixMilli() }
		tracking, reason := "", ""
		switch status {
		case "paid":
			paid = at(time.Hour)
		case "shipped":
			paid, shipped, tracking = at(time.Hour), at(20*time.Hour), fmt.Sprintf("JNE%010d", i)
		case "completed":
			paid, shipped, completed, tracking = at(time.Hour), at(20*time.Hour), at(72*time.Hour), fmt.Sprintf("JNE%010d", i)
		case "cancelled":
			cancelled, reason = at(24*time.Hour), "tidak dibayar"
		}
		if payment == "cod" && status != "completed" {
			paid = nil // paid to the courier on delivery
		}
		code := 0
		if payment == "transfer" {
			code = 1 + i%999
		}
		lines := 1 + rng.IntN(3)
		var subtotal int64
		type line struct {
			v   histVariant
			qty int64
		}
		ls := make([]line, lines)
		for l := range ls {
			ls[l] = line{vs[rng.IntN(len(vs))], int64(1 + rng.IntN(3))}
			subtotal += ls[l].v.price * ls[l].qty
		}
		shipping := int64(9000 + 1000*rng.IntN(20))
		r := exec(insOrder, cust, status, name, phone, fmt.Sprintf("Jl. Melati %d", 1+rng.IntN(200)), histRegions[rng.IntN(len(histRegions))],
			"jne", subtotal, shipping, code, subtotal+shipping+int64(code), tracking, reason, created.UnixMilli(), paid, shipped, completed, cancelled, payment)
		if err != nil {
			return fmt.Errorf("order: %w", err)
		}
		order, _ := r.LastInsertId()
		for l, ln := range ls {
			exec(insLine, order, l+1, ln.v.id, ln.v.sku, ln.v.name, ln.v.variant, ln.qty, ln.v.price, ln.v.weight)
		}
		for k := range 4 {
			msg++
			t := created.Add(time.Duration(k-4) * time.Minute).UnixMilli()
			exec(insInbound, fmt.Sprintf("HIST%010d", msg), cust, histTexts[(i+k)%len(histTexts)], t, t, t)
			exec(insOutbox, fmt.Sprintf("HISTOUT%010d", msg), phone, "Baik Kak, pesanannya kami catat ya.", fmt.Sprintf("HIST%010d", msg), t, t, t+1000)
		}
		exec(insFollowUp, "payment_reminder", order, 0, at(6*time.Hour), at(6*time.Hour))
		if status == "completed" && rng.IntN(20) == 0 {
			cstatus, answered, resolved := "resolved", any(at(80*time.Hour)), any(at(100*time.Hour))
			if age < 10*24*time.Hour {
				cstatus, answered, resolved = "open", nil, nil
			}
			r := exec(insComplaint, cust, order, cstatus, []string{"late", "wrong_item", "damaged", "other"}[rng.IntN(4)],
				"paket belum sampai kak", at(75*time.Hour), at(99*time.Hour), 1, answered, resolved)
			if err == nil {
				id, _ := r.LastInsertId()
				exec(insFollowUp, "complaint_remind", id, 0, at(99*time.Hour), at(99*time.Hour))
			}
		}
		if err != nil {
			return fmt.Errorf("order %d: %w", i, err)
		}
	}
	return tx.Commit()
}
