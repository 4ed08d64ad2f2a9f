import type { Operation, OperationContext, OperationName, OperationOutcome } from '../operation.ts';

/** An operation whose work is a function the test writes; it remembers whom it ran for. */
export class ScriptedOperation implements Operation {
  readonly calls: string[] = [];

  constructor(
    readonly name: OperationName,
    private readonly script: (context: OperationContext) => Promise<OperationOutcome>,
  ) {}

  async run(context: OperationContext): Promise<OperationOutcome> {
    this.calls.push(context.client.id);
    return this.script(context);
  }
}

/** An operation that does nothing but succeed. */
export function succeeding(name: OperationName = 'score-leads'): ScriptedOperation {
  return new ScriptedOperation(name, async () => ({ status: 'succeeded' }));
}

/**
 * BR-17's batch: writes items 1..`total` into the client's store in chunks, one committed row
 * per item, skipping those already there (the work resumes from the store's own state). An item
 * listed in `rejected` has a value the store refuses; the operation stops at it. Items are kept
 * as settings rows: the ledger is what is under test, not the shape of a lead.
 */
export class ItemBatchOperation implements Operation {
  readonly name = 'score-leads' as const;
  readonly rejected = new Set<number>();
  /** How often each item was written successfully. */
  readonly written = new Map<string, number>();

  constructor(
    private readonly total: number,
    private readonly chunkSize: number,
  ) {}

  async run({ store, progress }: OperationContext): Promise<OperationOutcome> {
    const existing = await store.db.selectFrom('settings').select('key').execute();
    const done = new Set(existing.map((row) => row.key));
    const pending = Array.from({ length: this.total }, (_, index) => index + 1).filter(
      (n) => !done.has(itemId(n)),
    );

    for (let start = 0; start < pending.length; start += this.chunkSize) {
      for (const n of pending.slice(start, start + this.chunkSize)) {
        await progress.examined(1);
        await this.write(store, n, progress);
      }
    }
    return { status: 'succeeded' };
  }

  private async write(
    store: OperationContext['store'],
    n: number,
    progress: OperationContext['progress'],
  ): Promise<void> {
    const id = itemId(n);
    // The store refuses an item without a value (NOT NULL): the "bad value" of BR-17.
    const value = this.rejected.has(n) ? null : JSON.stringify({ n });
    try {
      await store.db
        .insertInto('settings')
        .values({ key: id, value: value as string })
        .execute();
    } catch (error) {
      await progress.failed(id, 'store_rejected', (error as Error).message);
      throw error;
    }
    this.written.set(id, (this.written.get(id) ?? 0) + 1);
    await progress.succeeded([id]);
  }
}

export function itemId(n: number): string {
  return `item-${String(n).padStart(2, '0')}`;
}
