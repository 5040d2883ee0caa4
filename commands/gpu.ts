// `opsdeck gpu [--json] [--watch]`: live GPU stats from one long-lived nvidia-smi, per-process
// VRAM and host CPU/memory. Needs no repo. Without a GPU it says so and shows CPU/memory,
// exit 0.
import type { RegisterCommand } from './cli-context.js';
import type { GpuSnapshot } from '../models/gpu.js';
import { paint, shouldUseColor } from '../src/cli/color.js';
import { firstReading } from '../src/gpu/first-reading.js';
import { createGpuMonitor } from '../src/gpu/gpu-monitor.js';
import { renderGpuReport } from '../src/gpu/gpu-report.js';

const WATCH_INTERVAL_MS = 1000;
const FIRST_READING_TIMEOUT_MS = 3000;
const CLEAR_SCREEN = '\u001b[H\u001b[2J';

type GpuOptions = { json?: boolean; watch?: boolean };

/** Resolves on the first SIGINT or SIGTERM (Ctrl-C ends --watch with exit 0). */
function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export const registerGpu: RegisterCommand = (program, ctx) => {
  program
    .command('gpu')
    .description('show live GPU stats (nvidia-smi), GPU processes and host CPU/memory')
    .option('--json', 'print the snapshot as JSON (one line per second with --watch)')
    .option('--watch', 'reprint every second until Ctrl-C')
    .action(async (options: GpuOptions) => {
      const tty = process.stdout.isTTY === true;
      const colors = paint(shouldUseColor(ctx.globals().color));
      const render = (snapshot: GpuSnapshot, compact: boolean): string =>
        options.json
          ? JSON.stringify(snapshot, null, compact ? undefined : 2)
          : renderGpuReport(snapshot, { paint: colors, width: tty && process.stdout.columns ? process.stdout.columns : 80 });

      const monitor = createGpuMonitor();
      monitor.start();
      // keeps host readings going while the command runs
      const unsubscribe = monitor.subscribe(() => undefined);
      try {
        const first = await firstReading(monitor, { timeoutMs: FIRST_READING_TIMEOUT_MS });
        if (!options.watch) {
          ctx.out(render(first, false));
          return;
        }
        const interrupted = untilInterrupted();
        const frame = (): void => {
          const snapshot = monitor.snapshot();
          if (options.json) ctx.out(render(snapshot, true));
          else if (tty) ctx.out(`${CLEAR_SCREEN}${render(snapshot, true)}`);
          else ctx.out(`-- ${new Date().toISOString()}\n${render(snapshot, true)}\n`);
        };
        frame();
        const timer = setInterval(frame, WATCH_INTERVAL_MS);
        await interrupted;
        clearInterval(timer);
      } finally {
        unsubscribe();
        await monitor.stop();
      }
    });
};
