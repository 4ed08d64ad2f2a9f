import { z } from 'zod';
import { AppError } from '../errors.ts';

/** How a worker claims and holds records. */
export interface WorkerSettings {
  /** Records worked on at once. */
  concurrency: number;
  /** How long a claim holds a record without renewal; renewed at a third of it. */
  leaseMs: number;
  /** How long an idle slot waits before looking for work again. */
  pollMs: number;
  /** How long a shutdown lets records in hand finish before handing them back to the queue. */
  graceMs: number;
}

export const defaultWorkerSettings: WorkerSettings = {
  concurrency: 1,
  leaseMs: 60_000,
  pollMs: 2_000,
  graceMs: 10_000,
};

const whole = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const settingsSchema = z.object({
  concurrency: whole(1, 64),
  leaseMs: whole(100, 3_600_000),
  pollMs: whole(10, 600_000),
  graceMs: whole(0, 3_600_000),
});

/** The command-line option of each setting, for error messages. */
const optionNames: Record<keyof WorkerSettings, string> = {
  concurrency: '--concurrency',
  leaseMs: '--lease-ms',
  pollMs: '--poll-ms',
  graceMs: '--grace-ms',
};

/** The environment variable of each setting, for error messages. */
const envNames: Record<keyof WorkerSettings, string> = {
  concurrency: 'LEADBASE_WORKER_CONCURRENCY',
  leaseMs: 'LEADBASE_WORKER_LEASE_MS',
  pollMs: 'LEADBASE_WORKER_POLL_MS',
  graceMs: 'LEADBASE_WORKER_GRACE_MS',
};

/**
 * The worker's settings: the defaults, then LEADBASE_WORKER_* from the environment, then what
 * the command line says. A bad value is an error naming where it came from.
 */
export function workerSettings(
  env: NodeJS.ProcessEnv,
  overrides: Partial<Record<keyof WorkerSettings, string | number>> = {},
): WorkerSettings {
  const raw: Record<string, string | number> = { ...defaultWorkerSettings };
  for (const [key, name] of Object.entries(envNames)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) raw[key] = value;
  }

  const parsed = settingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0]) as keyof WorkerSettings;
    const from = overrides[key] !== undefined ? optionNames[key] : envNames[key];
    return { path: from, message: `${issue.message} (got "${raw[key]}")` };
  });
  const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
  throw new AppError('validation_failed', `invalid worker settings: ${summary}`, { issues });
}
