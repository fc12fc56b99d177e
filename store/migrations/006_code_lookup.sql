-- pesanbot shop.db, version 6: a unique code is checked with one indexed
-- lookup among the unpaid orders, not by reading every open order's code.
CREATE INDEX orders_unpaid_code ON orders (unique_code) WHERE status IN ('awaiting_payment', 'awaiting_verification');
