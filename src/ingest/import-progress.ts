/** How far one import has come, as `importFile`'s onProgress reports it after each batch. */
export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  records: number;
  done: boolean;
}

/** How long a finished import's progress stays readable, for the last poll to see it done. */
const keepFinishedMs = 5 * 60_000;
/** At most this many imports are tracked; the oldest entry goes first. */
const maxEntries = 1_000;

/**
 * The progress of the imports running in this process, by a key the uploader chose, so that a
 * portal can poll while its upload is being imported. Keys are scoped by client by the caller.
 *
 * TODO(scale-out): progress lives in the memory of the process that runs the import; a poll
 * that reaches another API process finds nothing – keep it in the control store when several
 * API processes serve one portal behind a balancer.
 */
export class ImportProgressBoard {
  private readonly entries = new Map<string, ImportProgress & { finishedAt: number | null }>();

  start(key: string, totalBytes: number): void {
    this.sweep();
    this.entries.delete(key);
    this.entries.set(key, { bytesRead: 0, totalBytes, records: 0, done: false, finishedAt: null });
  }

  update(key: string, progress: Omit<ImportProgress, 'done'>): void {
    const entry = this.entries.get(key);
    if (entry) Object.assign(entry, progress);
  }

  finish(key: string): void {
    const entry = this.entries.get(key);
    if (entry) Object.assign(entry, { done: true, finishedAt: Date.now() });
  }

  get(key: string): ImportProgress | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    const { finishedAt: _finishedAt, ...progress } = entry;
    return progress;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) {
      if (entry.finishedAt !== null && now - entry.finishedAt > keepFinishedMs) {
        this.entries.delete(key);
      }
    }
    while (this.entries.size >= maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
