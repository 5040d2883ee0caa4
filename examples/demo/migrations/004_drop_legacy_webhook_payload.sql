-- migrate:up
ALTER TABLE webhook_endpoints DROP COLUMN legacy_payload;

-- migrate:down
ALTER TABLE webhook_endpoints ADD COLUMN legacy_payload boolean NOT NULL DEFAULT false;
