-- pesanbot shop.db, version 3: the unique codes summaries reserve are found
-- without reading every conversation.
CREATE INDEX conversation_confirm ON conversation (customer_id) WHERE json_extract(state, '$.step') = 'confirm';
