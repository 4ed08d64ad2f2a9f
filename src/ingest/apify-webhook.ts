import { z } from 'zod';
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

/**
 * Apify run notifications are stored and accepted; reading the run's dataset of posts is the
 * posts harvest's job, so the delivery is recorded as deferred, never as failed.
 * TODO(posts): hand a succeeded run's dataset to the posts import – when harvest-posts takes
 * its runs from the inbox.
 */
export const apifyWebhookSource: WebhookSourceHandler = {
  async process(_store, body): Promise<DeliveryOutcome> {
    const parsed = apifyNotificationSchema.safeParse(body);
    if (!parsed.success) {
      const issues = issuesFromZod(parsed.error.issues);
      return {
        status: 'failed',
        code: 'bad_payload',
        message: `not an Apify run notification: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      };
    }

    const run = apifyRunOf(parsed.data);
    if (run === null) {
      return {
        status: 'failed',
        code: 'bad_payload',
        message: 'the Apify notification names no run (resource.id or eventData.actorRunId)',
      };
    }
    return { status: 'deferred', result: { ...run, deferredTo: 'posts' } };
  },
};
