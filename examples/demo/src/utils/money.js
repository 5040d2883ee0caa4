// Money is stored in minor units. JPY and other zero-decimal currencies have none.
const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'VND']);

export function toMinorUnits(amount, currency) {
  return ZERO_DECIMAL.has(currency) ? Math.round(amount) : Math.round(amount * 100);
}
