import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { z } from 'zod';
import { getLeadDetail } from '../../leads/lead-detail.ts';
import { exportLeads } from '../../leads/lead-export.ts';
import { searchLeadList } from '../../leads/lead-query.ts';
import { type AppInstance, noQuerySchema, withTenantStore } from '../route-kit.ts';
import {
  leadDetailSchema,
  leadDetailView,
  leadIdParamsSchema,
  leadListItemSchema,
} from './lead-schemas.ts';
import { leadExportQuerySchema, leadQueryOf, leadSearchQuerySchema } from './lead-search-query.ts';

const tags = ['leads'];

/** A page of search results: each lead as a list shows it; `GET /leads/:leadId` reads one whole. */
const leadPageSchema = z.object({
  leads: z.array(leadListItemSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int().optional(),
});

/**
 * Search, read and export a client's leads.
 *
 * TODO(api speed): the search answers at ~0.1 of a bare route's rate (bench/api.ts; target
 * 0.3); most of its time is the driver building one object per row and column, and the token
 * and client lookups of every request. Read list rows as arrays through a capability of
 * src/db and cache authenticated tokens briefly – when the portal's search must serve more.
 */
export async function leadsReadRoutes(app: AppInstance): Promise<void> {
  app.get(
    '/leads',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'Search leads: filters, sort and cursor pages, each lead as a list shows it',
        querystring: leadSearchQuerySchema,
        response: { 200: leadPageSchema },
      },
    },
    async (request) =>
      withTenantStore(request, (store, client) =>
        searchLeadList(store, leadQueryOf(request.query, client)),
      ),
  );

  app.get(
    '/leads/export',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'Export every matching lead as CSV or JSON',
        querystring: leadExportQuerySchema,
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      await withTenantStore(request, async (store, client) => {
        const stream = Readable.from(exportLeads(store, leadQueryOf(filters, client), format));
        const done = finished(stream).catch(() => undefined);
        reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="leads-${client.id}.${format}"`)
          .send(stream);
        // The store stays open until the last lead is written.
        await done;
      });
      return reply;
    },
  );

  app.get(
    '/leads/:leadId',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'One lead, by its id or any LinkedIn reference to it, with its post relevance',
        querystring: noQuerySchema,
        params: leadIdParamsSchema,
        response: { 200: leadDetailSchema },
      },
    },
    async (request, reply) => {
      const lead = await withTenantStore(request, (store) =>
        getLeadDetail(store, request.params.leadId),
      );
      return reply.header('etag', `"${lead.version}"`).send(leadDetailView(lead));
    },
  );
}
