// The header's UTC clock, written straight onto the terminal once a second instead of through
// Ink. A tick through Ink re-renders and re-diffs the whole frame (about 11 ms of CPU per
// second on a 2-core box, over 1 % of a core while idle); stamping 12 characters costs
// nothing measurable. The header reserves the clock's width as blank space at the right end
// of the first row; the cockpit stamps the clock there every second and after each frame
// Ink writes, saving and restoring the cursor so Ink's own cursor bookkeeping stays right.

/** `HH:MM:SS UTC` */
export const CLOCK_WIDTH = 12;

const SAVE_CURSOR = '\u001b7';
const RESTORE_CURSOR = '\u001b8';

export type ClockOverlayOptions = {
  write: (text: string) => void;
  columns: () => number;
  now: () => Date;
  format: (date: Date) => string;
  /** SGR to wrap the text in, e.g. dim; empty for none. */
  style?: { open: string; close: string };
};

export interface IClockOverlay {
  /** Writes the clock now (after a frame, or on a tick). */
  stamp(): void;
  start(): void;
  stop(): void;
}

/** The escape sequence that draws `text` at the right end of row 1 and puts the cursor back. */
export function clockStamp(text: string, columns: number, style = { open: '', close: '' }): string {
  const column = Math.max(1, columns - text.length + 1);
  return `${SAVE_CURSOR}\u001b[1;${column}H${style.open}${text}${style.close}${RESTORE_CURSOR}`;
}

export function createClockOverlay(options: ClockOverlayOptions): IClockOverlay {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const stamp = (): void => {
    if (!running) return;
    options.write(clockStamp(options.format(options.now()), options.columns(), options.style));
  };
  const schedule = (): void => {
    const ms = 1000 - (options.now().getTime() % 1000) + 2;
    timer = setTimeout(() => {
      stamp();
      schedule();
    }, ms);
  };
  return {
    stamp,
    start: () => {
      if (running) return;
      running = true;
      stamp();
      schedule();
    },
    stop: () => {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
