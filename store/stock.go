package store

import (
	"encoding/json"
	"fmt"
)

// stock.go: an order takes its stock in one statement, and the catalogue
// the turn read stays valid: the new counts are set on a copy of it, which
// becomes the shared catalogue once the transaction commits, so the next
// turn neither reads catalog_version's change as a new catalogue nor
// loads the products again.

// takeStockQuery takes ?1 (a JSON array of [variant id, quantity]) from
// the variants that still have it, returning each variant it took from
// with its new count. Counted in sold, a take that leaves stock changes
// nothing else and does not bump catalog_version; catalog_version's
// trigger counts one change per variant the take empties (migration 15).
const takeStockQuery = `UPDATE variant SET stock = stock - t.qty, sold = sold + t.qty
	FROM (SELECT value ->> 0 AS id, value ->> 1 AS qty FROM json_each(?1)) AS t
	WHERE variant.id = t.id AND variant.stock >= t.qty
	RETURNING variant.id, variant.stock`

// takeStock takes the quantities (by variant id), or fails with
// ErrOutOfStock and the variants that are short.
func (tx *Tx) takeStock(take map[int64]int) (short map[int64]bool, err error) {
	pairs := make([][2]int64, 0, len(take))
	for id, qty := range take {
		pairs = append(pairs, [2]int64{id, int64(qty)})
	}
	js, err := json.Marshal(pairs)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(tx.ctx, takeStockQuery, string(js))
	if err != nil {
		return nil, fmt.Errorf("failed to take stock: %w", classify(err))
	}
	left := make(map[int64]int, len(take))
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return nil, err
		}
		left[id] = n
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("failed to take stock: %w", classify(err))
	}
	if len(left) != len(take) {
		short = map[int64]bool{}
		for id := range take {
			if _, ok := left[id]; !ok {
				short[id] = true
			}
		}
		return short, ErrOutOfStock // the caller rolls back what was taken
	}
	tx.stockChanged(left)
	return nil, nil
}

// stockChanged keeps the transaction's catalogue true after its own stock
// update (one catalog_version change per variant left with none): the
// catalogue it read is replaced by a copy with the new counts, to be
// shared after commit.
func (tx *Tx) stockChanged(left map[int64]int) {
	if tx.catWrote {
		return // the transaction reads its own catalogue from SQLite anyway
	}
	tx.stockWrote = true
	if tx.catVerKnown {
		for _, n := range left {
			if n == 0 {
				tx.catVer++
			}
		}
	}
	if tx.cat != nil {
		tx.cat = tx.cat.WithStock(left)
	}
}

// publishCatalog shares, after commit, the catalogue a transaction kept
// true through its own stock changes.
func (tx *Tx) publishCatalog() {
	if tx.stockWrote && !tx.catWrote && tx.cat != nil && tx.catVerKnown {
		tx.db.cat.publish(tx.catVer, tx.cat)
	}
}
