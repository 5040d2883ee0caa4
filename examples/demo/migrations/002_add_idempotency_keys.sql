-- migrate:up
ALTER TABLE payments ADD COLUMN idempotency_key text;
CREATE UNIQUE INDEX payments_merchant_idempotency_key_idx ON payments (merchant_id, idempotency_key);

-- migrate:down
DROP INDEX payments_merchant_idempotency_key_idx;
ALTER TABLE payments DROP COLUMN idempotency_key;
