-- pesanbot shop.db, version 15: an order writes fewer b-trees.

-- A follow-up is unique by subject first, so the follow-ups of one order
-- (or complaint, or customer) sit side by side in the key instead of in
-- one run per kind. The rows keep their ids.
CREATE TABLE follow_up_v14 (
	id      INTEGER PRIMARY KEY,
	kind    TEXT NOT NULL,
	subject INTEGER NOT NULL,
	step    INTEGER NOT NULL DEFAULT 0,
	due_at  INTEGER NOT NULL,
	attempt INTEGER NOT NULL DEFAULT 0,
	done_at INTEGER,
	result  TEXT NOT NULL DEFAULT '',
	UNIQUE (subject, kind, step)
) STRICT;
INSERT INTO follow_up_v14 (id, kind, subject, step, due_at, attempt, done_at, result)
	SELECT id, kind, subject, step, due_at, attempt, done_at, result FROM follow_up;
DROP TABLE follow_up;
ALTER TABLE follow_up_v14 RENAME TO follow_up;
CREATE INDEX follow_up_due ON follow_up (due_at) WHERE done_at IS NULL;

-- No index of every order's status: placing an order, and moving it
-- between open statuses, wrote one. An open status is read through
-- orders_open (the open orders alone), a closed one through orders_closed,
-- written when an order is completed or cancelled (see orderstatus.go).
DROP INDEX orders_status;
CREATE INDEX orders_closed ON orders (status, id) WHERE status IN ('completed', 'cancelled');

-- An order's lines are stored in their key (order id, line number): one
-- b-tree instead of a table and its primary key's index. Nothing reads a
-- line's rowid. The triggers that drop summary days go with the old table
-- and are made again as they were (migration 13).
CREATE TABLE order_line_v14 (
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
) STRICT, WITHOUT ROWID;
INSERT INTO order_line_v14 (order_id, line, variant_id, sku, name, variant, qty, price, weight_grams)
	SELECT order_id, line, variant_id, sku, name, variant, qty, price, weight_grams FROM order_line;
DROP TABLE order_line;
ALTER TABLE order_line_v14 RENAME TO order_line;
CREATE TRIGGER summary_day_line_insert AFTER INSERT ON order_line BEGIN
	DELETE FROM summary_day WHERE day_start = (SELECT max(day_start) FROM summary_day
		WHERE day_start <= (SELECT created_at FROM orders WHERE id = NEW.order_id))
		AND day_end > (SELECT created_at FROM orders WHERE id = NEW.order_id);
END;
CREATE TRIGGER summary_day_line_update AFTER UPDATE OF order_id, name, qty ON order_line BEGIN
	DELETE FROM summary_day WHERE day_start = (SELECT max(day_start) FROM summary_day
		WHERE day_start <= (SELECT created_at FROM orders WHERE id = OLD.order_id))
		AND day_end > (SELECT created_at FROM orders WHERE id = OLD.order_id);
	DELETE FROM summary_day WHERE day_start = (SELECT max(day_start) FROM summary_day
		WHERE day_start <= (SELECT created_at FROM orders WHERE id = NEW.order_id))
		AND day_end > (SELECT created_at FROM orders WHERE id = NEW.order_id);
END;
CREATE TRIGGER summary_day_line_delete AFTER DELETE ON order_line BEGIN
	DELETE FROM summary_day WHERE day_start = (SELECT max(day_start) FROM summary_day
		WHERE day_start <= (SELECT created_at FROM orders WHERE id = OLD.order_id))
		AND day_end > (SELECT created_at FROM orders WHERE id = OLD.order_id);
END;

-- sold counts the units orders took from a variant (a cancellation gives
-- the stock back but leaves the count). An order's take that leaves the
-- variant in stock changes nothing else and does not bump the catalogue's
-- version: the process that sold keeps its catalogue true itself, and
-- every order's take is checked against the stock in SQLite anyway. Any
-- other change of a variant still bumps it: a restock, a take that empties
-- it, a stock set by hand or by an import, a price or name. (A column
-- added to variant later is added to this list.)
ALTER TABLE variant ADD COLUMN sold INTEGER NOT NULL DEFAULT 0 CHECK (sold >= 0);
DROP TRIGGER variant_update_version;
CREATE TRIGGER variant_update_version AFTER UPDATE ON variant
WHEN NOT (NEW.sold > OLD.sold AND NEW.stock > 0 AND NEW.stock = OLD.stock - (NEW.sold - OLD.sold)
	AND NEW.id = OLD.id AND NEW.product_id IS OLD.product_id AND NEW.name IS OLD.name AND NEW.price IS OLD.price
	AND NEW.weight_grams IS OLD.weight_grams AND NEW.position IS OLD.position AND NEW.active IS OLD.active)
BEGIN UPDATE catalog_version SET n = n + 1; END;

-- Who last reserved each unique code with a summary. A conversation holds
-- its code (conversation.code, as before) while its summary waits; the
-- triggers below name in code_hold the last conversation that took each
-- code, where a code is looked up (no write when it is named already), and
-- nothing is written when the code is given up (the order took it): the
-- hold ends with the conversation's code, checked there. At most 999 rows,
-- so it never grows with the shop's history as an index of every
-- conversation's last code would.
CREATE TABLE code_hold (
	code        INTEGER PRIMARY KEY CHECK (code BETWEEN 1 AND 999),
	customer_id INTEGER NOT NULL
) STRICT;
INSERT INTO code_hold (code, customer_id)
	SELECT code, customer_id FROM conversation WHERE code BETWEEN 1 AND 999 ORDER BY updated_at, customer_id
	ON CONFLICT (code) DO UPDATE SET customer_id = excluded.customer_id;
CREATE TRIGGER conversation_code_insert AFTER INSERT ON conversation WHEN NEW.code BETWEEN 1 AND 999 BEGIN
	INSERT INTO code_hold (code, customer_id) VALUES (NEW.code, NEW.customer_id)
		ON CONFLICT (code) DO UPDATE SET customer_id = excluded.customer_id WHERE customer_id != excluded.customer_id;
END;
CREATE TRIGGER conversation_code_update AFTER UPDATE OF code, customer_id ON conversation WHEN NEW.code BETWEEN 1 AND 999 BEGIN
	INSERT INTO code_hold (code, customer_id) VALUES (NEW.code, NEW.customer_id)
		ON CONFLICT (code) DO UPDATE SET customer_id = excluded.customer_id WHERE customer_id != excluded.customer_id;
END;
DROP INDEX conversation_code;
