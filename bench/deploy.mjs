// Deploy flow benchmarks (issue 4). Ratios against baselines measured in the same run; medians.
//   node bench/deploy.mjs [--runs N] [--bin PATH-TO-OPSDECK]
// 1. firehose: a deploy script that writes 200,000 lines (~20 MB), run by `opsdeck deploy`
//    (detached runner + follow + sanitize + redact, stdout to /dev/null) vs the same script
//    with its output sent to /dev/null, and vs `opsdeck deploy` of a quiet script (one line):
//    the difference is what streaming the 20 MB costs (follow + redact + sanitize + write).
// 2. dry run: `opsdeck deploy ENV VERSION --dry-run` (git tags, config, plan) vs `node -e 0`.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const BIN = args.includes('--bin') ? args[args.indexOf('--bin') + 1] : join(ROOT, 'bin', 'opsdeck');
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const FIREHOSE = `#!/bin/sh
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "%06d deploy output line, padded to about one hundred bytes ..................................\\n", i }'
`;

function makeRepo() {
  const root = mkdtempSync(join(tmpdir(), 'opsdeck-bench-deploy-'));
  mkdirSync(join(root, '.orchestration'));
  mkdirSync(join(root, 'scripts'));
  writeFileSync(join(root, 'scripts', 'deploy.sh'), FIREHOSE);
  writeFileSync(join(root, 'scripts', 'quiet.sh'), '#!/bin/sh\necho deployed\n');
  chmodSync(join(root, 'scripts', 'quiet.sh'), 0o755);
  for (const name of ['smoke', 'update-status']) writeFileSync(join(root, 'scripts', `${name}.sh`), '#!/bin/sh\nexit 0\n');
  for (const name of ['deploy', 'smoke', 'update-status']) chmodSync(join(root, 'scripts', `${name}.sh`), 0o755);
  writeFileSync(join(root, '.orchestration', 'opsdeck.yaml'), 'environments:\n  - name: staging\nchecks: []\n');
  const git = (...a) => execFileSync('git', a, { cwd: root, env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@x' } });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'chore: bench');
  git('tag', '-a', 'v1.0.0', '-m', 'Release version 1.0.0');
  return root;
}

function time(file, argv, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(file, argv, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${file} ${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  return seconds;
}

const root = makeRepo();
try {
  const base = [];
  const deploy = [];
  const quiet = [];
  const swap = (script) => execFileSync('sh', ['-c', `cp "${join(root, 'scripts', script)}" "${join(root, 'scripts', 'deploy.sh')}"`]);
  writeFileSync(join(root, 'scripts', 'firehose.sh'), FIREHOSE);
  chmodSync(join(root, 'scripts', 'firehose.sh'), 0o755);
  for (let i = 0; i < runs; i += 1) {
    base.push(time('sh', [join(root, 'scripts', 'firehose.sh')]));
    swap('firehose.sh');
    deploy.push(time(BIN, ['--root', root, 'deploy', 'staging', 'v1.0.0', '--yes']));
    swap('quiet.sh');
    quiet.push(time(BIN, ['--root', root, 'deploy', 'staging', 'v1.0.0', '--yes']));
  }
  const b = median(base);
  const d = median(deploy);
  const q = median(quiet);
  console.log(`firehose 200k lines: script>/dev/null ${b.toFixed(3)} s, opsdeck deploy ${d.toFixed(3)} s, ratio ${(d / b).toFixed(2)}`);
  console.log(`  the same deploy of a one-line script ${q.toFixed(3)} s: streaming 20 MB costs ${(d - q).toFixed(3)} s, ${((d - q) / b).toFixed(2)}x the script alone`);
  const node = [];
  const dry = [];
  for (let i = 0; i < Math.max(5, runs); i += 1) {
    node.push(time(process.execPath, ['-e', '0']));
    dry.push(time(BIN, ['--root', root, 'deploy', 'staging', 'v1.0.0', '--dry-run']));
  }
  const n = median(node);
  const r = median(dry);
  console.log(`dry run: node -e 0 ${n.toFixed(3)} s, opsdeck deploy --dry-run ${r.toFixed(3)} s, ratio ${(r / n).toFixed(2)}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
