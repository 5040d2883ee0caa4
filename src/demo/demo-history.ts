// The git history of the demo workspace (payments-api): ~24 conventional commits over the
// last ~45 days, six annotated release tags and three commits after the last one. Each
// commit introduces or changes files of examples/demo; earlier versions of a file are
// derived from its shipped content (`replace`, `edit`) so that HEAD equals the shipped tree.

/** A file version in a commit: the shipped file (`path`), or a version derived from it. */
export type DemoFileVersion = {
  path: string;
  /** derive from this shipped file instead of `path` */
  from?: string;
  /** [text in the shipped file, text in this version], applied in order; each must match */
  replace?: ReadonlyArray<readonly [string, string]>;
  /** literal content of this version */
  content?: string;
  /** a function of the shipped text (after `replace`) */
  edit?: (text: string) => string;
};

export type DemoAuthor = { name: string; email: string; tz: string };

export type DemoCommit = {
  message: string;
  author: keyof typeof DEMO_AUTHORS;
  /** days before today (UTC); never increasing along the history */
  day: number;
  /** UTC time of day, HH:mm (a commit that would be in the future is moved to just before now) */
  at: string;
  /** a shipped path, a folder prefix ending in "/", or a derived version */
  files?: ReadonlyArray<string | DemoFileVersion>;
  remove?: readonly string[];
  /** annotated tag `vX.Y.Z` on this commit, message "Release version X.Y.Z" */
  tag?: string;
};

export const DEMO_AUTHORS = {
  priya: { name: 'Priya Raman', email: 'priya.raman@payments.example.com', tz: '+0100' },
  tomas: { name: 'Tomás Ortega', email: 'tomas.ortega@payments.example.com', tz: '+0100' },
  jun: { name: 'Jun Park', email: 'jun.park@payments.example.com', tz: '+0000' },
  dana: { name: 'Dana Whitfield', email: 'dana.whitfield@payments.example.com', tz: '-0500' },
} satisfies Record<string, DemoAuthor>;

/** The identity of the person using the demo (git config of the demo repo, reflogs). */
export const DEMO_USER: DemoAuthor = { name: 'Demo On-call', email: 'oncall@payments.example.com', tz: '+0000' };

const version = (v: string): readonly [string, string] => ['"version": "1.2.3"', `"version": "${v}"`];

/** CHANGELOG.md as it was at release `v` (no "Unreleased", nothing newer). */
function changelogAt(v: string): (text: string) => string {
  return (text) => {
    const start = text.indexOf('## Unreleased');
    const at = text.indexOf(`## ${v}\n`);
    if (start < 0 || at < 0) throw new Error(`CHANGELOG.md has no "## Unreleased" or "## ${v}" section`);
    return text.slice(0, start) + text.slice(at);
  };
}

const LEDGER_IMPORT: readonly [string, string] = ["from '../core/ledger.js'", "from '../ledger.js'"];
const IDEMPOTENCY_409 =
  "  if (seenKeys.has(key)) return { status: 409, body: { error: 'duplicate_idempotency_key', charge: seenKeys.get(key) } };\n";
const IDEMPOTENCY_200 = "  if (seenKeys.has(key)) return { status: 200, body: { id: seenKeys.get(key) } };\n";
const IDEMPOTENCY_BLOCK =
  "  const key = req.headers['idempotency-key'];\n  if (!key) return { status: 400, body: { error: 'idempotency_key_required' } };\n";

const EARLY_README = `# payments-api

Card payments, refunds and the payments ledger behind checkout.

\`\`\`bash
npm start    # serves on :8080
npm test
\`\`\`
`;

const EARLY_TASKS = `Release v1.0.0:
  ☐ Deploy v1.0.0 to staging @high
  ☐ Deploy v1.0.0 to production @high
  ☐ Document the rollback plan (SOP §2.3)
  ☐ Configure the backup jobs (SOP §4.1)
`;

