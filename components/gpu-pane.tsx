// The GPU pane: per GPU its name and, per metric, the value and a 2-minute sparkline; the
// processes using VRAM (ours marked); the loaded model's VRAM; CPU and memory when there is no
// GPU. A GPU that vanished or an nvidia-smi that died is shown as such, with its retry.
import { Box, Text } from 'ink';
import type { GpuSnapshot } from '../models/gpu.js';
import { gpuSummary, gpuTitle, hostText, metricRows, statusText } from '../src/gpu/gpu-format.js';
import { paneKey } from '../src/keys/keymap.js';
import { bodyHeight } from '../src/store/layout.js';
import { useAppStore, useTheme } from './store-context.js';
import { cleanLine } from './theme.js';
import type { Theme } from './theme.js';

const LABEL_WIDTH = 8;
const VALUE_WIDTH = 16;

function GpuBlock({ snapshot, width, theme }: { snapshot: GpuSnapshot; width: number; theme: Theme }) {
  const sparkWidth = Math.max(4, width - LABEL_WIDTH - VALUE_WIDTH - 2);
  return (
    <>
      {snapshot.gpus.map((gpu) => (
        <Box key={gpu.uuid} flexDirection="column" flexShrink={0}>
          <Text wrap="truncate-end" {...(gpu.present ? theme.heading : theme.warn)}>
            {gpuTitle(gpu, width)}
          </Text>
          {gpu.present
            ? metricRows(gpu, sparkWidth).map((row) => (
                <Text key={row.label} wrap="truncate-end">
                  <Text {...theme.dim}>{row.label.padEnd(LABEL_WIDTH)}</Text>
                  {row.value.padEnd(VALUE_WIDTH)}
                  <Text {...theme.accent}>{row.spark}</Text>
                </Text>
              ))
            : null}
        </Box>
      ))}
    </>
  );
}

/** Several GPUs do not fit 80x24 with sparklines: one summary line each. */
function GpuList({ snapshot, theme }: { snapshot: GpuSnapshot; theme: Theme }) {
  return (
    <>
      {snapshot.gpus.map((gpu) => (
        <Text key={gpu.uuid} wrap="truncate-end" {...(gpu.present ? {} : theme.warn)}>
          {`${gpuSummary(gpu)}  ${cleanLine(gpu.name, false)}`}
        </Text>
      ))}
    </>
  );
}

function Processes({ snapshot, theme }: { snapshot: GpuSnapshot; theme: Theme }) {
  if (snapshot.processesAt === null) return <Text {...theme.dim}>processes: reading…</Text>;
  if (snapshot.processes.length === 0) return <Text {...theme.dim}>no processes using GPU memory</Text>;
  return (
    <>
      {snapshot.processes.slice(0, 6).map((p) => (
        <Text key={`${p.pid}-${p.gpuUuid}`} wrap="truncate-end" {...(p.ours ? theme.accent : {})}>
          {`${String(p.pid).padStart(8)}  gpu ${p.gpuIndex ?? '?'}  ${p.usedMemoryMiB === null ? '–' : `${p.usedMemoryMiB} MiB`}  ${cleanLine(p.name, false)}${p.ours ? '  ← opsdeck (this process)' : ''}`}
        </Text>
      ))}
    </>
  );
}

export function GpuPane() {
  const theme = useTheme();
  const keymap = useAppStore((s) => s.keymap);
  const snapshot = useAppStore((s) => s.gpu);
  const rows = useAppStore((s) => s.size.rows);
  const width = useAppStore((s) => s.size.columns);
  const now = useAppStore((s) => s.now);
  const height = bodyHeight(rows);
  const status = snapshot ? statusText(snapshot.status, now().getTime()) : { text: 'GPU monitor starting…', tone: 'info' as const };
  const vram = snapshot?.modelVram;
  const many = (snapshot?.gpus.length ?? 0) > 1;
  return (
    <Box flexDirection="column" height={height} flexShrink={0} overflow="hidden">
      <Text wrap="truncate-end">
        <Text {...theme.heading}>{`${paneKey(keymap, 'gpu')} GPU`}</Text>
        {snapshot?.sampledAt ? ` · sampled ${new Date(snapshot.sampledAt).toISOString().slice(11, 19)}Z` : ''}
        {snapshot?.warning ? <Text {...theme.warn}>{` · ${cleanLine(snapshot.warning, false)}`}</Text> : null}
      </Text>
      {status ? (
        <Text wrap="truncate-end" {...(status.tone === 'error' ? theme.error : status.tone === 'warn' ? theme.warn : theme.dim)}>
          {status.text}
        </Text>
      ) : null}
      {snapshot && snapshot.gpus.length > 0 ? many ? <GpuList snapshot={snapshot} theme={theme} /> : <GpuBlock snapshot={snapshot} width={width} theme={theme} /> : null}
      {snapshot && snapshot.gpus.length > 0 ? <Processes snapshot={snapshot} theme={theme} /> : null}
      {vram && vram.totalBytes > 0 ? <Text wrap="truncate-end">{`model VRAM ${(vram.usedBytes / 1024 ** 3).toFixed(2)}/${(vram.totalBytes / 1024 ** 3).toFixed(1)} GiB (node-llama-cpp)`}</Text> : null}
      <Text wrap="truncate-end" {...theme.dim}>
        {hostText(snapshot)}
      </Text>
    </Box>
  );
}
