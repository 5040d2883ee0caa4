// `opsdeck doctor`'s checks: the repo layout, the config, the SOP scripts and the tools on
// PATH. Each check says what it found and, when something is wrong, what to do about it.
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Config } from '../../models/config.js';
import { defaultConfig, displayPath, loadConfig } from '../config/load-config.js';
import { errorMessage } from '../errors.js';
import { CONFIG_FILE, ORCHESTRATION_DIR, configPath } from '../paths.js';
import { commandWord, isExecutableFile, which } from './which.js';

export type DoctorGroup = 'layout' | 'config' | 'scripts' | 'tools';

export type DoctorCheck = {
  group: DoctorGroup;
  /** What was checked: a path relative to the root, or a tool name. */
  name: string;
  /** ok: fine; fail: a required thing is missing or broken; warn: an optional one is. */
  status: 'ok' | 'fail' | 'warn';
  required: boolean;
  /** What was found. */
  detail: string;
  /** What to do about it (only when not ok). */
  fix?: string;
};

export const DOCTOR_GROUP_TITLES: Record<DoctorGroup, string> = {
  layout: 'Repo layout',
  config: 'Config',
  scripts: 'Scripts',
  tools: 'Tools',
};

export type DoctorTool = { name: string; required: boolean; purpose: string; install: string };

export const DOCTOR_TOOLS: DoctorTool[] = [
  { name: 'git', required: true, purpose: 'releases, tags, history', install: 'apt-get install git' },
  { name: 'restic', required: false, purpose: 'backups pane', install: 'apt-get install restic' },
  { name: 'nvidia-smi', required: false, purpose: 'GPU pane', install: 'install the NVIDIA driver utilities' },
  { name: 'pg_dump', required: false, purpose: 'database backups', install: 'apt-get install postgresql-client' },
  { name: 'tmux', required: false, purpose: 'sessions that survive SSH drops', install: 'apt-get install tmux' },
  { name: 'claude', required: false, purpose: 'Claude Code', install: 'npm install -g @anthropic-ai/claude-code' },
];

