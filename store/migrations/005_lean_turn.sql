-- pesanbot shop.db, version 5: a lean turn.

-- The catalogue's version, bumped by every change to a product or variant
-- (stock included), whoever makes it: this process, `pesanbot catalog
-- import` beside a running bot, or anything writing SQL. The in-memory
-- catalogue is reused while the version it was read at is current.
CREATE TABLE catalog_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
) STRICT;
INSERT INTO catalog_version (id, n) VALUES (1, 1);
CREATE TRIGGER product_insert_version AFTER INSERT ON product BEGIN UPDATE catalog_version SET n = n + 1; END;
CREATE TRIGGER product_update_version AFTER UPDATE ON product BEGIN UPDATE catalog_version SET n = n + 1; END;
CREATE TRIGGER product_delete_version AFTER DELETE ON product BEGIN UPDATE catalog_version SET n = n + 1; END;
CREATE TRIGGER variant_insert_version AFTER INSERT ON variant BEGIN UPDATE catalog_version SET n = n + 1; END;
CREATE TRIGGER variant_update_version AFTER UPDATE ON variant BEGIN UPDATE catalog_version SET n = n + 1; END;
CREATE TRIGGER variant_delete_version AFTER DELETE ON variant BEGIN UPDATE catalog_version SET n = n + 1; END;

-- The summary reads only its period: revenue by payment time, and the
-- order and message counts from indexes that hold every column they need.
CREATE INDEX orders_paid ON orders (paid_at, status, total) WHERE paid_at IS NOT NULL;
DROP INDEX orders_created;
CREATE INDEX orders_created ON orders (created_at, status, region);
DROP INDEX inbound_sent;
CREATE INDEX inbound_sent ON inbound (sent_at, kind, customer_id);
