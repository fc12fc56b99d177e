-- pesanbot shop.db, version 19: placing an order writes one index of the
-- open orders, not two.

-- orders_open (the open orders, by id) and orders_unpaid_code (the unpaid
-- ones, by their unique code) were both written by every new order, and
-- the second again when it was paid. One index of the open orders by
-- unique code serves both: a code is checked in it among the open orders
-- that carry it (a handful at most), and the open lists read it whole and
-- sort by id, a cost that follows the orders still open, never the
-- shop's history. Moving an order between open statuses writes neither.
DROP INDEX orders_unpaid_code;
DROP INDEX orders_open;
CREATE INDEX orders_open ON orders (unique_code) WHERE status NOT IN ('completed', 'cancelled');
