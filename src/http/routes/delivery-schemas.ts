import { z } from 'zod';
import { deliveryStatuses, webhookSourceNames } from '../../ingest/webhook-delivery.ts';
import { wholeNumberText } from './text-values.ts';

/** A webhook delivery as the API shows it (src/ingest/webhook-delivery.ts `Delivery`). */
export const deliverySchema = z
  .object({
    // TODO(isolation): delivery ids count across every client, so a client can tell how many
    // deliveries others received; answer opaque ids – when the inbox gets a public id column.
    id: z.number().int(),
    clientId: z.string(),
    source: z.enum(webhookSourceNames),
    bodySha256: z.string(),
    headers: z.record(z.string(), z.string()),
    receivedAt: z.string(),
    duplicateOf: z.number().int().nullable(),
    status: z.enum(deliveryStatuses),
    attempts: z.number().int(),
    processedAt: z.string().nullable(),
    result: z.record(z.string(), z.unknown()).nullable(),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

export const deliveryWithBodySchema = deliverySchema.extend({ body: z.string() });

export const deliveryIdParamsSchema = z.strictObject({
  deliveryId: wholeNumberText(1, Number.MAX_SAFE_INTEGER),
});
