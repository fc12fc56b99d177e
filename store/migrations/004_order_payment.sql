-- How the buyer pays an order: a bank transfer (the default), the shop's
-- QRIS, or cash on delivery. A COD order is never cancelled as unpaid.
ALTER TABLE orders ADD COLUMN payment TEXT NOT NULL DEFAULT 'transfer' CHECK (payment IN ('transfer', 'qris', 'cod'));