async function kindOf(path: string): Promise<'file' | 'dir' | 'other' | 'missing'> {
  try {
    const info = await stat(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}

async function layoutChecks(root: string): Promise<DoctorCheck[]> {
  const init = 'run `opsdeck init` to create it';
  const dirKind = await kindOf(join(root, ORCHESTRATION_DIR));
  const checks: DoctorCheck[] = [
    dirKind === 'dir'
      ? { group: 'layout', name: `${ORCHESTRATION_DIR}/`, status: 'ok', required: true, detail: 'found' }
      : { group: 'layout', name: `${ORCHESTRATION_DIR}/`, status: 'fail', required: true, detail: dirKind === 'missing' ? 'missing' : 'not a folder', fix: init },
  ];
  const files = [
    { file: 'current.todo', required: true, what: 'active tasks' },
    { file: 'backlog.todo', required: true, what: 'future tasks' },
    { file: 'sop.md', required: false, what: 'the SOP, §5.1' },
  ];
  for (const { file, required, what } of files) {
    const name = `${ORCHESTRATION_DIR}/${file}`;
    const kind = await kindOf(join(root, name));
    if (kind === 'file') {
      checks.push({ group: 'layout', name, status: 'ok', required, detail: `found (${what})` });
    } else {
      const fix = required ? init : 'copy your team SOP there so everyone reads the same one';
      checks.push({ group: 'layout', name, status: required ? 'fail' : 'warn', required, detail: kind === 'missing' ? `missing (${what})` : 'not a file', fix });
    }
  }
  return checks;
}

async function configCheck(root: string): Promise<{ check: DoctorCheck; config: Config }> {
  const name = `${ORCHESTRATION_DIR}/${CONFIG_FILE}`;
  const present = (await kindOf(configPath(root))) !== 'missing';
  try {
    const config = await loadConfig(root);
    const detail = present ? 'valid' : 'not present; using the defaults';
    return { check: { group: 'config', name, status: 'ok', required: true, detail }, config };
  } catch (error) {
    const fix = `fix ${displayPath(configPath(root))}; \`opsdeck config schema\` lists every key`;
    return { check: { group: 'config', name, status: 'fail', required: true, detail: errorMessage(error), fix }, config: defaultConfig() };
  }
}

async function scriptChecks(root: string, config: Config, env: NodeJS.ProcessEnv): Promise<DoctorCheck[]> {
  // several scripts may share a file; check each file once, naming every key that uses it
  const byWord = new Map<string, string[]>();
  for (const [key, commandLine] of Object.entries(config.scripts)) {
    const word = commandWord(commandLine);
    byWord.set(word, [...(byWord.get(word) ?? []), `scripts.${key}`]);
  }
  const checks: DoctorCheck[] = [];
  for (const [word, keys] of byWord) {
    const used = keys.join(', ');
    const setIt = `or set ${keys[0]} in ${CONFIG_FILE}`;
    if (word === '') {
      checks.push({ group: 'scripts', name: '(empty)', status: 'fail', required: true, detail: `empty command (${used})`, fix: `set ${keys[0]}` });
      continue;
    }
    if (!word.includes('/')) {
      const found = await which(word, env, root);
      checks.push(
        found
          ? { group: 'scripts', name: word, status: 'ok', required: true, detail: `on PATH (${used})` }
          : { group: 'scripts', name: word, status: 'fail', required: true, detail: `not on PATH (${used})`, fix: `install ${word}, ${setIt}` },
      );
      continue;
    }
    const path = isAbsolute(word) ? word : resolve(root, word);
    const rel = relative(root, path);
    const name = rel.startsWith('..') || isAbsolute(rel) ? path : rel;
    const kind = await kindOf(path);
    if (kind === 'missing') {
      checks.push({ group: 'scripts', name, status: 'fail', required: true, detail: `missing (${used})`, fix: `create it (SOP §2), ${setIt}` });
    } else if (kind !== 'file') {
      checks.push({ group: 'scripts', name, status: 'fail', required: true, detail: `not a file (${used})`, fix: setIt.replace(/^or /, '') });
    } else if (!(await isExecutableFile(path))) {
      checks.push({ group: 'scripts', name, status: 'fail', required: true, detail: `not executable (${used})`, fix: `chmod +x ${name}` });
    } else {
      checks.push({ group: 'scripts', name, status: 'ok', required: true, detail: `executable (${used})` });
    }
  }
  return checks;
}

async function toolChecks(env: NodeJS.ProcessEnv): Promise<DoctorCheck[]> {
  return Promise.all(
    DOCTOR_TOOLS.map(async (tool): Promise<DoctorCheck> => {
      const found = await which(tool.name, env);
      if (found) return { group: 'tools', name: tool.name, status: 'ok', required: tool.required, detail: found };
      return {
        group: 'tools',
        name: tool.name,
        status: tool.required ? 'fail' : 'warn',
        required: tool.required,
        detail: `not on PATH (${tool.purpose})`,
        fix: tool.install,
      };
    }),
  );
}

/** The active node-llama-cpp backend (cpu/cuda/vulkan); node-llama-cpp is imported only here. */
async function llmBackendCheck(llm: Partial<Config['llm']> | undefined): Promise<DoctorCheck> {
  const { detectLlmBackend } = await import('../llm/backend-check.js');
  const r = await detectLlmBackend(llm);
  return { group: 'tools', name: 'llm backend', status: r.ok ? 'ok' : 'warn', required: false, detail: r.detail, ...(r.fix ? { fix: r.fix } : {}) };
}

/**
 * NODE_EXTRA_CA_CERTS, when set: bin/opsdeck loads it on first TLS use (src/net/), so a file
 * that cannot be read would only show up then, as Node's warning and a TLS error. Said here.
 */
async function extraCaCheck(env: NodeJS.ProcessEnv): Promise<DoctorCheck[]> {
  const file = env.NODE_EXTRA_CA_CERTS;
  if (!file) return [];
  const name = 'NODE_EXTRA_CA_CERTS';
  const fix = 'point NODE_EXTRA_CA_CERTS at a PEM file of CA certificates, or unset it';
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return [{ group: 'tools', name, status: 'warn', required: false, detail: `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)}); TLS to a private CA will fail`, fix }];
  }
  const count = text.split('-----BEGIN CERTIFICATE-----').length - 1;
  if (count === 0) return [{ group: 'tools', name, status: 'warn', required: false, detail: `${file}: no PEM certificate in it`, fix }];
  return [{ group: 'tools', name, status: 'ok', required: false, detail: `${file}: ${count} certificate${count === 1 ? '' : 's'}, loaded on first TLS use` }];
}

/** Runs every check against the repo at `root` (which may lack .orchestration/). */
export async function runDoctorChecks(root: string, env: NodeJS.ProcessEnv = process.env): Promise<DoctorCheck[]> {
  const layout = await layoutChecks(root);
  const { check, config } = await configCheck(root);
  const scripts = await scriptChecks(root, config, env);
  const tools = await toolChecks(env);
  return [...layout, check, ...scripts, ...tools, ...(await extraCaCheck(env)), await llmBackendCheck(config.llm)];
}

/** Exit code: 1 when a required check failed, else 0. */
export function doctorExitCode(checks: readonly DoctorCheck[]): number {
  return checks.some((c) => c.status === 'fail') ? 1 : 0;
}
