-- pesanbot shop.db, version 8: COD that does not come back, and orders
-- from WhatsApp's catalogue.

-- A shipped parcel that came back unpaid (staff's /retur): the order is
-- cancelled with reason "retur" and returned_at says when it came back.
-- A buyer with such an order is offered transfer or QRIS only.
ALTER TABLE orders ADD COLUMN returned_at INTEGER;
CREATE INDEX orders_returned ON orders (customer_id) WHERE returned_at IS NOT NULL;

-- What a message from the shop's WhatsApp catalogue carried (a product's
-- retailer id and title, or a cart's item count, total and order id), as
-- JSON beside its inbound row: the turn reads it like the message's text,
-- and it goes with the message when the message goes.
CREATE TABLE inbound_catalog (
	inbound_id INTEGER PRIMARY KEY REFERENCES inbound (id) ON DELETE CASCADE,
	data       TEXT NOT NULL CHECK (json_valid(data) AND length(data) <= 8000)
) STRICT;
