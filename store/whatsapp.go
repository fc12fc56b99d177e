package store

import (
	"context"
	"fmt"
)

// IsOutboxMessage reports whether a WhatsApp message id is one of the
// bot's own replies: the WhatsApp transport tells the bot's messages from
// ones a person typed on the shop's phone by this.
func (db *DB) IsOutboxMessage(ctx context.Context, msgID string) (bool, error) {
	var mine bool
	var err error
	if id, ok := outboxRowOf(msgID); ok {
		err = db.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM outbox WHERE id = ? AND msg_id = ?)`, id, msgID).Scan(&mine)
	} else {
		// An id given before schema version 12, through its own index.
		err = db.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM outbox WHERE msg_id = ? AND msg_id NOT GLOB '3EB1*')`, msgID).Scan(&mine)
	}
	if err != nil {
		return false, fmt.Errorf("failed to look up outbox message: %w", classify(err))
	}
	return mine, nil
}

// SetInboundMedia changes the media of a stored message whose turn has not
// run yet (a file refused after the message was committed). pending is
// false when the turn had already run and nothing changed.
func (db *DB) SetInboundMedia(ctx context.Context, msgID, kind, path string) (pending bool, err error) {
	err = db.Update(ctx, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE inbound SET kind = ?, media_path = ? WHERE msg_id = ? AND handled_at IS NULL`, kind, path, msgID)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		pending = n > 0
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("failed to update message media: %w", err)
	}
	return pending, nil
}
