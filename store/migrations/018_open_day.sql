-- pesanbot shop.db, version 18: the open day's summary and the owner's
-- lists cost the same with three thousand orders today as with three.

-- The open day's order figures (the same figures as a summary_day row, for
-- [day_start, day_end), the local day that was open when they were
-- written) of the orders with id <= through, kept exact as those orders
-- change by the triggers below; a summary adds the orders made since (id >
-- through, a range of the primary key) and moves through on. day_start =
-- day_end = through = 0: nothing is kept (a summary counts the day from
-- the orders again, and starts over).
CREATE TABLE summary_open (
	id        INTEGER PRIMARY KEY CHECK (id = 1),
	day_start INTEGER NOT NULL,
	day_end   INTEGER NOT NULL CHECK (day_end >= day_start),
	through   INTEGER NOT NULL CHECK (through >= 0)
) STRICT;
INSERT INTO summary_open (id, day_start, day_end, through) VALUES (1, 0, 0, 0);

-- The figures, one count a row: kind 'status' (orders made that day by
-- their current status), 'product' (quantities of the lines of the not
-- cancelled ones), 'region' (not cancelled ones with a region),
-- 'revenue' (totals of the not cancelled orders paid that day), 'rated'
-- and 'rating' (ratings given that day: how many, their sum), with name ''
-- for the last three.
CREATE TABLE summary_open_count (
	kind TEXT NOT NULL,
	name TEXT NOT NULL,
	n    INTEGER NOT NULL,
	PRIMARY KEY (kind, name)
) STRICT, WITHOUT ROWID;

