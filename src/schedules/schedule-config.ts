import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError, type FieldIssue } from '../errors.ts';
import { operationNames } from '../runs/operation.ts';
import { type Schedule, scheduleCron } from './schedule.ts';

const entrySchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'must be 1-80 lower-case letters, digits and dashes'),
    cron: z.string().trim().min(1, 'must not be empty'),
    timeZone: z.string().default('UTC'),
    operations: z.array(z.enum(operationNames)).min(1, 'must name at least one operation'),
    clients: z.array(z.string().min(1)).min(1, 'must name at least one client').optional(),
    stream: z.string().trim().min(1).max(100).optional(),
  })
  .superRefine((entry, context) => {
    if (entry.clients !== undefined && entry.stream !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['stream'],
        message: 'give clients or a stream, not both',
      });
    }
    try {
      scheduleCron(entry).nextRun();
    } catch (error) {
      // croner names the bad field or time zone in its message.
      const path = /timezone/i.test(String(error)) ? 'timeZone' : 'cron';
      context.addIssue({ code: 'custom', path: [path], message: (error as Error).message });
    }
  });

const fileSchema = z.strictObject({ schedules: z.array(entrySchema) });

/** Where the schedules are read from: LEADBASE_SCHEDULES, else schedules.json in the data folder. */
export function schedulesPath(env: NodeJS.ProcessEnv, dataDir: string): string | undefined {
  if (env.LEADBASE_SCHEDULES) return env.LEADBASE_SCHEDULES;
  const inDataDir = join(dataDir, 'schedules.json');
  return existsSync(inDataDir) ? inDataDir : undefined;
}

/** Each issue's path as a reader finds it in the file: `schedules[1] (nightly).cron`. */
function issuePath(value: unknown, path: PropertyKey[]): string {
  const [top, index, ...rest] = path.map(String);
  if (top !== 'schedules' || index === undefined) return path.map(String).join('.') || '(file)';
  const entries = (value as { schedules?: { name?: unknown }[] }).schedules;
  const name = entries?.[Number(index)]?.name;
  const entry = `schedules[${index}]${typeof name === 'string' ? ` (${name})` : ''}`;
  return [entry, ...rest].join('.');
}

function duplicateNames(schedules: { name: string }[]): FieldIssue[] {
  const seen = new Set<string>();
  return schedules.flatMap((schedule, index) => {
    if (!seen.has(schedule.name)) {
      seen.add(schedule.name);
      return [];
    }
    return [{ path: `schedules[${index}] (${schedule.name}).name`, message: 'is used twice' }];
  });
}

/** Checks a parsed schedules file; the error names every bad entry and field. */
export function parseSchedules(value: unknown, source: string): Schedule[] {
  const parsed = fileSchema.safeParse(value);
  const issues = parsed.success
    ? duplicateNames(parsed.data.schedules)
    : parsed.error.issues.map((issue) => ({
        path: issuePath(value, issue.path),
        message: issue.message,
      }));
  if (!parsed.success || issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new AppError('validation_failed', `invalid schedules in ${source}: ${summary}`, {
      issues,
    });
  }

  return parsed.data.schedules.map(({ clients, stream, ...entry }) => ({
    ...entry,
    ...(clients === undefined ? {} : { clientIds: clients }),
    ...(stream === undefined ? {} : { stream }),
  }));
}

/** The schedules of a JSON file; a file that cannot be read or parsed is an error naming it. */
export function loadSchedules(path: string): Schedule[] {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AppError(
      'bad_file',
      `cannot read schedules from ${path}: ${(error as Error).message}`,
    );
  }
  return parseSchedules(value, path);
}
