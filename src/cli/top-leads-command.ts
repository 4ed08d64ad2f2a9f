import type { Command } from 'commander';
import {
  finalizeInvitationBatch,
  heldBackCount,
  previewInvitationBatch,
  resetInvitationBatch,
  stagedBatch,
  stageInvitationBatch,
} from '../leads/invitation-batch.ts';
import { invitationBatchCsv } from '../leads/invitation-batch-csv.ts';
import type { Lead } from '../leads/lead.ts';
import { profileChangedAfterScore } from '../leads/score-freshness.ts';
import { counted } from '../words.ts';
import type { CliContext } from './context.ts';
import { positiveIntegerOption, scoreOption } from './option-parsers.ts';
import { type Column, formatScore, formatTable } from './table.ts';

interface ListOptions {
  client: string;
  threshold?: number;
  limit: number;
  json?: boolean;
}

/** The headline; without one the position, labelled (the CSV's headline column stays blank then). */
function headlineText(lead: Lead): string {
  if (lead.headline?.trim()) return lead.headline;
  return lead.position?.trim() ? `position: ${lead.position}` : '';
}

const batchColumns: Column<Lead>[] = [
  {
    header: 'SCORE',
    value: (lead) =>
      `${formatScore(lead.score)}${profileChangedAfterScore(lead) ? ' (out of date)' : ''}`,
    align: 'right',
  },
  { header: 'NAME', value: (lead) => lead.fullName ?? '(no name)', maxWidth: 28 },
  { header: 'HEADLINE', value: headlineText, maxWidth: 44 },
  { header: 'COMPANY', value: (lead) => lead.company ?? '', maxWidth: 28 },
  { header: 'ID', value: (lead) => lead.id },
];

/** Said of leads held back from the batch, with the command that scores them again. */
const outOfDateAdvice = (clientId: string) =>
  'score out of date — rescore first: their profile changed after the score; ' +
  `\`leadbase run --client ${clientId}\` scores them again`;

async function listCandidates(ctx: CliContext, options: ListOptions): Promise<void> {
  const preview = await ctx.withClient(options.client, (store, client) =>
    previewInvitationBatch(store, client, {
      limit: options.limit,
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    }),
  );
  if (options.json) {
    ctx.streams.stdout.write(`${JSON.stringify(preview, null, 2)}\n`);
    return;
  }

  const shown = preview.total > preview.leads.length ? ` (the best ${preview.leads.length})` : '';
  ctx.print(
    `client ${options.client}: ${counted(preview.total, 'candidate')} at or above ${preview.threshold}${shown}`,
  );
  if (preview.leads.length > 0)
    for (const line of formatTable(batchColumns, preview.leads)) ctx.print(line);

  const { outOfDate } = preview;
  if (outOfDate.total === 0) return;
  ctx.print('');
  ctx.print(`${counted(outOfDate.total, 'lead')} held back, ${outOfDateAdvice(options.client)}`);
  for (const line of formatTable(batchColumns, outOfDate.leads)) ctx.print(line);
}

async function stage(
  ctx: CliContext,
  options: { client: string; size: number; threshold?: number },
): Promise<void> {
  const { result, heldBack } = await ctx.withClient(options.client, async (store, client) => {
    const threshold = options.threshold ?? client.settings.scoreThreshold;
    const result = await stageInvitationBatch(store, client, options.size, { threshold });
    return { result, heldBack: await heldBackCount(store, threshold) };
  });
  ctx.print(
    `client ${options.client}: staged ${counted(result.staged.length, 'lead')}; the batch now holds ${counted(result.batchSize, 'lead')}`,
  );
  if (heldBack > 0)
    ctx.print(`${counted(heldBack, 'lead')} not staged, ${outOfDateAdvice(options.client)}`);
}

async function showStaged(ctx: CliContext, options: { client: string; csv?: boolean }) {
  const leads = await ctx.withClient(options.client, (store) => stagedBatch(store));
  if (options.csv) {
    ctx.streams.stdout.write(invitationBatchCsv(leads));
    return;
  }
  ctx.print(`client ${options.client}: ${counted(leads.length, 'lead')} staged for invitation`);
  if (leads.length > 0) for (const line of formatTable(batchColumns, leads)) ctx.print(line);
  const outOfDate = leads.filter(profileChangedAfterScore).length;
  if (outOfDate > 0) {
    ctx.note(
      `warning: ${counted(outOfDate, 'staged lead')} changed after the score shown; ` +
        '`top-leads reset` and stage again to leave them out until they are scored again',
    );
  }
}

export function registerTopLeadsCommand(program: Command, ctx: CliContext): void {
  const topLeads = program
    .command('top-leads')
    .description('the next invitation batch: candidates, staging, LinkedHelper CSV, finalize');

  topLeads
    .command('list')
    .description(
      'candidates at the threshold, best first, and the leads whose score is out of date',
    )
    .requiredOption('--client <id>', 'the client')
    .option(
      '--threshold <score>',
      "minimum score (default: the client's scoreThreshold)",
      scoreOption,
    )
    .option('--limit <n>', 'how many leads of each list', positiveIntegerOption, 50)
    .option('--json', 'print JSON instead of text')
    .action((options: ListOptions) => listCandidates(ctx, options));

  topLeads
    .command('stage')
    .description('fill the staged batch up to --size leads with the best candidates')
    .requiredOption('--client <id>', 'the client')
    .requiredOption('--size <n>', 'the batch size', positiveIntegerOption)
    .option(
      '--threshold <score>',
      "minimum score (default: the client's scoreThreshold)",
      scoreOption,
    )
    .action((options: { client: string; size: number; threshold?: number }) => stage(ctx, options));

  topLeads
    .command('staged')
    .description('the staged batch, or with --csv the CSV a LinkedHelper campaign imports')
    .requiredOption('--client <id>', 'the client')
    .option('--csv', 'print the LinkedHelper CSV')
    .action((options: { client: string; csv?: boolean }) => showStaged(ctx, options));

  topLeads
    .command('finalize')
    .description("mark the staged batch as invited on the client's today")
    .requiredOption('--client <id>', 'the client')
    .action(async (options: { client: string }) => {
      const done = await ctx.withClient(options.client, (store, client) =>
        finalizeInvitationBatch(store, client),
      );
      ctx.print(
        `client ${options.client}: ${counted(done.invited, 'lead')} invited on ${done.invitedOn}`,
      );
    });

  topLeads
    .command('reset')
    .description('put the staged leads back among the candidates')
    .requiredOption('--client <id>', 'the client')
    .action(async (options: { client: string }) => {
      const done = await ctx.withClient(options.client, (store) => resetInvitationBatch(store));
      ctx.print(
        `client ${options.client}: ${counted(done.unstaged, 'lead')} back among the candidates`,
      );
    });
}
