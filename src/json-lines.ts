// JSON Lines (one JSON value per line), read without splitting the whole text into an array:
// the run and incident journals, the KPI folds, chat sessions, the command log and `command`
// backup sources all read through here. Each caller keeps its own policy for a bad line.

export type JsonLine = {
  /** 1-based line number (from `firstLine`). */
  line: number;
  /** The parsed value; undefined when the line is not JSON. */
  value: unknown;
  /** False when JSON.parse failed. */
  json: boolean;
  /** The line's text, trimmed. */
  text: string;
  /** The text's last line had no newline: a writer may still be appending it. */
  unterminated: boolean;
};

export type JsonLinesOptions = {
  /** The number of the text's first line (a tail read from the middle of a file). */
  firstLine?: number;
  /** Lines containing this are left out unparsed (a cheap pre-filter for big journals). */
  skip?: string;
};

/** The non-blank lines of `text`, each parsed as JSON. Never throws. */
export function* jsonLines(text: string, options: JsonLinesOptions = {}): Generator<JsonLine> {
  let line = (options.firstLine ?? 1) - 1;
  for (let pos = 0; pos <= text.length; ) {
    let end = text.indexOf('\n', pos);
    const unterminated = end < 0;
    if (unterminated) end = text.length;
    line += 1;
    const trimmed = text.slice(pos, end).trim();
    pos = end + 1;
    if (trimmed === '' || (options.skip !== undefined && trimmed.includes(options.skip))) continue;
    let value: unknown;
    let json = true;
    try {
      value = JSON.parse(trimmed);
    } catch {
      json = false;
    }
    yield { line, value, json, text: trimmed, unterminated };
  }
}
