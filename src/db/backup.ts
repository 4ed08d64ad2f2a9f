import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { nowIso } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Stores } from './tenancy.ts';

export interface BackupFile {
  store: 'control' | 'tenant';
  clientId?: string;
  /** Path inside the backup folder. */
  file: string;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: 'leadbase-backup';
  version: 1;
  createdAt: string;
  files: BackupFile[];
  /** Registered clients whose store was never created: nothing to copy. */
  clientsWithoutStore: string[];
}

/** How long a copy waits for a writer that holds the lock (a checkpoint) before giving up. */
const busyTimeoutMs = 15_000;

/**
 * Copies one SQLite file with VACUUM INTO: a single read transaction, so the copy is one
 * consistent moment of the store while other processes go on writing (WAL lets them), and it
 * never restarts as the page-by-page backup API does when the source changes under it.
 */
function copyStore(source: string, target: string): void {
  const database = new Database(source, {
    readonly: true,
    fileMustExist: true,
    timeout: busyTimeoutMs,
  });
  try {
    database.prepare('vacuum into ?').run(target);
  } finally {
    database.close();
  }
  const copy = new Database(target, { readonly: true });
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy of ${source} fails its check: ${String(check)}`);
  } finally {
    copy.close();
  }
}

/** Size and SHA-256 of a file, read a chunk at a time. */
function fileDigest(path: string): { bytes: number; sha256: string } {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(1 << 20);
  const fd = openSync(path, 'r');
  let bytes = 0;
  try {
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      hash.update(chunk.subarray(0, read));
      bytes += read;
    }
  } finally {
    closeSync(fd);
  }
  return { bytes, sha256: hash.digest('hex') };
}

function describe(
  outDir: string,
  file: string,
  entry: Pick<BackupFile, 'store' | 'clientId'>,
): BackupFile {
  return { ...entry, file: relative(outDir, file), ...fileDigest(file) };
}

function clientIdsIn(controlCopy: string): string[] {
  const database = new Database(controlCopy, { readonly: true });
  try {
    const rows = database.prepare('select id from clients order by id').all() as { id: string }[];
    return rows.map((row) => row.id);
  } finally {
    database.close();
  }
}

function requireEmptyFolder(outDir: string): void {
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    throw new AppError('conflict', `${outDir} is not empty: back up into a new folder`, {
      details: { outDir },
    });
  }
}

/**
 * An online backup of every embedded store into `outDir`: the control store first, then the
 * store of every client it lists, each a consistent copy, and `manifest.json` with each file's
 * size and SHA-256. On PostgreSQL the server's own tools do this.
 */
export function backupStores(stores: Stores, outDir: string): BackupManifest {
  if (stores.engineKind !== 'embedded') {
    throw new AppError(
      'not_supported',
      `leadbase backup copies the embedded SQLite files; with DATABASE_URL the stores live in PostgreSQL: back them up with pg_dump, e.g. pg_dump --format=custom --schema='leadbase_*' "$DATABASE_URL" (the schemas of LEADBASE_PG_SCHEMA_PREFIX, default leadbase_)`,
    );
  }
  requireEmptyFolder(outDir);
  mkdirSync(join(outDir, 'tenants'), { recursive: true });

  const controlCopy = join(outDir, 'control.sqlite');
  copyStore(join(stores.dataDir, 'control.sqlite'), controlCopy);
  const files: BackupFile[] = [describe(outDir, controlCopy, { store: 'control' })];
  const clientsWithoutStore: string[] = [];
  for (const clientId of clientIdsIn(controlCopy)) {
    const source = stores.tenantPath(clientId);
    if (!existsSync(source)) {
      clientsWithoutStore.push(clientId);
      continue;
    }
    const copy = join(outDir, 'tenants', `${clientId}.sqlite`);
    copyStore(source, copy);
    files.push(describe(outDir, copy, { store: 'tenant', clientId }));
  }

  const manifest: BackupManifest = {
    format: 'leadbase-backup',
    version: 1,
    createdAt: nowIso(),
    files,
    clientsWithoutStore,
  };
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
