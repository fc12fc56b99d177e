-- pesanbot shop.db, version 17: a follow-up is stored in its key (subject,
-- kind, step), one b-tree instead of a table and the unique index beside
-- it: an order's or a complaint's follow-ups wrote both. The row ids go;
-- a follow-up is named by its key.
CREATE TABLE follow_up_v17 (
	kind    TEXT NOT NULL,
	subject INTEGER NOT NULL,
	step    INTEGER NOT NULL DEFAULT 0,
	due_at  INTEGER NOT NULL,
	attempt INTEGER NOT NULL DEFAULT 0,
	done_at INTEGER,
	result  TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (subject, kind, step)
) STRICT, WITHOUT ROWID;
INSERT INTO follow_up_v17 (kind, subject, step, due_at, attempt, done_at, result)
	SELECT kind, subject, step, due_at, attempt, done_at, result FROM follow_up;
DROP TABLE follow_up;
ALTER TABLE follow_up_v17 RENAME TO follow_up;
CREATE INDEX follow_up_due ON follow_up (due_at) WHERE done_at IS NULL;
