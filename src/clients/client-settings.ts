import { z } from 'zod';
import { AppError, type FieldIssue } from '../errors.ts';
import type { ClientSettings } from './client.ts';

/**
 * Every setting is a whole number in a range that makes sense for it. They end up as SQL
 * LIMITs, loop bounds and date arithmetic, where 2.5 or 1e20 fails deep inside a run.
 */
function whole(min: number, max: number) {
  // Aborts on a fraction so that 1e20 gets one message, not "not whole" and "too big".
  return z
    .number()
    .int({ message: 'must be a whole number', abort: true })
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
}

const settingShape = {
  scoreThreshold: whole(0, 100),
  leadsPerRun: whole(0, 1_000_000),
  postsPerDay: whole(0, 10_000),
  postsBatchSize: whole(1, 1_000),
  postsMaxBatchesPerDay: whole(0, 1_000),
  postsRecheckDays: whole(0, 3_650),
  postScoreThreshold: whole(0, 100),
  llmTokensPerRun: whole(0, 1_000_000_000).optional(),
  llmTokensPerDay: whole(0, 1_000_000_000).optional(),
};

/** A client's complete settings, as stored and shown. */
export const clientSettingsSchema = z.strictObject(settingShape).meta({ id: 'ClientSettings' });

/**
 * A change of settings: any subset of the known settings, nothing else. The one schema for
 * every way settings change: the registry (CLI, demo, tests) and the HTTP API.
 */
export const settingsChangeSchema = z.strictObject(settingShape).partial();

export type SettingsChange = z.output<typeof settingsChangeSchema>;

// The schema and the documented type must describe the same settings.
const _sameSettings: z.ZodType<ClientSettings> = clientSettingsSchema;

/** The bad settings of a change, each with its path under `settings`; none when it is valid. */
export function settingsIssues(value: unknown): FieldIssue[] {
  const result = settingsChangeSchema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => ({
      path: ['settings', ...issue.path, ...(key === undefined ? [] : [key])].join('.'),
      message: key === undefined ? issue.message : 'is not a known setting',
    }));
  });
}

/** Checks a change of settings from any caller; the error names every bad setting. */
export function parseSettingsChange(value: unknown): Partial<ClientSettings> {
  const issues = settingsIssues(value);
  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
    throw new AppError('validation_failed', `invalid client settings: ${summary}`, { issues });
  }
  return settingsChangeSchema.parse(value) as Partial<ClientSettings>;
}
