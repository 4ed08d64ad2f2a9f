import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { operationNames } from '../../runs/operation.ts';
import { getRun, listRuns } from '../../runs/run-queries.ts';
import { type AppInstance, noBodySchema, noQuerySchema, requestTenant } from '../route-kit.ts';
import {
  clientRunSchema,
  clientRunView,
  scopedIdempotencyKey,
  spansOtherClients,
} from './client-run-view.ts';
import { wholeNumberText } from './text-values.ts';

const tags = ['runs'];

const runIdParamsSchema = z.strictObject({ runId: z.string().min(1).max(100) });

/** Start, follow and cancel the client's runs. */
export async function runsRoutes(app: AppInstance): Promise<void> {
  const { stores, ledger, runs } = app.services;

  app.post(
    '/runs',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'Start a run for this client; a repeated Idempotency-Key returns the same run',
        querystring: noQuerySchema,
        headers: z.object({ 'idempotency-key': z.string().min(1).max(150).optional() }),
        body: z
          .strictObject({ operations: z.array(z.enum(operationNames)).min(1).optional() })
          .nullish(),
        response: { 200: clientRunSchema, 202: clientRunSchema },
      },
    },
    async (request, reply) => {
      const { client } = requestTenant(request);
      const key = request.headers['idempotency-key'];
      const { run, created } = await ledger.createRun({
        clientIds: [client.id],
        operations: request.body?.operations ?? ['score-leads'],
        trigger: 'api',
        ...(key === undefined ? {} : { idempotencyKey: scopedIdempotencyKey(client.id, key) }),
      });
      if (created) runs.start(run.id);
      return reply
        .code(created ? 202 : 200)
        .header('location', `/api/runs/${run.id}`)
        .send(clientRunView(run, client.id));
    },
  );

  app.get(
    '/runs',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: "This client's runs, newest first",
        querystring: z.strictObject({ limit: wholeNumberText(1, 200).optional() }),
        response: { 200: z.object({ runs: z.array(clientRunSchema) }) },
      },
    },
    async (request) => {
      const { client } = requestTenant(request);
      const found = await listRuns(stores, {
        clientId: client.id,
        limit: request.query.limit ?? 50,
      });
      const details = await Promise.all(found.map((run) => getRun(stores, run.id)));
      return { runs: details.map((run) => clientRunView(run, client.id)) };
    },
  );

  app.get(
    '/runs/:runId',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'One run with its records and per-item failures',
        querystring: noQuerySchema,
        params: runIdParamsSchema,
        response: { 200: clientRunSchema },
      },
    },
    async (request) => {
      const { client } = requestTenant(request);
      return clientRunView(await getRun(stores, request.params.runId), client.id);
    },
  );

  app.post(
    '/runs/:runId/cancel',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'Cancel what is left of a run',
        querystring: noQuerySchema,
        body: noBodySchema,
        params: runIdParamsSchema,
        response: { 200: clientRunSchema },
      },
    },
    async (request) => {
      const { client } = requestTenant(request);
      const run = await getRun(stores, request.params.runId);
      clientRunView(run, client.id);
      // TODO(isolation): this refusal tells a client that the run also covers other clients;
      // cancel only the caller's own records instead – when the ledger can cancel per client.
      if (spansOtherClients(run, client.id)) {
        throw new AppError('conflict', `run ${run.id} spans other clients; an operator cancels it`);
      }
      return clientRunView(await ledger.cancel(run.id), client.id);
    },
  );
}
