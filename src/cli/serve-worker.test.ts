import { describe, expect, it } from 'vitest';
import { workerSettings } from '../runs/worker-settings.ts';
import { inProcessWorker } from './serve-worker.ts';

const shared = { DATABASE_URL: 'postgres://127.0.0.1:5432/leadbase' };

describe('the worker leadbase serve runs in process', () => {
  it('is there on the embedded stores and not with a shared database, unless asked', () => {
    expect(inProcessWorker({}, undefined)).toMatchObject({ concurrency: 1, leaseMs: 60_000 });
    expect(inProcessWorker(shared, undefined)).toBe(false);
    expect(inProcessWorker(shared, true)).toMatchObject({ concurrency: 1 });
    expect(inProcessWorker({ ...shared, LEADBASE_SERVE_WORKER: '1' }, undefined)).not.toBe(false);
    expect(inProcessWorker({ LEADBASE_SERVE_WORKER: '0' }, undefined)).toBe(false);
  });

  it('takes LEADBASE_WORKER_* settings, and names a bad one', () => {
    expect(inProcessWorker({ LEADBASE_WORKER_CONCURRENCY: '3' }, undefined)).toMatchObject({
      concurrency: 3,
    });
    expect(() => inProcessWorker({ LEADBASE_WORKER_LEASE_MS: 'soon' }, undefined)).toThrow(
      'invalid worker settings: LEADBASE_WORKER_LEASE_MS must be a number (got "soon")',
    );
  });
});

describe('worker settings', () => {
  it('name the option a bad value came from', () => {
    expect(() => workerSettings({}, { concurrency: '0', pollMs: '1.5' })).toThrow(
      'invalid worker settings: --concurrency must be at least 1 (got "0"); --poll-ms must be a whole number (got "1.5")',
    );
  });
});
