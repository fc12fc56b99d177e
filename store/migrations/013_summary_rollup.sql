-- pesanbot shop.db, version 13: the owner's summaries and lists cost the
-- same after a year of orders as after a week.

-- The open lists (/pesanan, /komplain, the packing list) read the open
-- items alone, in id order, and an order's payment proofs are found by
-- its id, not by reading every proof ever received.
CREATE INDEX orders_open ON orders (id) WHERE status NOT IN ('completed', 'cancelled');
CREATE INDEX complaint_unresolved ON complaint (id) WHERE status != 'resolved';
CREATE INDEX payment_proof_order ON payment_proof (order_id);

-- One row per closed day of the shop's calendar ([day_start, day_end), UTC
-- ms of two local midnights) that a summary needed: the orders made that
-- day by their current status, the quantities of their products and the
-- count of their regions (not cancelled orders only; each as "n len name "
-- for every name), the totals of the not cancelled orders paid that
-- day, and the ratings given that day. A row is written lazily from the
-- orders and dropped by the triggers below whenever an order or line it
-- counted (or should count) changes, so it is never stale: the next
-- summary that needs the day counts it again.
CREATE TABLE summary_day (
	day_start  INTEGER PRIMARY KEY,
	day_end    INTEGER NOT NULL CHECK (day_end > day_start),
	by_status  TEXT NOT NULL,
	products   TEXT NOT NULL,
	regions    TEXT NOT NULL,
	revenue    INTEGER NOT NULL,
	rated      INTEGER NOT NULL,
	rating_sum INTEGER NOT NULL
) STRICT;

-- The day row holding time t, found with one probe of the primary key.
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

-- The customers' messages by closed day: counts by local hour (24 numbers,
-- comma separated) and how many came outside the shop's hours. Messages
-- are rolled up by inbound id, with no trigger and no index on the insert
-- of a message: summary_state says which rows are counted here, the rest
-- (the newest, and any that arrived late) are read as a range of ids.
CREATE TABLE summary_msgs (
	day_start INTEGER PRIMARY KEY,
	day_end   INTEGER NOT NULL CHECK (day_end > day_start),
	hours     TEXT NOT NULL,
	outside   INTEGER NOT NULL CHECK (outside >= 0)
) STRICT;

-- The inbound rows counted in summary_msgs are those with id < msg_from,
-- and those with id <= msg_through sent before msg_before (when the
-- rollup last ran: the row of that day holds the part of the day before
-- it); every other row is read as it is. msg_key is what the counts
-- depend on (the zone, and a hash of the shop's hours and the owner's and
-- staff's customer rows): when it changes, the rollup starts over.
-- first_msg is the earliest counted message.
CREATE TABLE summary_state (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	msg_key     TEXT NOT NULL,
	msg_from    INTEGER NOT NULL,
	msg_through INTEGER NOT NULL,
	msg_before  INTEGER NOT NULL,
	first_msg   INTEGER
) STRICT;
INSERT INTO summary_state (id, msg_key, msg_from, msg_through, msg_before) VALUES (1, '', 0, 0, 0);

-- A message row that goes (nothing deletes them today) makes the rollup
-- start over rather than count it.
CREATE TRIGGER summary_msgs_inbound_delete AFTER DELETE ON inbound
WHEN OLD.id < (SELECT msg_from FROM summary_state) OR OLD.id <= (SELECT msg_through FROM summary_state)
BEGIN UPDATE summary_state SET msg_key = ''; END;

-- Each customer's latest message time (any kind), for the dashboard's
-- customer list: written with the message rollup, for every row it reads;
-- rows moved to another customer (a LID customer merged into the phone
-- customer) carry their times along, and a customer that goes takes its
-- row along (a new customer may get its id).
CREATE TABLE summary_customer (
	customer_id INTEGER PRIMARY KEY,
	last_msg    INTEGER NOT NULL
) STRICT;
CREATE TRIGGER summary_customer_moved AFTER UPDATE OF customer_id ON inbound BEGIN
	INSERT INTO summary_customer (customer_id, last_msg) VALUES (NEW.customer_id, NEW.sent_at)
		ON CONFLICT (customer_id) DO UPDATE SET last_msg = max(last_msg, excluded.last_msg);
END;
CREATE TRIGGER summary_customer_gone AFTER DELETE ON customer BEGIN
	DELETE FROM summary_customer WHERE customer_id = OLD.id;
END;

-- Summaries no longer read messages by time: one index write less on
-- every customer message.
DROP INDEX inbound_sent;
