-- pesanbot shop.db, version 14: a new reply writes no index page. The
-- unsent replies were found through outbox_unsent, an index every reply
-- entered when written and left when marked sent: one page of every
-- message's commit. Now a reply waiting its first try is found from the
-- delivery frontier, a row id below which every such reply has gone out
-- (kept in memory by the delivering process, saved here now and then),
-- and only the replies that failed a send (or wait for a later time) sit
-- in an index, outbox_parked, which an ordinary reply never enters.
-- Outbox rows are no longer deleted (an erasure blanks them), so a row id
-- is never given twice and the frontier stays true.
CREATE TABLE outbox_frontier (
	lo INTEGER NOT NULL
) STRICT;
INSERT INTO outbox_frontier (lo) SELECT coalesce(
	(SELECT min(id) FROM outbox WHERE sent_at IS NULL),
	(SELECT coalesce(max(id), 0) + 1 FROM outbox));
CREATE INDEX outbox_parked ON outbox (id) WHERE sent_at IS NULL AND (attempts > 0 OR not_before > created_at);
DROP INDEX outbox_unsent;
