import { AppError } from '../../errors.ts';
import { leadDetailOf } from '../../leads/lead-detail.ts';
import type { LeadEdits } from '../../leads/lead-edits.ts';
import { bulkUpdateLeads, createLead, deleteLead, updateLead } from '../../leads/lead-updates.ts';
import { problemOf, sendProblem } from '../problem.ts';
import { type AppInstance, noBodySchema, noQuerySchema, withTenantStore } from '../route-kit.ts';
import { leadDetailSchema, leadDetailView, leadIdParamsSchema } from './lead-schemas.ts';
import {
  bulkLeadUpdateSchema,
  bulkUpdateResultSchema,
  ifMatchHeadersSchema,
  leadEditsSchema,
  leadEtag,
  newLeadSchema,
  requiredVersion,
  versionOfIfMatch,
} from './lead-write-schemas.ts';

const tags = ['leads'];

/** Create, change and delete a client's leads; every change names the version it was made on. */
export async function leadsWriteRoutes(app: AppInstance): Promise<void> {
  app.post(
    '/leads',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'Add a lead by hand (409 with the existing lead id for a known person)',
        querystring: noQuerySchema,
        body: newLeadSchema,
        response: { 201: leadDetailSchema },
      },
    },
    async (request, reply) => {
      try {
        const lead = await withTenantStore(request, async (store) =>
          leadDetailOf(store, await createLead(store, request.body)),
        );
        return reply
          .code(201)
          .header('etag', leadEtag(lead))
          .header('location', `/api/leads/${encodeURIComponent(lead.id)}`)
          .send(leadDetailView(lead));
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'lead_exists') throw error;
        const leadId = String(error.details?.leadId);
        reply.header('location', `/api/leads/${encodeURIComponent(leadId)}`);
        // The problem names the existing lead, so a client can open it instead.
        const problem = { ...problemOf('lead_exists', error.message), leadId };
        return sendProblem(reply, problem);
      }
    },
  );

  app.patch(
    '/leads/:leadId',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'Change a lead at the version named by If-Match (412 when it moved on)',
        querystring: noQuerySchema,
        params: leadIdParamsSchema,
        headers: ifMatchHeadersSchema,
        body: leadEditsSchema,
        response: { 200: leadDetailSchema },
      },
    },
    async (request, reply) => {
      const version = requiredVersion(request.headers['if-match']);
      const lead = await withTenantStore(request, async (store) =>
        leadDetailOf(
          store,
          await updateLead(store, request.params.leadId, version, request.body as LeadEdits),
        ),
      );
      return reply.header('etag', leadEtag(lead)).send(leadDetailView(lead));
    },
  );

  app.delete(
    '/leads/:leadId',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'Delete a lead (at the version named by If-Match, when given)',
        querystring: noQuerySchema,
        body: noBodySchema,
        params: leadIdParamsSchema,
        headers: ifMatchHeadersSchema,
      },
    },
    async (request, reply) => {
      const version = versionOfIfMatch(request.headers['if-match']);
      await withTenantStore(request, (store) => deleteLead(store, request.params.leadId, version));
      return reply.code(204).send();
    },
  );

  app.post(
    '/leads/bulk',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'Set status or priority, add or remove tags, on many leads by id',
        querystring: noQuerySchema,
        body: bulkLeadUpdateSchema,
        response: { 200: bulkUpdateResultSchema },
      },
    },
    async (request) => withTenantStore(request, (store) => bulkUpdateLeads(store, request.body)),
  );
}
