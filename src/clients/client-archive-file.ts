import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';
import { archiveInvalid } from './client-archive-format.ts';

/**
 * Writes JSON lines through gzip into a file, hashing the uncompressed bytes as they go and
 * waiting for the file to drain, so memory holds one line at a time whatever the archive's size.
 */
export class ArchiveLineWriter {
  private readonly hash: Hash = createHash('sha256');
  private readonly gzip: Gzip = createGzip();
  private readonly file: WriteStream;
  private readonly finished: Promise<unknown>;

  constructor(path: string) {
    this.file = createWriteStream(path, { flags: 'wx' });
    this.gzip.pipe(this.file);
    this.finished = once(this.file, 'close');
    // A failure surfaces on the next write or at the end; this keeps it from going unhandled.
    this.finished.catch(() => undefined);
  }

  /** The SHA-256 of every line written so far. */
  digest(): string {
    return this.hash.copy().digest('hex');
  }

  async write(value: unknown, hashed = true): Promise<void> {
    const bytes = Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
    if (hashed) this.hash.update(bytes);
    if (!this.gzip.write(bytes)) await Promise.race([once(this.gzip, 'drain'), this.finished]);
  }

  async end(): Promise<void> {
    this.gzip.end();
    await this.finished;
  }

  /** Stops writing after a failure; the caller removes the file. */
  abort(): void {
    this.gzip.destroy();
    this.file.destroy();
  }
}

export interface ArchiveLine {
  /** 1-based line number in the uncompressed archive. */
  number: number;
  text: string;
  /** SHA-256 of every line before this one. */
  digestBefore: () => string;
}

/**
 * The lines of a gzip'd archive, read as a stream and split on `\n` bytes (never on other line
 * separators, which JSON text may hold). A file that is not gzip, or is cut short, is refused
 * with the archive's path.
 */
export async function* readArchiveLines(path: string): AsyncGenerator<ArchiveLine> {
  const hash = createHash('sha256');
  const input = createGunzip();
  // pipeline passes a read error on to the gunzip stream, which the loop below then throws.
  pipeline(createReadStream(path), input, () => undefined);
  let pending: Buffer = Buffer.alloc(0);
  let number = 0;
  const digestBefore = () => hash.copy().digest('hex');

  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let start = 0;
      for (let end = pending.indexOf(10, start); end !== -1; end = pending.indexOf(10, start)) {
        const line = pending.subarray(start, end + 1);
        number += 1;
        yield { number, text: line.toString('utf8', 0, line.length - 1), digestBefore };
        hash.update(line);
        start = end + 1;
      }
      pending = pending.subarray(start);
    }
  } catch (error) {
    throw readFailure(path, error);
  }
  if (pending.length > 0) {
    throw archiveInvalid(path, `is cut short: line ${number + 1} has no end (truncated archive)`);
  }
}

function readFailure(path: string, error: unknown) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return archiveInvalid(path, 'does not exist');
  if (code === 'Z_BUF_ERROR') return archiveInvalid(path, 'is cut short (truncated gzip data)');
  if (code === 'Z_DATA_ERROR') return archiveInvalid(path, 'is not gzip data or is damaged');
  if (code === 'EISDIR') return archiveInvalid(path, 'is a folder, not a file');
  return archiveInvalid(path, `cannot be read: ${(error as Error).message}`);
}
