// Whether to write colour (SGR): never with --no-color or NO_COLOR (https://no-color.org),
// forced by FORCE_COLOR (except 0/false), else only when the stream is a terminal.
export function shouldUseColor(colorOption: boolean | undefined, env: NodeJS.ProcessEnv = process.env, isTTY: boolean = process.stdout.isTTY === true): boolean {
  if (colorOption === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return isTTY;
}

export type Paint = {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
};

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

/** SGR helpers, or identity functions when colour is off. */
export function paint(enabled: boolean): Paint {
  return enabled
    ? { green: sgr(32, 39), red: sgr(31, 39), yellow: sgr(33, 39), bold: sgr(1, 22), dim: sgr(2, 22) }
    : { green: plain, red: plain, yellow: plain, bold: plain, dim: plain };
}
