// A payment as stored in the `payments` table (migrations/001_create_payments.sql).
import { randomUUID } from 'node:crypto';

export function newPayment({ amount, currency }) {
  return { id: `ch_${randomUUID().slice(0, 8)}`, amount, currency, status: 'succeeded', createdAt: new Date().toISOString() };
}
