// Screen arithmetic shared by the store (page size, windowing) and the components (box sizes).
// The frame is at most rows-1 high: a frame as high as the terminal makes Ink clear the whole
// screen on every frame (../shared/notes/measured-here.md).

export const DEFAULT_COLUMNS = 80;
export const DEFAULT_ROWS = 24;
/** Header line, message line, footer line. */
export const CHROME_ROWS = 3;

export type ScreenSize = { columns: number; rows: number };

export function screenSize(columns: number | undefined, rows: number | undefined): ScreenSize {
  return {
    columns: columns && columns > 0 ? columns : DEFAULT_COLUMNS,
    rows: rows && rows > 0 ? rows : DEFAULT_ROWS,
  };
}

/** Height of the root box: rows - 1, at least 1. */
export function frameHeight(rows: number): number {
  return Math.max(1, rows - 1);
}

/** Height between the header and the message line. */
export function bodyHeight(rows: number): number {
  return Math.max(1, frameHeight(rows) - CHROME_ROWS);
}

/** Rows a pane's list gets: the body less the pane's title line. */
export function listHeight(rows: number): number {
  return Math.max(1, bodyHeight(rows) - 1);
}
