import { z } from 'zod';
import { deliveryStatuses, webhookSourceNames } from '../../ingest/webhook-delivery.ts';
import { type AppInstance, noBodySchema, noQuerySchema, requestTenant } from '../route-kit.ts';
import {
  deliveryIdParamsSchema,
  deliverySchema,
  deliveryWithBodySchema,
} from './delivery-schemas.ts';
import { wholeNumberText } from './text-values.ts';

const tags = ['webhooks'];

const listQuerySchema = z.strictObject({
  status: z.enum(deliveryStatuses).optional(),
  source: z.enum(webhookSourceNames).optional(),
  /** The next page: deliveries older than this delivery id. */
  before: wholeNumberText(1, Number.MAX_SAFE_INTEGER).optional(),
  limit: wholeNumberText(1, 500).default(100),
});

/** The client's webhook inbox: what arrived, what failed, and replaying a delivery. */
export async function inboxRoutes(app: AppInstance): Promise<void> {
  const { inbox } = app.services;

  app.get(
    '/inbox',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'Webhook deliveries of the client, newest first (filter by status, source)',
        querystring: listQuerySchema,
        response: {
          200: z.object({ deliveries: z.array(deliverySchema), nextBefore: z.number().nullable() }),
        },
      },
    },
    async (request) => {
      const { status, source, before, limit } = request.query;
      const deliveries = await inbox.list({
        clientId: requestTenant(request).client.id,
        limit,
        ...(status ? { status } : {}),
        ...(source ? { source } : {}),
        ...(before ? { beforeId: before } : {}),
      });
      const nextBefore = deliveries.length === limit ? (deliveries.at(-1)?.id ?? null) : null;
      return { deliveries, nextBefore };
    },
  );

  app.get(
    '/inbox/:deliveryId',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'One delivery with the body as it was received',
        querystring: noQuerySchema,
        params: deliveryIdParamsSchema,
        response: { 200: deliveryWithBodySchema },
      },
    },
    async (request) =>
      inbox.getWithBody(request.params.deliveryId, requestTenant(request).client.id),
  );

  app.post(
    '/inbox/:deliveryId/replay',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'Process a delivery again (a duplicate replays its original)',
        querystring: noQuerySchema,
        body: noBodySchema,
        params: deliveryIdParamsSchema,
        response: { 200: deliverySchema },
      },
    },
    async (request) => inbox.replay(requestTenant(request).access, request.params.deliveryId),
  );
}
