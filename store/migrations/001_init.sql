-- pesanbot shop.db, version 1. Times are UTC unix milliseconds; money is
-- whole rupiah.

CREATE TABLE product (
	id          INTEGER PRIMARY KEY,
	sku         TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(sku) BETWEEN 1 AND 64),
	name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	category    TEXT NOT NULL DEFAULT '' CHECK (length(category) <= 100),
	description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
	aliases     TEXT NOT NULL DEFAULT '' CHECK (length(aliases) <= 1000),
	image       TEXT NOT NULL DEFAULT '' CHECK (length(image) <= 500),
	position    INTEGER NOT NULL DEFAULT 0,
	active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE variant (
	id           INTEGER PRIMARY KEY,
	product_id   INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
	name         TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 200),
	price        INTEGER NOT NULL CHECK (price > 0 AND price <= 1000000000000),
	stock        INTEGER NOT NULL CHECK (stock >= 0 AND stock <= 1000000),
	weight_grams INTEGER NOT NULL DEFAULT 0 CHECK (weight_grams >= 0 AND weight_grams <= 1000000),
	position     INTEGER NOT NULL DEFAULT 0,
	active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	UNIQUE (product_id, name)
) STRICT;

CREATE TABLE customer (
	id           INTEGER PRIMARY KEY,
	phone        TEXT UNIQUE CHECK (phone IS NULL OR (length(phone) BETWEEN 5 AND 20 AND phone NOT GLOB '*[^0-9]*')),
	lid          TEXT UNIQUE CHECK (lid IS NULL OR length(lid) BETWEEN 1 AND 40),
	push_name    TEXT NOT NULL DEFAULT '' CHECK (length(push_name) <= 100),
	paused_until INTEGER NOT NULL DEFAULT 0,
	created_at   INTEGER NOT NULL,
	CHECK (phone IS NOT NULL OR lid IS NOT NULL)
) STRICT;

CREATE TABLE conversation (
	customer_id INTEGER PRIMARY KEY REFERENCES customer (id) ON DELETE CASCADE,
	state       TEXT NOT NULL CHECK (json_valid(state)),
	updated_at  INTEGER NOT NULL
) STRICT;

-- Every accepted message, before anything else happens to it. msg_id is
-- WhatsApp's id: the dedupe key.
CREATE TABLE inbound (
	id          INTEGER PRIMARY KEY,
	msg_id      TEXT NOT NULL UNIQUE CHECK (length(msg_id) BETWEEN 1 AND 128),
	customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
	kind        TEXT NOT NULL CHECK (kind IN ('text', 'image', 'sticker', 'audio', 'video', 'document', 'location', 'contact', 'reaction', 'edit', 'revoke', 'other')),
	text        TEXT NOT NULL DEFAULT '' CHECK (length(text) <= 70000),
	media_path  TEXT NOT NULL DEFAULT '',
	sent_at     INTEGER NOT NULL,
	received_at INTEGER NOT NULL,
	handled_at  INTEGER
) STRICT;
CREATE INDEX inbound_pending ON inbound (customer_id, id) WHERE handled_at IS NULL;
CREATE INDEX inbound_sent ON inbound (sent_at);

CREATE TABLE orders (
	id            INTEGER PRIMARY KEY,
	customer_id   INTEGER NOT NULL REFERENCES customer (id),
	status        TEXT NOT NULL CHECK (status IN ('awaiting_payment', 'awaiting_verification', 'paid', 'shipped', 'completed', 'cancelled')),
	name          TEXT NOT NULL CHECK (length(name) <= 100),
	phone         TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 20),
	address       TEXT NOT NULL CHECK (length(address) <= 500),
	region        TEXT NOT NULL DEFAULT '' CHECK (length(region) <= 100),
	courier       TEXT NOT NULL DEFAULT '' CHECK (length(courier) <= 40),
	subtotal      INTEGER NOT NULL CHECK (subtotal >= 0),
	shipping      INTEGER NOT NULL CHECK (shipping >= 0),
	unique_code   INTEGER NOT NULL CHECK (unique_code BETWEEN 0 AND 999),
	total         INTEGER NOT NULL CHECK (total = subtotal + shipping + unique_code),
	tracking      TEXT NOT NULL DEFAULT '' CHECK (length(tracking) <= 60),
	cancel_reason TEXT NOT NULL DEFAULT '' CHECK (length(cancel_reason) <= 300),
	source_msg    TEXT UNIQUE,
	created_at    INTEGER NOT NULL,
	hold_until    INTEGER NOT NULL DEFAULT 0,
	paid_at       INTEGER,
	shipped_at    INTEGER,
	completed_at  INTEGER,
	cancelled_at  INTEGER
) STRICT;
CREATE INDEX orders_customer ON orders (customer_id, id);
CREATE INDEX orders_status ON orders (status, id);
CREATE INDEX orders_created ON orders (created_at);

