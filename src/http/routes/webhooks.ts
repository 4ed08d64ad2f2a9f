import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Delivery, WebhookSourceName } from '../../ingest/webhook-delivery.ts';
import { webhookSourceNames } from '../../ingest/webhook-delivery.ts';
import { type AppInstance, noQuerySchema, requestTenant } from '../route-kit.ts';
import { deliverySchema } from './delivery-schemas.ts';

const tags = ['webhooks'];

/** PhantomBuster results carry every row of a run, so these bodies may be larger than others. */
const webhookBodyLimit = 10 * 1024 * 1024;

const ingestTokenParamsSchema = z.strictObject({ ingestToken: z.string().min(1).max(200) });

const summaries: Record<WebhookSourceName, string> = {
  linkedhelper: 'A LinkedHelper profile body (a person, or an array of persons)',
  phantombuster: "A PhantomBuster agent's end-of-run notification with its result rows",
  apify:
    'An Apify dataset (its items) or run notification (its dataset fetched when Apify is configured): into the posts import',
};

/** Processed or a re-delivery of something already held: 200. Kept for later or failed: 202. */
function sendDelivery(reply: FastifyReply, delivery: Delivery) {
  const settled = delivery.status === 'processed' || delivery.status === 'duplicate';
  return reply.code(settled ? 200 : 202).send(delivery);
}

/**
 * Webhook endpoints, one per source, each taking the client's ingest token in the Authorization
 * header or, for tools that cannot set headers, as the last path segment. The body is read as
 * the exact text sent: the inbox stores and hashes those bytes before anything else.
 */
export async function webhooksRoutes(app: AppInstance): Promise<void> {
  const { inbox } = app.services;

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );

  const receive =
    (source: WebhookSourceName) => async (request: FastifyRequest, reply: FastifyReply) => {
      const { access } = requestTenant(request);
      const rawBody = typeof request.body === 'string' ? request.body : '';
      const delivery = await inbox.receive(access, { source, rawBody, headers: request.headers });
      return sendDelivery(reply, delivery);
    };

  for (const source of webhookSourceNames) {
    const schema = {
      tags,
      summary: summaries[source],
      description:
        'The JSON body is stored exactly as sent before it is processed; a body already ' +
        'received answers `duplicate` and is not processed again. 200: processed or duplicate; ' +
        '202: kept (deferred) or failed, listed in the inbox for replay.',
      querystring: noQuerySchema,
      response: { 200: deliverySchema, 202: deliverySchema },
    };
    const options = { config: { auth: 'ingest' as const }, bodyLimit: webhookBodyLimit };

    app.post(`/webhooks/${source}`, { ...options, schema }, receive(source));
    app.post(
      `/webhooks/${source}/:ingestToken`,
      { ...options, schema: { ...schema, params: ingestTokenParamsSchema } },
      receive(source),
    );
  }
}
