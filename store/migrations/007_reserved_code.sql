-- pesanbot shop.db, version 7: the unique code a summary reserves while it
-- waits for "ya" is a column of its own, kept by SaveState, so checking a
-- code is one index probe and writing a state no longer parses its JSON to
-- maintain a partial index.
ALTER TABLE conversation ADD COLUMN code INTEGER;
UPDATE conversation SET code = json_extract(state, '$.code')
	WHERE json_extract(state, '$.step') = 'confirm' AND json_extract(state, '$.code') > 0;
DROP INDEX conversation_confirm;
CREATE INDEX conversation_code ON conversation (code) WHERE code IS NOT NULL;
