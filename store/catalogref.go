package store

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// SaveCatalogRef keeps what a message from the shop's WhatsApp catalogue
// carried (JSON the runtime wrote) beside the message msgID accepted in
// this transaction, so its turn reads it after a crash as well.
func (tx *Tx) SaveCatalogRef(msgID, data string) error {
	if len(data) > 8000 {
		return fmt.Errorf("catalogue data of %d bytes: %w", len(data), ErrConstraint)
	}
	_, err := tx.exec(`INSERT INTO inbound_catalog (inbound_id, data) SELECT id, ? FROM inbound WHERE msg_id = ?
		ON CONFLICT (inbound_id) DO NOTHING`, data, msgID)
	if err != nil {
		return fmt.Errorf("failed to record catalogue message: %w", classify(err))
	}
	return nil
}

// CatalogRefs returns the catalogue data of the inbound rows ids that have
// some, by row id.
func (tx *Tx) CatalogRefs(ids []int64) (map[int64]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = strconv.FormatInt(id, 10)
	}
	rows, err := tx.QueryContext(tx.ctx, `SELECT inbound_id, data FROM inbound_catalog WHERE inbound_id IN (`+strings.Join(keys, ",")+`)`)
	if err != nil {
		return nil, fmt.Errorf("failed to read catalogue messages: %w", classify(err))
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var data string
		if err := rows.Scan(&id, &data); err != nil {
			return nil, err
		}
		out[id] = data
	}
	return out, rows.Err()
}

// HadReturn reports whether any order of the customer came back unpaid
// (flows reads it through the View when the store offers it).
func (tx *Tx) HadReturn(customerID int64) bool {
	var n int
	err := tx.QueryRowContext(tx.ctx, `SELECT EXISTS (SELECT 1 FROM orders WHERE customer_id = ? AND returned_at IS NOT NULL)`, customerID).Scan(&n)
	if err != nil && err != sql.ErrNoRows {
		tx.fail(err)
	}
	return n == 1
}
