import { type Command, Option } from 'commander';
import type { Client } from '../clients/client.ts';
import { calendarDateIn } from '../clock.ts';
import { AppError, isAppError } from '../errors.ts';
import { type LeadQuery, leadSortFields, parseLeadQuery } from '../leads/lead-query-schema.ts';
import { listOption, numberOption } from './option-parsers.ts';

/** The filter and sort options of `leads list` and `leads export`, as commander parses them. */
export interface LeadFilterOptions {
  minScore?: number;
  maxScore?: number;
  scoreStatus?: string[];
  connection?: string[];
  invited?: boolean;
  status?: string[];
  tag?: string[];
  due?: boolean;
  search?: string;
  createdFrom?: string;
  createdTo?: string;
  sort?: string;
  asc?: boolean;
  desc?: boolean;
}

/**
 * Refuses `--<name>` together with `--no-<name>`. Both set one value, so commander lets the last
 * one win, and `Option.conflicts` (which compares values) cannot tell them apart. Called before
 * the options are added, its listeners run before commander's own, which store each flag: they
 * see what an earlier flag of the pair stored.
 */
function refuseBothWays(command: Command, name: string): Command {
  const given = (value: boolean) =>
    command.getOptionValueSource(name) === 'cli' && command.getOptionValue(name) === value;
  command.on(`option:${name}`, () => {
    if (given(false))
      command.error(`error: option '--${name}' cannot be used with option '--no-${name}'`);
  });
  command.on(`option:no-${name}`, () => {
    if (given(true))
      command.error(`error: option '--no-${name}' cannot be used with option '--${name}'`);
  });
  return command;
}

export function addLeadFilterOptions(command: Command): Command {
  return refuseBothWays(command, 'invited')
    .option('--min-score <n>', 'score at least n (0-100)', numberOption)
    .option('--max-score <n>', 'score at most n (0-100)', numberOption)
    .option(
      '--score-status <status>',
      'pending, scored, failed, disqualified or unqualified (comma-separated or repeated)',
      listOption,
    )
    .option(
      '--connection <status>',
      'connected, pending, not_connected or unknown (comma-separated or repeated)',
      listOption,
    )
    .option('--invited', 'only leads added to an invitation campaign (a finalized batch)')
    .option('--no-invited', 'only leads not invited yet')
    .option('--status <status>', 'pipeline status, e.g. new or contacted', listOption)
    .option('--tag <tag>', 'has this tag (repeat for all of several)', listOption)
    .option(
      '--due',
      "follow-up due on or before the client's today, in its time zone (oldest first unless --sort)",
    )
    .option('--search <text>', 'words in name, headline, company, position or about')
    .option('--created-from <date>', 'created on or after this date (YYYY-MM-DD)')
    .option('--created-to <date>', 'created on or before this date (YYYY-MM-DD)')
    .addOption(new Option('--sort <field>', 'order of the leads').choices(leadSortFields))
    .addOption(new Option('--asc', 'ascending order').conflicts('desc'))
    .option('--desc', 'descending order');
}

/** The lead query the options describe, validated like any other (one-line error if not). */
export function leadQueryFromOptions(
  options: LeadFilterOptions,
  client: Client,
  extra: Partial<LeadQuery> = {},
): LeadQuery {
  const direction = options.asc ? 'asc' : options.desc ? 'desc' : undefined;
  const query = {
    minScore: options.minScore,
    maxScore: options.maxScore,
    scoreStatus: options.scoreStatus,
    connectionStatus: options.connection,
    invited: options.invited,
    status: options.status,
    tags: options.tag,
    followUpDue: options.due ? calendarDateIn(client.timeZone) : undefined,
    q: options.search,
    createdFrom: options.createdFrom,
    createdTo: options.createdTo,
    // Due follow-ups are a to-do list: the longest overdue first, unless a sort is asked for.
    sort: options.sort ?? (options.due ? 'follow-up' : undefined),
    direction,
    ...extra,
  };
  const defined = Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined),
  );
  try {
    return parseLeadQuery(defined, 'the lead options');
  } catch (error) {
    throw renamedIssues(error);
  }
}

/** The option a person typed for each field of the query. */
const optionNames: Record<string, string> = {
  minScore: '--min-score',
  maxScore: '--max-score',
  scoreStatus: '--score-status',
  connectionStatus: '--connection',
  status: '--status',
  tags: '--tag',
  q: '--search',
  createdFrom: '--created-from',
  createdTo: '--created-to',
  limit: '--limit',
  cursor: '--cursor',
};

function renamedIssues(error: unknown): unknown {
  if (!isAppError(error) || !error.issues) return error;
  const issues = error.issues.map((issue) => {
    const field = issue.path.split('.')[0] ?? '';
    return { path: optionNames[field] ?? issue.path, message: issue.message };
  });
  const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
  return new AppError('validation_failed', `invalid lead options: ${summary}`, { issues });
}
