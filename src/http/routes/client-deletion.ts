import { z } from 'zod';
import { deleteClient, planClientDeletion } from '../../clients/client-deletion.ts';
import { AppError } from '../../errors.ts';
import { type AppInstance, noBodySchema, noQuerySchema } from '../route-kit.ts';
import { clientIdParamsSchema } from './client-schemas.ts';

const tags = ['clients'];

const deletionSchema = z.object({
  clientId: z.string(),
  registered: z.boolean().describe('false for a store left without its registry row'),
  storeRows: z.record(z.string(), z.number()).describe('rows per table of the client store'),
  ledgerRecords: z.number().describe('ledger records kept, with their counters'),
  failureDetails: z.number().describe('per-item failures removed (they name leads)'),
  queuedRecords: z.number().describe('queued ledger records cancelled'),
  accessTokens: z.number().describe('access tokens revoked'),
  inboxDeliveries: z.number().describe('webhook deliveries removed'),
});

const confirmQuerySchema = z.strictObject({
  confirm: z.literal('true').optional().describe('must be `true`: the deletion cannot be undone'),
});

/** Deleting a client, for admins: what would go, and the deletion itself. */
export async function clientDeletionRoutes(app: AppInstance): Promise<void> {
  const stores = app.services.stores;

  app.get(
    '/clients/:clientId/deletion',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'What deleting a client would remove',
        params: clientIdParamsSchema,
        querystring: noQuerySchema,
        response: { 200: deletionSchema },
      },
    },
    async (request) => planClientDeletion(stores, request.params.clientId),
  );

  app.delete(
    '/clients/:clientId',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: "Delete a client's store, registry entry, tokens and inbox (ledger counters stay)",
        params: clientIdParamsSchema,
        querystring: confirmQuerySchema,
        body: noBodySchema,
        response: { 200: deletionSchema },
      },
    },
    async (request) => {
      const { clientId } = request.params;
      if (request.query.confirm !== 'true') {
        throw new AppError(
          'confirmation_required',
          `nothing was deleted: repeat with ?confirm=true to delete client "${clientId}" (GET /api/clients/${clientId}/deletion lists what would go)`,
        );
      }
      return deleteClient(stores, clientId);
    },
  );
}
