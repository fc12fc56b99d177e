-- pesanbot shop.db, version 9: the estimate of the live courier service the buyer chose ("2-3 hari");
-- empty with flat rates. The service itself is in courier ("JNE REG").
ALTER TABLE orders ADD COLUMN shipping_eta TEXT NOT NULL DEFAULT '';
