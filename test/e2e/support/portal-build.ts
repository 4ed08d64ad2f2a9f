import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const web = join(repo, 'web');
const dist = join(web, 'dist');
const lockDir = join(web, '.build-lock');

/** The newest modification time of the portal's sources (web/src, index.html, vite config). */
async function newestSource(): Promise<number> {
  let newest = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  await walk(join(web, 'src'));
  for (const file of ['index.html', 'vite.config.ts']) {
    newest = Math.max(newest, statSync(join(web, file)).mtimeMs);
  }
  return newest;
}

async function isFresh(): Promise<boolean> {
  const index = join(dist, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= (await newestSource());
}

/** Builds into a folder of its own, then swaps it in, so no server ever sees half a build. */
function buildAndSwap(): void {
  const out = join(web, `.dist-${process.pid}`);
  execFileSync(
    join(repo, 'node_modules', '.bin', 'vite'),
    [
      'build',
      '--config',
      join(web, 'vite.config.ts'),
      '--outDir',
      out,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    // Vitest sets NODE_ENV=test, which would bundle React's development build.
    {
      cwd: repo,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  const old = join(web, `.dist-old-${process.pid}`);
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(out, dist);
  rmSync(old, { recursive: true, force: true });
}

function tryLock(): boolean {
  try {
    mkdirSync(lockDir);
    return true;
  } catch {
    // A lock left by a build that died more than two minutes ago is stale.
    if (Date.now() - statSync(lockDir).mtimeMs > 120_000) rmSync(lockDir, { recursive: true });
    return false;
  }
}

/**
 * Builds web/ unless web/dist is newer than every source, once across parallel test files, and
 * returns a private copy of the build: a rebuild by another test run never changes what an
 * already started server serves.
 */
export async function portalBuild(): Promise<string> {
  while (!(await isFresh())) {
    if (tryLock()) {
      try {
        if (!(await isFresh())) buildAndSwap();
      } finally {
        rmSync(lockDir, { recursive: true, force: true });
      }
    } else {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const copy = join(tmpdir(), `leadbase-portal-${process.pid}-${Date.now()}`);
  cpSync(dist, copy, { recursive: true });
  return copy;
}
