package store

import (
	"context"
	"fmt"
)

// IsOutboxMessage reports whether a WhatsApp message id is one of the
// bot's own replies: the WhatsApp transport tells the bot's messages from
// ones a person typed on the shop's phone by this.
func (db *DB) IsOutboxMessage(ctx context.Context, msgID string) (bool, error) {
	var n int
	err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE msg_id = ?`, msgID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("failed to look up outbox message: %w", classify(err))
	}
	return n > 0, nil
}
