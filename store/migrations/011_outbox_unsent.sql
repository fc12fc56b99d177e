-- pesanbot shop.db, version 11: unsent replies are found through an index
-- of them alone, in the order they go out, instead of a scan of every reply
-- ever sent (whose cost grew with the shop's history on every delivery).
DROP INDEX outbox_pending;
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