CREATE TABLE order_line (
	order_id     INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	line         INTEGER NOT NULL,
	variant_id   INTEGER REFERENCES variant (id) ON DELETE SET NULL,
	sku          TEXT NOT NULL,
	name         TEXT NOT NULL,
	variant      TEXT NOT NULL DEFAULT '',
	qty          INTEGER NOT NULL CHECK (qty BETWEEN 1 AND 9999),
	price        INTEGER NOT NULL CHECK (price >= 0),
	weight_grams INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (order_id, line)
) STRICT;

CREATE TABLE payment_proof (
	id          INTEGER PRIMARY KEY,
	order_id    INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	path        TEXT NOT NULL,
	received_at INTEGER NOT NULL
) STRICT;

CREATE TABLE complaint (
	id              INTEGER PRIMARY KEY,
	customer_id     INTEGER NOT NULL REFERENCES customer (id),
	order_id        INTEGER REFERENCES orders (id),
	status          TEXT NOT NULL CHECK (status IN ('open', 'answered', 'resolved')),
	category        TEXT NOT NULL CHECK (category IN ('late', 'wrong_item', 'damaged', 'other')),
	description     TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
	note            TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 300),
	created_at      INTEGER NOT NULL,
	due_at          INTEGER NOT NULL,
	follow_ups      INTEGER NOT NULL DEFAULT 0 CHECK (follow_ups >= 0),
	misses          INTEGER NOT NULL DEFAULT 0 CHECK (misses >= 0),
	answered_at     INTEGER,
	resolved_at     INTEGER,
	settle_asked_at INTEGER
) STRICT;
CREATE INDEX complaint_customer ON complaint (customer_id, id);
CREATE INDEX complaint_status ON complaint (status, id);

CREATE TABLE complaint_photo (
	id           INTEGER PRIMARY KEY,
	complaint_id INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
	path         TEXT NOT NULL,
	received_at  INTEGER NOT NULL
) STRICT;

-- Due work: one row per subject and step; the scheduler marks it done in
-- the same transaction as the outbox rows it writes.
CREATE TABLE follow_up (
	id      INTEGER PRIMARY KEY,
	kind    TEXT NOT NULL,
	subject INTEGER NOT NULL,
	step    INTEGER NOT NULL DEFAULT 0,
	due_at  INTEGER NOT NULL,
	attempt INTEGER NOT NULL DEFAULT 0,
	done_at INTEGER,
	result  TEXT NOT NULL DEFAULT '',
	UNIQUE (kind, subject, step)
) STRICT;
CREATE INDEX follow_up_due ON follow_up (due_at) WHERE done_at IS NULL;

-- Replies to send, with the WhatsApp message id fixed before sending so a
-- resend after a crash is recognised as the same message.
CREATE TABLE outbox (
	id         INTEGER PRIMARY KEY,
	msg_id     TEXT NOT NULL UNIQUE,
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
CREATE INDEX outbox_pending ON outbox (not_before, id) WHERE sent_at IS NULL;

CREATE TABLE audit_log (
	id     INTEGER PRIMARY KEY,
	at     INTEGER NOT NULL,
	actor  TEXT NOT NULL,
	action TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT ''
) STRICT;

-- The audit log is append-only.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
