import { z } from 'zod';
import { addNote, listNotes } from '../../leads/notes.ts';
import { type AppInstance, actorName, noQuerySchema, withTenantStore } from '../route-kit.ts';
import { leadIdParamsSchema } from './lead-schemas.ts';

const tags = ['notes'];

const noteSchema = z
  .object({
    id: z.number().int(),
    leadId: z.string(),
    body: z.string(),
    author: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Note' });

const newNoteSchema = z.strictObject({ body: z.string().trim().min(1).max(20_000) });

/** A lead's notes: appended entries, never overwritten. */
export async function notesRoutes(app: AppInstance): Promise<void> {
  app.post(
    '/leads/:leadId/notes',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'Append a note to a lead',
        querystring: noQuerySchema,
        params: leadIdParamsSchema,
        body: newNoteSchema,
        response: { 201: noteSchema },
      },
    },
    async (request, reply) => {
      const note = await withTenantStore(request, (store) =>
        addNote(store, request.params.leadId, {
          body: request.body.body,
          author: actorName(request),
        }),
      );
      return reply.code(201).send(note);
    },
  );

  app.get(
    '/leads/:leadId/notes',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: "A lead's notes, oldest first",
        querystring: noQuerySchema,
        params: leadIdParamsSchema,
        response: { 200: z.object({ notes: z.array(noteSchema) }) },
      },
    },
    async (request) => ({
      notes: await withTenantStore(request, (store) => listNotes(store, request.params.leadId)),
    }),
  );
}
