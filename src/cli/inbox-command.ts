import { type Command, Option } from 'commander';
import { AppError } from '../errors.ts';
import {
  type Delivery,
  type DeliveryStatus,
  deliveryStatuses,
  type WebhookSourceName,
  webhookSourceNames,
} from '../ingest/webhook-delivery.ts';
import type { WebhookInbox } from '../ingest/webhook-inbox.ts';
import { createWebhookInbox } from '../ingest/webhook-sources.ts';
import { apifyConfigFromEnv } from '../posts/apify-config.ts';
import type { CliContext } from './context.ts';
import { positiveIntegerOption } from './option-parsers.ts';
import { formatTable } from './table.ts';

interface ListOptions {
  client?: string;
  status?: DeliveryStatus;
  source?: WebhookSourceName;
  limit: number;
}

interface ReplayOptions {
  client?: string;
  failed?: boolean;
}

function deliveryIds(values: string[]): number[] {
  return values.map((value) => {
    const id = Number(value);
    if (!Number.isInteger(id) || id < 1) {
      throw new AppError('bad_request', `"${value}" is not a delivery id`);
    }
    return id;
  });
}

function printDeliveries(ctx: CliContext, deliveries: Delivery[]): void {
  const lines = formatTable<Delivery>(
    [
      { header: 'ID', value: (d) => String(d.id), align: 'right' },
      { header: 'CLIENT', value: (d) => d.clientId },
      { header: 'SOURCE', value: (d) => d.source },
      { header: 'STATUS', value: (d) => d.status },
      { header: 'RECEIVED', value: (d) => d.receivedAt },
      { header: 'TRIES', value: (d) => String(d.attempts), align: 'right' },
      {
        header: 'NOTE',
        value: (d) =>
          d.duplicateOf !== null
            ? `duplicate of ${d.duplicateOf}`
            : d.errorCode
              ? `${d.errorCode}: ${d.errorMessage ?? ''}`
              : '',
        maxWidth: 70,
      },
    ],
    deliveries,
  );
  for (const line of lines) ctx.print(line);
}

async function openInbox(ctx: CliContext, client?: string): Promise<WebhookInbox> {
  if (client !== undefined) await (await ctx.registry()).get(client);
  return createWebhookInbox(await ctx.stores(), undefined, {
    apify: () => apifyConfigFromEnv(ctx.env),
  });
}

async function listInbox(ctx: CliContext, options: ListOptions): Promise<void> {
  const inbox = await openInbox(ctx, options.client);
  const deliveries = await inbox.list({
    limit: options.limit,
    ...(options.client === undefined ? {} : { clientId: options.client }),
    ...(options.status === undefined ? {} : { status: options.status }),
    ...(options.source === undefined ? {} : { source: options.source }),
  });
  if (deliveries.length === 0) {
    ctx.print('no webhook deliveries match');
    return;
  }
  printDeliveries(ctx, deliveries);
}

/** The deliveries to replay: the ids given, or every failed one (of one client, or all). */
async function replayTargets(
  inbox: WebhookInbox,
  ids: number[],
  options: ReplayOptions,
): Promise<Delivery[]> {
  if (ids.length > 0 && options.failed) {
    throw new AppError('bad_request', 'name delivery ids or --failed, not both');
  }
  if (options.failed) {
    return inbox.listReplayable(options.client === undefined ? {} : { clientId: options.client });
  }
  if (ids.length === 0) throw new AppError('bad_request', 'name delivery ids, or --failed');
  return Promise.all(ids.map((id) => inbox.get(id, options.client)));
}

async function replayInbox(ctx: CliContext, ids: number[], options: ReplayOptions): Promise<void> {
  const inbox = await openInbox(ctx, options.client);
  const registry = await ctx.registry();
  const targets = await replayTargets(inbox, ids, options);
  if (targets.length === 0) {
    ctx.print('no failed deliveries to replay');
    return;
  }

  const replayed: Delivery[] = [];
  for (const target of targets.sort((a, b) => a.id - b.id)) {
    const { access } = await registry.operatorAccess(target.clientId);
    replayed.push(await inbox.replay(access, target.id));
  }
  printDeliveries(ctx, replayed);

  const stillFailed = replayed.filter((delivery) => delivery.status === 'failed').length;
  const noun = replayed.length === 1 ? 'delivery' : 'deliveries';
  ctx.note(`replayed ${replayed.length} ${noun}, ${stillFailed} still failed`);
  if (stillFailed > 0) ctx.exitCode = 1;
}

export function registerInboxCommand(program: Command, ctx: CliContext): void {
  const inbox = program
    .command('inbox')
    .description('webhook deliveries: what arrived, what failed, and replaying them');

  inbox
    .command('list')
    .description('deliveries, newest first')
    .option('--client <id>', "only this client's deliveries")
    .addOption(
      new Option('--status <status>', 'only deliveries in this state').choices(deliveryStatuses),
    )
    .addOption(
      new Option('--source <source>', 'only deliveries from this tool').choices(webhookSourceNames),
    )
    .option('--limit <n>', 'how many deliveries', positiveIntegerOption, 50)
    .action((options: ListOptions) => listInbox(ctx, options));

  inbox
    .command('replay [ids...]')
    .description('process deliveries again: the ids given, or every failed one with --failed')
    .option('--client <id>', "only this client's deliveries")
    .option('--failed', 'replay every failed delivery, and any a crashed process left unfinished')
    .action((ids: string[], options: ReplayOptions) => replayInbox(ctx, deliveryIds(ids), options));
}
