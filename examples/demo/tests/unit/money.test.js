import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toMinorUnits } from '../../src/utils/money.js';

test('EUR has two decimals', () => assert.equal(toMinorUnits(12.34, 'EUR'), 1234));
test('JPY rounds to whole units', () => assert.equal(toMinorUnits(1234.5, 'JPY'), 1235));
