-- migrate:up
CREATE TABLE payments (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  merchant_id uuid        NOT NULL,
  amount      bigint      NOT NULL CHECK (amount > 0),
  currency    char(3)     NOT NULL,
  status      text        NOT NULL DEFAULT 'pending',
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE ledger_entries (
  id         bigserial PRIMARY KEY,
  payment_id uuid        NOT NULL REFERENCES payments (id),
  direction  text        NOT NULL CHECK (direction IN ('debit', 'credit')),
  amount     bigint      NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- migrate:down
DROP TABLE ledger_entries;
DROP TABLE payments;
