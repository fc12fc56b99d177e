-- pesanbot shop.db, version 2: erasure that reaches every row and backups.

-- Erased identities, as SHA-256 of "phone:<digits>" or "lid:<user>": no
-- personal data, only enough to recognise the same person in a backup or a
-- restored database and erase them there too. at is when: a customer who
-- writes again later is a new customer row, created after it, and kept.
CREATE TABLE erasure (
	key TEXT PRIMARY KEY CHECK (length(key) = 64),
	at  INTEGER NOT NULL
) STRICT;

-- The audit log stays append-only, with one sanctioned change: an erasure
-- may redact personal data in a row's detail. Such an update keeps the
-- row's time, actor and action, counts itself in redacted and leaves the
-- mark [dihapus]; anything else, and every delete, is refused.
ALTER TABLE audit_log ADD COLUMN redacted INTEGER NOT NULL DEFAULT 0;
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor AND NEW.action IS OLD.action
	AND NEW.redacted = OLD.redacted + 1 AND instr(NEW.detail, '[dihapus]') > 0)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
