// Sparklines (pure): the newest `width` values as ▁▂▃▄▅▆▇█, a space for a missing value.
export const SPARK_BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

export type SparklineScale = {
  /** The value drawn as ▁ (default: the smaller of 0 and the lowest value shown). */
  min?: number;
  /** The value drawn as █ (default: the highest value shown). */
  max?: number;
};

/**
 * Exactly `width` characters: the last `width` values, right-aligned (padded with spaces on
 * the left when there are fewer). null, NaN and infinities draw as a space; values outside
 * [min, max] are clamped; a flat series draws as ▁.
 */
export function sparkline(values: readonly (number | null)[], width: number, scale: SparklineScale = {}): string {
  const w = Math.max(0, Math.floor(width));
  if (w === 0) return '';
  const shown = values.slice(Math.max(0, values.length - w));
  const finite = shown.filter((v): v is number => v !== null && Number.isFinite(v));
  const min = scale.min ?? Math.min(0, ...finite);
  const max = scale.max ?? (finite.length > 0 ? Math.max(...finite) : min);
  const span = max - min;
  const top = SPARK_BLOCKS.length - 1;
  const chars = shown.map((v) => {
    if (v === null || !Number.isFinite(v)) return ' ';
    if (span <= 0) return SPARK_BLOCKS[0];
    const ratio = Math.min(1, Math.max(0, (v - min) / span));
    return SPARK_BLOCKS[Math.round(ratio * top)] ?? SPARK_BLOCKS[0];
  });
  return ' '.repeat(w - chars.length) + chars.join('');
}
