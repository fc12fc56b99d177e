-- pesanbot shop.db, version 19: placing an order writes one index of the
-- open orders, not two.

-- orders_open (the open orders, by id) and orders_unpaid_code (the unpaid
-- ones, by their unique code) were both written by every new order, and
-- the second again when it was paid. One index of the open orders by
-- status and unique code serves both: whether a code is taken is two
-- lookups (awaiting payment, awaiting verification), and a list of one
-- open status reads that status's entries alone and sorts their ids (the
-- row id is in the entry), a cost that follows the orders in that status,
-- never the shop's history.
DROP INDEX orders_unpaid_code;
DROP INDEX orders_open;
CREATE INDEX orders_open ON orders (status, unique_code) WHERE status NOT IN ('completed', 'cancelled');
