-- pesanbot: rebuild
-- pesanbot shop.db, version 16: two unique keys that cost a page at every
-- write and guard nothing are gone (tables rebuilt, as SQLite changes a
-- constraint: with foreign keys off, checked before the commit).
-- orders.source_msg kept a unique index of the message each order came
-- from; an order comes only from its message's turn, which the inbound
-- message id (unique) already runs once. The column stays, unindexed.
-- customer.phone and customer.lid were UNIQUE columns: a customer known by
-- one identity wrote an index entry for the other, NULL, as well. They are
-- unique through partial indexes of the values present.
PRAGMA legacy_alter_table = ON;

CREATE TABLE orders_v16 (
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
	source_msg    TEXT,
	created_at    INTEGER NOT NULL,
	hold_until    INTEGER NOT NULL DEFAULT 0,
	paid_at       INTEGER,
	shipped_at    INTEGER,
	completed_at  INTEGER,
	cancelled_at  INTEGER,
	payment       TEXT NOT NULL DEFAULT 'transfer' CHECK (payment IN ('transfer', 'qris', 'cod')),
	returned_at   INTEGER,
	shipping_eta  TEXT NOT NULL DEFAULT '',
	track_status  TEXT NOT NULL DEFAULT '' CHECK (length(track_status) <= 20),
	track_note    TEXT NOT NULL DEFAULT '' CHECK (length(track_note) <= 200),
	track_at      INTEGER,
	track_checked_at INTEGER,
	rating        INTEGER CHECK (rating BETWEEN 1 AND 5),
	rating_comment TEXT NOT NULL DEFAULT '' CHECK (length(rating_comment) <= 500),
	rated_at      INTEGER
) STRICT;
INSERT INTO orders_v16 (id, customer_id, status, name, phone, address, region, courier, subtotal, shipping,
	unique_code, total, tracking, cancel_reason, source_msg, created_at, hold_until, paid_at, shipped_at,
	completed_at, cancelled_at, payment, returned_at, shipping_eta, track_status, track_note, track_at,
	track_checked_at, rating, rating_comment, rated_at)
SELECT id, customer_id, status, name, phone, address, region, courier, subtotal, shipping,
	unique_code, total, tracking, cancel_reason, source_msg, created_at, hold_until, paid_at, shipped_at,
	completed_at, cancelled_at, payment, returned_at, shipping_eta, track_status, track_note, track_at,
	track_checked_at, rating, rating_comment, rated_at FROM orders;
DROP TABLE orders;
ALTER TABLE orders_v16 RENAME TO orders;
CREATE INDEX orders_customer ON orders (customer_id, id);
CREATE INDEX orders_created ON orders (created_at, status, region);
CREATE INDEX orders_paid ON orders (paid_at, status, total) WHERE paid_at IS NOT NULL;
CREATE INDEX orders_unpaid_code ON orders (unique_code) WHERE status IN ('awaiting_payment', 'awaiting_verification');
CREATE INDEX orders_returned ON orders (customer_id) WHERE returned_at IS NOT NULL;
CREATE INDEX orders_rated ON orders (rated_at) WHERE rated_at IS NOT NULL;
CREATE INDEX orders_open ON orders (id) WHERE status NOT IN ('completed', 'cancelled');
CREATE INDEX orders_closed ON orders (status, id) WHERE status IN ('completed', 'cancelled');
CREATE TRIGGER summary_day_order_insert AFTER INSERT ON orders BEGIN
	DELETE FROM summary_day WHERE day_start = (SELECT max(day_start) FROM summary_day WHERE day_start <= NEW.created_at) AND day_end > NEW.created_at;
	DELETE FROM summary_day WHERE day_start = (SELECT max(day_start) FROM summary_day WHERE day_start <= NEW.paid_at) AND day_end > NEW.paid_at;
	DELETE FROM summary_day WHERE day_start = (SELECT max(day_start) FROM summary_day WHERE day_start <= NEW.rated_at) AND day_end > NEW.rated_at;
END;
CREATE TRIGGER summary_day_order_update AFTER UPDATE OF status, created_at, paid_at, total, region, rating, rated_at ON orders BEGIN
	DELETE FROM summary_day WHERE day_start = (SELECT max(day_start) FROM summary_day WHERE day_start <= OLD.created_at) AND day_end > OLD.created_at;
	DELETE FROM summary_day WHERE day_start = (SELECT max(day_start) FROM summary_day WHERE day_start <= OLD.paid_at) AND day_end > OLD.paid_at;
	DELETE FROM summary_day WHERE day_start = (SELECT max(day_start) FROM summary_day WHERE day_start <= OLD.rated_at) AND day_end > OLD.rated_at;
	DELETE FROM summary_day WHERE day_start = (SELECT max(day_start) FROM summary_day WHERE day_start <= NEW.created_at) AND day_end > NEW.created_at;
	DELETE FROM summary_day WHERE day_start = (SELECT max(day_start) FROM summary_day WHERE day_start <= NEW.paid_at) AND day_end > NEW.paid_at;
	DELETE FROM summary_day WHERE day_start = (SELECT max(day_start) FROM summary_day WHERE day_start <= NEW.rated_at) AND day_end > NEW.rated_at;
END;
CREATE TRIGGER summary_day_order_delete AFTER DELETE ON orders BEGIN
	DELETE FROM summary_day WHERE day_start = (SELECT max(day_start) FROM summary_day WHERE day_start <= OLD.created_at) AND day_end > OLD.created_at;
	DELETE FROM summary_day WHERE day_start = (SELECT max(day_start) FROM summary_day WHERE day_start <= OLD.paid_at) AND day_end > OLD.paid_at;
	DELETE FROM summary_day WHERE day_start = (SELECT max(day_start) FROM summary_day WHERE day_start <= OLD.rated_at) AND day_end > OLD.rated_at;
END;

CREATE TABLE customer_v16 (
	id           INTEGER PRIMARY KEY,
	phone        TEXT CHECK (phone IS NULL OR (length(phone) BETWEEN 5 AND 20 AND phone NOT GLOB '*[^0-9]*')),
	lid          TEXT CHECK (lid IS NULL OR length(lid) BETWEEN 1 AND 40),
	push_name    TEXT NOT NULL DEFAULT '' CHECK (length(push_name) <= 100),
	paused_until INTEGER NOT NULL DEFAULT 0,
	created_at   INTEGER NOT NULL,
	CHECK (phone IS NOT NULL OR lid IS NOT NULL)
) STRICT;
INSERT INTO customer_v16 (id, phone, lid, push_name, paused_until, created_at)
	SELECT id, phone, lid, push_name, paused_until, created_at FROM customer;
DROP TABLE customer;
ALTER TABLE customer_v16 RENAME TO customer;
CREATE UNIQUE INDEX customer_phone ON customer (phone) WHERE phone IS NOT NULL;
CREATE UNIQUE INDEX customer_lid ON customer (lid) WHERE lid IS NOT NULL;
CREATE TRIGGER summary_customer_gone AFTER DELETE ON customer BEGIN
	DELETE FROM summary_customer WHERE customer_id = OLD.id;
END;

PRAGMA legacy_alter_table = OFF;