-- A counted order that changes leaves its old figures and adds its new
-- ones, in one statement; one none of whose times, before or after, is in
-- the day or later (most: yesterday's orders shipped) costs two lookups.
CREATE TRIGGER summary_open_order_update AFTER UPDATE OF status, created_at, paid_at, total, region, rating, rated_at ON orders
WHEN OLD.id <= (SELECT through FROM summary_open WHERE id = 1)
	AND max(OLD.created_at, NEW.created_at, coalesce(OLD.paid_at, 0), coalesce(NEW.paid_at, 0),
		coalesce(OLD.rated_at, 0), coalesce(NEW.rated_at, 0)) >= (SELECT day_start FROM summary_open WHERE id = 1)
BEGIN
	INSERT INTO summary_open_count (kind, name, n)
	SELECT kind, name, sum(n) FROM (
		SELECT 'status' AS kind, OLD.status AS name, -1 AS n FROM summary_open s
			WHERE OLD.created_at >= s.day_start AND OLD.created_at < s.day_end
		UNION ALL SELECT 'region', OLD.region, -1 FROM summary_open s
			WHERE OLD.created_at >= s.day_start AND OLD.created_at < s.day_end AND OLD.status != 'cancelled' AND OLD.region != ''
		UNION ALL SELECT 'product', l.name, -l.qty FROM summary_open s JOIN order_line l ON l.order_id = OLD.id
			WHERE OLD.created_at >= s.day_start AND OLD.created_at < s.day_end AND OLD.status != 'cancelled'
		UNION ALL SELECT 'revenue', '', -OLD.total FROM summary_open s
			WHERE OLD.paid_at >= s.day_start AND OLD.paid_at < s.day_end AND OLD.status != 'cancelled'
		UNION ALL SELECT 'rated', '', -1 FROM summary_open s
			WHERE OLD.rated_at >= s.day_start AND OLD.rated_at < s.day_end AND OLD.rating IS NOT NULL
		UNION ALL SELECT 'rating', '', -OLD.rating FROM summary_open s
			WHERE OLD.rated_at >= s.day_start AND OLD.rated_at < s.day_end AND OLD.rating IS NOT NULL
		UNION ALL SELECT 'status', NEW.status, 1 FROM summary_open s
			WHERE NEW.created_at >= s.day_start AND NEW.created_at < s.day_end
		UNION ALL SELECT 'region', NEW.region, 1 FROM summary_open s
			WHERE NEW.created_at >= s.day_start AND NEW.created_at < s.day_end AND NEW.status != 'cancelled' AND NEW.region != ''
		UNION ALL SELECT 'product', l.name, l.qty FROM summary_open s JOIN order_line l ON l.order_id = NEW.id
			WHERE NEW.created_at >= s.day_start AND NEW.created_at < s.day_end AND NEW.status != 'cancelled'
		UNION ALL SELECT 'revenue', '', NEW.total FROM summary_open s
			WHERE NEW.paid_at >= s.day_start AND NEW.paid_at < s.day_end AND NEW.status != 'cancelled'
		UNION ALL SELECT 'rated', '', 1 FROM summary_open s
			WHERE NEW.rated_at >= s.day_start AND NEW.rated_at < s.day_end AND NEW.rating IS NOT NULL
		UNION ALL SELECT 'rating', '', NEW.rating FROM summary_open s
			WHERE NEW.rated_at >= s.day_start AND NEW.rated_at < s.day_end AND NEW.rating IS NOT NULL
	) WHERE true GROUP BY kind, name HAVING sum(n) != 0
	ON CONFLICT (kind, name) DO UPDATE SET n = n + excluded.n;
END;

-- What pesanbot never does to a counted order (an order inserted under
-- an id already counted, an order deleted, a line added, changed or
-- removed) makes the next summary count the day again.
CREATE TRIGGER summary_open_order_insert AFTER INSERT ON orders
WHEN NEW.id <= (SELECT through FROM summary_open WHERE id = 1)
BEGIN UPDATE summary_open SET day_start = 0, day_end = 0, through = 0 WHERE id = 1; END;
CREATE TRIGGER summary_open_order_delete AFTER DELETE ON orders
WHEN OLD.id <= (SELECT through FROM summary_open WHERE id = 1)
BEGIN UPDATE summary_open SET day_start = 0, day_end = 0, through = 0 WHERE id = 1; END;
CREATE TRIGGER summary_open_line_insert AFTER INSERT ON order_line
WHEN NEW.order_id <= (SELECT through FROM summary_open WHERE id = 1)
BEGIN UPDATE summary_open SET day_start = 0, day_end = 0, through = 0 WHERE id = 1; END;
CREATE TRIGGER summary_open_line_update AFTER UPDATE OF order_id, name, qty ON order_line
WHEN min(OLD.order_id, NEW.order_id) <= (SELECT through FROM summary_open WHERE id = 1)
BEGIN UPDATE summary_open SET day_start = 0, day_end = 0, through = 0 WHERE id = 1; END;
CREATE TRIGGER summary_open_line_delete AFTER DELETE ON order_line
WHEN OLD.order_id <= (SELECT through FROM summary_open WHERE id = 1)
BEGIN UPDATE summary_open SET day_start = 0, day_end = 0, through = 0 WHERE id = 1; END;

-- Orders by status, counted as they are written: the open work a summary
-- shows and the lists' "… and N more" are read here, not counted over
-- thousands of rows.
CREATE TABLE order_status_count (
	status TEXT PRIMARY KEY,
	n      INTEGER NOT NULL CHECK (n >= 0)
) STRICT, WITHOUT ROWID;
INSERT INTO order_status_count (status, n) SELECT status, count(*) FROM orders GROUP BY status;
CREATE TRIGGER order_status_count_insert AFTER INSERT ON orders BEGIN
	INSERT INTO order_status_count (status, n) VALUES (NEW.status, 1) ON CONFLICT (status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER order_status_count_update AFTER UPDATE OF status ON orders WHEN OLD.status != NEW.status BEGIN
	UPDATE order_status_count SET n = n - 1 WHERE status = OLD.status;
	INSERT INTO order_status_count (status, n) VALUES (NEW.status, 1) ON CONFLICT (status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER order_status_count_delete AFTER DELETE ON orders BEGIN
	UPDATE order_status_count SET n = n - 1 WHERE status = OLD.status;
END;
