-- pesanbot shop.db, version 10: after shipping. Where the parcel stands as
-- the last tracking poll found it, and the buyer's rating after delivery.
ALTER TABLE orders ADD COLUMN track_status TEXT NOT NULL DEFAULT '' CHECK (length(track_status) <= 20);
ALTER TABLE orders ADD COLUMN track_note TEXT NOT NULL DEFAULT '' CHECK (length(track_note) <= 200);
ALTER TABLE orders ADD COLUMN track_at INTEGER;
ALTER TABLE orders ADD COLUMN track_checked_at INTEGER;
ALTER TABLE orders ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 5);
ALTER TABLE orders ADD COLUMN rating_comment TEXT NOT NULL DEFAULT '' CHECK (length(rating_comment) <= 500);
ALTER TABLE orders ADD COLUMN rated_at INTEGER;
CREATE INDEX orders_rated ON orders (rated_at) WHERE rated_at IS NOT NULL;
