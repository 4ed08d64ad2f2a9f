import { z } from 'zod';
import {
  finalizeInvitationBatch,
  previewInvitationBatch,
  resetInvitationBatch,
  stagedBatch,
  stageInvitationBatch,
} from '../../leads/invitation-batch.ts';
import { invitationBatchCsv } from '../../leads/invitation-batch-csv.ts';
import { profileChangedAfterScore } from '../../leads/score-freshness.ts';
import { type AppInstance, noBodySchema, noQuerySchema, withTenantStore } from '../route-kit.ts';
import { leadSchema } from './lead-schemas.ts';
import { decimalText, wholeNumberText } from './text-values.ts';

const tags = ['top leads'];

const thresholdNote = "default: the client's scoreThreshold";

const outOfDateNote =
  'leads whose profile changed after their score (profileChangedAt >= scoredAt): never staged ' +
  'until a scoring run scores them again';

const previewQuerySchema = z.strictObject({
  /** How many candidates (and out-of-date leads) are listed; both are counted in full. */
  limit: wholeNumberText(1, 1000).optional(),
  threshold: decimalText(0, 100).optional().describe(thresholdNote),
});

const stageBodySchema = z.strictObject({
  /** The batch is filled up to this many leads; asking again with the same size adds none. */
  size: z.number().int().min(1).max(1000),
  /** Only leads scored at or above it, and scored after their profile last changed, are staged. */
  threshold: z.number().min(0).max(100).optional().describe(thresholdNote),
});

/** The next invitation batch: preview, stage, export for LinkedHelper, finalize, reset. */
export async function topLeadsRoutes(app: AppInstance): Promise<void> {
  app.get(
    '/top-leads',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'Leads at or above the score threshold that may still be invited',
        querystring: previewQuerySchema,
        response: {
          200: z.object({
            threshold: z.number(),
            total: z.number(),
            leads: z.array(leadSchema),
            outOfDate: z
              .object({ total: z.number(), leads: z.array(leadSchema) })
              .describe(outOfDateNote),
          }),
        },
      },
    },
    async (request) =>
      withTenantStore(request, (store, client) =>
        previewInvitationBatch(store, client, request.query),
      ),
  );

  app.post(
    '/top-leads/stage',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'Fill the staged batch up to `size` leads with the best candidates',
        querystring: noQuerySchema,
        body: stageBodySchema,
        response: { 200: z.object({ staged: z.array(leadSchema), batchSize: z.number() }) },
      },
    },
    async (request) =>
      withTenantStore(request, (store, client) =>
        stageInvitationBatch(store, client, request.body.size, {
          ...(request.body.threshold === undefined ? {} : { threshold: request.body.threshold }),
        }),
      ),
  );

  app.get(
    '/top-leads/staged',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'The staged batch, highest score first',
        querystring: noQuerySchema,
        response: {
          200: z.object({
            leads: z.array(leadSchema),
            outOfDate: z
              .number()
              .describe('staged leads whose profile changed after their score; reset to drop them'),
          }),
        },
      },
    },
    async (request) => {
      const leads = await withTenantStore(request, stagedBatch);
      return { leads, outOfDate: leads.filter(profileChangedAfterScore).length };
    },
  );

  app.get(
    '/top-leads/staged.csv',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'The staged batch as a CSV a LinkedHelper campaign imports',
        querystring: noQuerySchema,
      },
    },
    async (request, reply) => {
      const { csv, clientId } = await withTenantStore(request, async (store, client) => ({
        csv: invitationBatchCsv(await stagedBatch(store)),
        clientId: client.id,
      }));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="invitations-${clientId}.csv"`)
        .send(csv);
    },
  );

  app.post(
    '/top-leads/finalize',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: "Mark the staged batch as added to the campaign on the client's today",
        querystring: noQuerySchema,
        body: noBodySchema,
        response: { 200: z.object({ invitedOn: z.string(), invited: z.number() }) },
      },
    },
    async (request) =>
      withTenantStore(request, (store, client) => finalizeInvitationBatch(store, client)),
  );

  app.post(
    '/top-leads/reset',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'Put the staged leads back among the candidates',
        querystring: noQuerySchema,
        body: noBodySchema,
        response: { 200: z.object({ unstaged: z.number() }) },
      },
    },
    async (request) => withTenantStore(request, resetInvitationBatch),
  );
}
