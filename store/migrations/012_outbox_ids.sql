-- pesanbot shop.db, version 12: a reply's WhatsApp message id names its
-- outbox row ("3EB1", the row id in ten hex digits, eight random ones), so
-- the bot's own messages are recognised by a primary-key lookup and a new
-- reply writes no page of a message-id index. The ids given before this
-- version ("3EB0…") are still found, through an index of them alone.
CREATE TABLE outbox_v12 (
	id         INTEGER PRIMARY KEY,
	msg_id     TEXT NOT NULL,
	chat       TEXT NOT NULL CHECK (length(chat) BETWEEN 1 AND 60),
	text       TEXT NOT NULL CHECK (length(text) <= 65536),
	image      TEXT NOT NULL DEFAULT '',
	source     TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	not_before INTEGER NOT NULL,
	sent_at    INTEGER,
	attempts   INTEGER NOT NULL DEFAULT 0,
	last_error TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO outbox_v12 (id, msg_id, chat, text, image, source, created_at, not_before, sent_at, attempts, last_error)
	SELECT id, msg_id, chat, text, image, source, created_at, not_before, sent_at, attempts, last_error FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v12 RENAME TO outbox;
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
CREATE UNIQUE INDEX outbox_msg_id_v11 ON outbox (msg_id) WHERE msg_id NOT GLOB '3EB1*';