export const DEMO_COMMITS: readonly DemoCommit[] = [
  {
    message: 'chore: scaffold payments-api\n\nNode 20 ESM service with a health endpoint and the SOP folder layout.\n',
    author: 'priya',
    day: 44,
    at: '09:12',
    files: [
      '.gitignore',
      { path: 'package.json', replace: [version('0.1.0')] },
      { path: 'README.md', content: EARLY_README },
      'src/server.js',
      'src/api/health.js',
      'src/models/payment.js',
    ],
  },
  {
    message: 'feat(api): add charges and refunds endpoints\n',
    author: 'priya',
    day: 43,
    at: '15:47',
    files: [
      { path: 'src/api/charges.js', replace: [LEDGER_IMPORT, [IDEMPOTENCY_409, ''], [IDEMPOTENCY_BLOCK, ''], ['  seenKeys.set(key, charge.id);\n', '']] },
      { path: 'src/api/refunds.js', replace: [LEDGER_IMPORT] },
      { path: 'src/ledger.js', from: 'src/core/ledger.js', replace: [["from '../models/payment.js'", "from './models/payment.js'"]] },
      { path: 'src/utils/money.js', replace: [['ZERO_DECIMAL.has(currency) ? Math.round(amount) : Math.round(amount * 100)', 'Math.round(amount * 100)']] },
    ],
  },
  {
    message: 'feat(db): add payments and ledger_entries tables\n',
    author: 'jun',
    day: 42,
    at: '10:03',
    files: ['migrations/001_create_payments.sql'],
  },
  {
    message: 'chore(ci): run the tests on every push\n',
    author: 'tomas',
    day: 41,
    at: '13:30',
    files: [
      {
        path: '.github/workflows/ci.yml',
        edit: (text) => text.replace(/( {6}- run: \.\/scripts\/check\.sh \w+\n)+/, '      - run: npm ci\n      - run: npm test\n'),
      },
    ],
  },
  {
    message:
      'feat(scripts): add deploy, rollback and db-rollback scripts\n\nImplements SOP §2.2 and §2.3. Deploys are recorded per environment.\n',
    author: 'tomas',
    day: 40,
    at: '11:18',
    files: [
      'scripts/lib.sh',
      {
        path: 'scripts/deploy.sh',
        replace: [
          ['declare_steps preflight build push migrate rollout health record', 'declare_steps preflight build push migrate rollout record'],
          [
            'step health "Waiting for /health" "health check failed: GET /health returned 503 after 30s"\nnap 0.5\nok "GET /health 200 {\\"status\\":\\"ok\\",\\"version\\":\\"$VERSION\\"} in 41ms"\n\n',
            '',
          ],
        ],
      },
      'scripts/rollback.sh',
      'scripts/db-rollback.sh',
      { path: 'configs/staging.yaml', replace: [['release: v1.2.3\npreviousRelease: v1.2.2', 'release: v1.0.0\npreviousRelease: v1.0.0']] },
      { path: 'configs/production.yaml', replace: [['release: v1.2.2\npreviousRelease: v1.2.1', 'release: v1.0.0\npreviousRelease: v1.0.0']] },
      { path: 'infrastructure/k8s/deployment.yaml', replace: [['payments-api:v1.2.2', 'payments-api:v1.0.0']] },
    ],
  },
  {
    message: 'docs: add the team SOP, source of truth and task lists\n',
    author: 'dana',
    day: 40,
    at: '16:42',
    files: ['.orchestration/sop.md', '.orchestration/sot.md', '.orchestration/backlog.todo', { path: '.orchestration/current.todo', content: EARLY_TASKS }],
  },
  {
    message: 'chore(release): 1.0.0\n',
    author: 'priya',
    day: 39,
    at: '14:05',
    tag: 'v1.0.0',
    files: [{ path: 'package.json', replace: [version('1.0.0')] }, { path: 'CHANGELOG.md', edit: changelogAt('1.0.0') }],
  },
  {
    message: 'feat(backup): verify the nightly backup by restoring it\n\nSOP §4.2: restores into a scratch database and reconciles the ledger.\n',
    author: 'jun',
    day: 36,
    at: '10:27',
    files: ['scripts/verify-backup.sh', 'configs/backup.yaml'],
  },
  {
    message: 'feat(api): idempotency keys for charges\n\nRetries with the same Idempotency-Key return the original charge.\n\nCloses #187\n',
    author: 'priya',
    day: 34,
    at: '15:51',
    files: [
      { path: 'src/api/charges.js', replace: [LEDGER_IMPORT, [IDEMPOTENCY_409, IDEMPOTENCY_200]] },
      'migrations/002_add_idempotency_keys.sql',
    ],
  },
  {
    message: 'fix(api): return 409 on a duplicate idempotency key\n\nA 200 hid client bugs that reused keys for different amounts.\n',
    author: 'tomas',
    day: 33,
    at: '09:38',
    files: [{ path: 'src/api/charges.js', replace: [LEDGER_IMPORT] }],
  },
  {
    message: 'docs(runbooks): add the database failover runbook\n',
    author: 'dana',
    day: 30,
    at: '17:14',
    files: ['docs/runbooks/'],
  },
  {
    message: 'chore(release): 1.1.0\n',
    author: 'priya',
    day: 29,
    at: '11:02',
    tag: 'v1.1.0',
    files: [{ path: 'package.json', replace: [version('1.1.0')] }, { path: 'CHANGELOG.md', edit: changelogAt('1.1.0') }],
  },
  {
    message: 'feat(scripts): smoke tests, status page updates and pre-deploy checks\n',
    author: 'tomas',
    day: 25,
    at: '14:26',
    files: ['scripts/smoke.sh', 'scripts/update-status.sh', 'scripts/check.sh', 'scripts/README.md', '.github/workflows/ci.yml'],
  },
  {
    message: 'refactor(core): move the ledger into src/core\n',
    author: 'jun',
    day: 23,
    at: '10:49',
    files: ['src/core/ledger.js', 'src/api/charges.js', 'src/api/refunds.js', 'tests/'],
    remove: ['src/ledger.js'],
  },
  {
    message: 'chore(release): 1.2.0\n',
    author: 'priya',
    day: 22,
    at: '13:15',
    tag: 'v1.2.0',
    files: [{ path: 'package.json', replace: [version('1.2.0')] }, { path: 'CHANGELOG.md', edit: changelogAt('1.2.0') }],
  },
  {
    message: 'fix(deploy): wait for /health before switching traffic\n\nCloses #203\n',
    author: 'tomas',
    day: 17,
    at: '16:33',
    files: ['scripts/deploy.sh'],
  },
  {
    message: 'chore(release): 1.2.1\n',
    author: 'tomas',
    day: 16,
    at: '09:57',
    tag: 'v1.2.1',
    files: [{ path: 'package.json', replace: [version('1.2.1')] }, { path: 'CHANGELOG.md', edit: changelogAt('1.2.1') }],
  },
  {
    message: 'fix(db): index ledger_entries.created_at for the reconciliation report\n\nThe nightly report scanned 3.9M rows.\n\nCloses #212\n',
    author: 'jun',
    day: 11,
    at: '14:40',
    files: ['migrations/003_ledger_created_at_index.sql'],
  },
  {
    message: 'chore(release): 1.2.2\n',
    author: 'priya',
    day: 10,
    at: '10:11',
    tag: 'v1.2.2',
    files: [
      { path: 'package.json', replace: [version('1.2.2')] },
      { path: 'CHANGELOG.md', edit: changelogAt('1.2.2') },
      'infrastructure/',
      'configs/production.yaml',
    ],
  },
  {
    message: 'fix(api): do not multiply zero-decimal currencies by 100\n\nJPY charges were 100x too large.\n\nFixes #231\n',
    author: 'dana',
    day: 6,
    at: '15:22',
    files: ['src/utils/money.js'],
  },
  {
    message: 'chore(release): 1.2.3\n',
    author: 'priya',
    day: 4,
    at: '11:45',
    tag: 'v1.2.3',
    files: ['package.json', { path: 'CHANGELOG.md', edit: changelogAt('1.2.3') }, 'configs/staging.yaml'],
  },
  {
    message:
      'feat(api)!: remove the legacy v0 webhook payload\n\nMigration 004 drops webhook_endpoints.legacy_payload.\n\n' +
      'BREAKING CHANGE: webhook endpoints receive only the v1 payload; merchants still on v0 must upgrade before 2.0.0.\n',
    author: 'jun',
    day: 2,
    at: '16:08',
    files: [
      'migrations/004_drop_legacy_webhook_payload.sql',
      { path: 'CHANGELOG.md', replace: [['- opsdeck config and task lists in `.orchestration/`.\n', '']] },
    ],
  },
  {
    message: 'docs: on-call quick start in the README, opsdeck config\n',
    author: 'dana',
    day: 1,
    at: '10:36',
    files: ['README.md', 'CHANGELOG.md', '.orchestration/opsdeck.yaml'],
  },
  {
    message: 'chore(tasks): plan the v1.2.3 production rollout and INC-2291 follow-ups\n',
    author: 'priya',
    day: 0,
    at: '09:05',
    files: ['.orchestration/current.todo'],
  },
];
