import { z } from 'zod';
import { clientToday, dueFollowUps, followUpInDays, setFollowUp } from '../../leads/follow-ups.ts';
import { leadDetailOf } from '../../leads/lead-detail.ts';
import { type AppInstance, noBodySchema, noQuerySchema, withTenantStore } from '../route-kit.ts';
import {
  leadDetailSchema,
  leadDetailView,
  leadIdParamsSchema,
  leadSchema,
} from './lead-schemas.ts';
import { ifMatchHeadersSchema, leadEtag, versionOfIfMatch } from './lead-write-schemas.ts';
import { calendarDateText, wholeNumberText } from './text-values.ts';

const tags = ['follow-ups'];

/** A day on the client's calendar, or a number of days after the client's today. */
const followUpSchema = z.union([
  z.strictObject({ date: calendarDateText }),
  z.strictObject({ inDays: z.number().int().min(0).max(3660) }),
]);

const dueQuerySchema = z.strictObject({
  limit: wholeNumberText(1, 1000).optional(),
});

/** Follow-up dates on the client's own calendar, and what is due on the client's today. */
export async function followUpsRoutes(app: AppInstance): Promise<void> {
  app.put(
    '/leads/:leadId/follow-up',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'Set a follow-up date (in the client time zone); If-Match is honoured',
        querystring: noQuerySchema,
        params: leadIdParamsSchema,
        headers: ifMatchHeadersSchema,
        body: followUpSchema,
        response: { 200: leadDetailSchema },
      },
    },
    async (request, reply) => {
      const version = versionOfIfMatch(request.headers['if-match']);
      const lead = await withTenantStore(request, async (store, client) => {
        const body = request.body;
        const date = 'date' in body ? body.date : followUpInDays(client, body.inDays);
        return leadDetailOf(store, await setFollowUp(store, request.params.leadId, date, version));
      });
      return reply.header('etag', leadEtag(lead)).send(leadDetailView(lead));
    },
  );

  app.delete(
    '/leads/:leadId/follow-up',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: "Clear a lead's follow-up; If-Match is honoured",
        querystring: noQuerySchema,
        body: noBodySchema,
        params: leadIdParamsSchema,
        headers: ifMatchHeadersSchema,
        response: { 200: leadDetailSchema },
      },
    },
    async (request, reply) => {
      const version = versionOfIfMatch(request.headers['if-match']);
      const lead = await withTenantStore(request, async (store) =>
        leadDetailOf(store, await setFollowUp(store, request.params.leadId, null, version)),
      );
      return reply.header('etag', leadEtag(lead)).send(leadDetailView(lead));
    },
  );

  app.get(
    '/follow-ups/due',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: "Leads whose follow-up is on or before the client's today",
        querystring: dueQuerySchema,
        response: { 200: z.object({ today: z.string(), leads: z.array(leadSchema) }) },
      },
    },
    async (request) =>
      withTenantStore(request, async (store, client) => {
        const today = clientToday(client);
        const limit = request.query.limit;
        return { today, leads: await dueFollowUps(store, today, limit ? { limit } : {}) };
      }),
  );
}
