// The Debian packages the suite drives for real, and one way to install the missing ones.
// global-setup installs them all once, before any worker starts, so that two test files never
// race for dpkg's lock; the helpers call ensurePackages again for a single file run by hand.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PG_BIN = '/usr/lib/postgresql/15/bin';

export type PackageCheck = { pkg: string; present: () => boolean };

export function onPath(bin: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const PACKAGES = {
  git: { pkg: 'git', present: () => onPath('git') },
  tmux: { pkg: 'tmux', present: () => onPath('tmux') },
  script: { pkg: 'bsdutils', present: () => onPath('script') },
  openssl: { pkg: 'openssl', present: () => onPath('openssl') },
  restic: { pkg: 'restic', present: () => onPath('restic') },
  postgres: { pkg: 'postgresql-15', present: () => existsSync(`${PG_BIN}/initdb`) && onPath('pg_dump') },
  prometheus: { pkg: 'prometheus', present: () => onPath('prometheus') && onPath('promtool') },
} satisfies Record<string, PackageCheck>;

export function installCommand(pkgs: string[]): string {
  return `apt-get install -y --no-install-recommends --no-upgrade ${pkgs.join(' ')}`;
}

function apt(args: string): boolean {
  try {
    // Waits for dpkg's lock rather than failing when another apt is running.
    execFileSync('sh', ['-c', `apt-get -o DPkg::Lock::Timeout=300 ${args}`], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 600_000,
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Installs whichever of `checks` are missing (refreshing the package lists when the install
 * cannot find a package); throws one line with the exact command when they are still missing.
 */
export function ensurePackages(checks: PackageCheck[]): void {
  const missing = () => checks.filter((c) => !c.present());
  const first = missing();
  if (first.length === 0) return;
  const pkgs = [...new Set(first.map((c) => c.pkg))];
  const install = `-y --no-install-recommends --no-upgrade install ${pkgs.join(' ')}`;
  if (!apt(install) || missing().length > 0) {
    apt('update');
    apt(install);
  }
  const still = missing();
  if (still.length > 0) {
    const names = [...new Set(still.map((c) => c.pkg))];
    throw new Error(`the tests need ${names.join(', ')}, which could not be installed; run: apt-get update && ${installCommand(names)}`);
  }
}
