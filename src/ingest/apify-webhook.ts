import { z } from 'zod';
import type { TenantStore } from '../db/tenancy.ts';
import { ApifyClient } from '../posts/apify-client.ts';
import type { ApifyConfig } from '../posts/apify-config.ts';
import { asItem } from '../posts/field-pick.ts';
import { importPostsBody } from '../posts/posts-import.ts';
import { issuesFromZod } from '../scoring/zod-issues.ts';
import type { DeliveryOutcome, WebhookSourceHandler } from './webhook-delivery.ts';

/**
 * An Apify run notification in Apify's default payload (`userId`, `createdAt`, `eventType`,
 * `eventData`, `resource` = the run). Only what identifies the run is read; the rest is kept
 * in the raw body.
 */
const apifyNotificationSchema = z.object({
  eventType: z.string().min(1),
  createdAt: z.string().optional(),
  eventData: z
    .object({
      actorId: z.string().nullish(),
      actorTaskId: z.string().nullish(),
      actorRunId: z.string().nullish(),
    })
    .optional(),
  resource: z
    .object({
      id: z.string().nullish(),
      actId: z.string().nullish(),
      status: z.string().nullish(),
      defaultDatasetId: z.string().nullish(),
      finishedAt: z.string().nullish(),
    })
    .optional(),
});

export type ApifyNotification = z.infer<typeof apifyNotificationSchema>;

/** The run a notification is about, or null when it names none. */
export function apifyRunOf(notification: ApifyNotification) {
  const runId = notification.resource?.id ?? notification.eventData?.actorRunId ?? null;
  if (runId === null) return null;
  return {
    eventType: notification.eventType,
    actorRunId: runId,
    actorId: notification.resource?.actId ?? notification.eventData?.actorId ?? null,
    runStatus: notification.resource?.status ?? null,
    datasetId: notification.resource?.defaultDatasetId ?? null,
  };
}

/** A dataset posted as the body: its items array, or `{ "items": [...] }` from a payload template. */
function datasetItemsOf(body: unknown): unknown[] | null {
  if (Array.isArray(body)) return body;
  const items = asItem(body)?.items;
  return Array.isArray(items) ? items : null;
}

function notificationOf(body: unknown): ApifyRun | DeliveryOutcome {
  const parsed = apifyNotificationSchema.safeParse(body);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error.issues);
    return {
      status: 'failed',
      code: 'bad_payload',
      message: `neither an Apify dataset (an items array) nor a run notification: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    };
  }
  return (
    apifyRunOf(parsed.data) ?? {
      status: 'failed',
      code: 'bad_payload',
      message: 'the Apify notification names no run (resource.id or eventData.actorRunId)',
    }
  );
}

type ApifyRun = NonNullable<ReturnType<typeof apifyRunOf>>;

function succeeded(run: ApifyRun): boolean {
  return (run.runStatus ?? run.eventType.replace('ACTOR.RUN.', '')) === 'SUCCEEDED';
}

async function processBody(
  store: TenantStore,
  body: unknown,
  apify: () => ApifyConfig | undefined,
): Promise<DeliveryOutcome> {
  const items = datasetItemsOf(body);
  if (items !== null) {
    const report = await importPostsBody(store, items, 'the Apify dataset delivered', {
      format: 'apify',
    });
    return { status: 'processed', result: { ...report } };
  }

  const run = notificationOf(body);
  if ('status' in run) return run;
  const config = succeeded(run) && run.datasetId !== null ? apify() : undefined;
  if (config === undefined || run.datasetId === null) {
    return { status: 'deferred', result: { ...run, deferredTo: 'posts' } };
  }

  // TODO(webhook latency): the sender waits while the dataset is fetched and imported; answer
  // first and process after – when deliveries are handed to the scale-out workers.
  const signal = AbortSignal.timeout(config.maxRunMs);
  const fetched = await new ApifyClient(config).datasetItems(run.datasetId, signal);
  const where = `Apify dataset ${run.datasetId} of run ${run.actorRunId}`;
  const report = await importPostsBody(store, fetched, where, { format: 'apify' });
  return { status: 'processed', result: { ...run, ...report } };
}

/**
 * Apify deliveries go through the posts import, the way `leadbase posts import` reads a file:
 * a dataset posted as the body (its items) is imported as it is; a run notification of a
 * succeeded run has its dataset fetched from Apify and imported when Apify is configured, and
 * is otherwise kept as deferred for the posts harvest. Importing a dataset again changes
 * nothing, so a replay or a second notification of one run is harmless. A dataset without
 * posts fails the delivery (`empty_import`): a run that delivered nothing is suspect (BR-18).
 */
export function apifyWebhookSourceWith(apify: () => ApifyConfig | undefined): WebhookSourceHandler {
  return { process: (store, body) => processBody(store, body, apify) };
}

/** Apify deliveries where Apify is not configured: run notifications stay deferred. */
export const apifyWebhookSource: WebhookSourceHandler = apifyWebhookSourceWith(() => undefined);
