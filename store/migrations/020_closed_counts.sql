-- pesanbot shop.db, version 20: placing an order, and moving it between
-- open statuses, writes no count.

-- order_status_count (version 18) counted every status, so every new order
-- and every payment wrote it. Since version 19 the open orders' index leads
-- with the status: an open status is counted there, over the orders in
-- that status alone (covering, no row read), and the table keeps the
-- closed statuses, whose count follows the shop's history, written only
-- when an order enters or leaves one.
DROP TRIGGER order_status_count_insert;
DROP TRIGGER order_status_count_update;
DROP TRIGGER order_status_count_delete;
DELETE FROM order_status_count WHERE status NOT IN ('completed', 'cancelled');
CREATE TRIGGER order_status_count_insert AFTER INSERT ON orders WHEN NEW.status IN ('completed', 'cancelled') BEGIN
	INSERT INTO order_status_count (status, n) VALUES (NEW.status, 1) ON CONFLICT (status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER order_status_count_update AFTER UPDATE OF status ON orders
	WHEN OLD.status != NEW.status AND (OLD.status IN ('completed', 'cancelled') OR NEW.status IN ('completed', 'cancelled')) BEGIN
	UPDATE order_status_count SET n = n - 1 WHERE status = OLD.status AND OLD.status IN ('completed', 'cancelled');
	INSERT INTO order_status_count (status, n) SELECT NEW.status, 1 WHERE NEW.status IN ('completed', 'cancelled')
		ON CONFLICT (status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER order_status_count_delete AFTER DELETE ON orders WHEN OLD.status IN ('completed', 'cancelled') BEGIN
	UPDATE order_status_count SET n = n - 1 WHERE status = OLD.status;
END;
