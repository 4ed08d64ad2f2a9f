import { z } from 'zod';
import type { Client } from '../../clients/client.ts';
import { authorTokenId, type NamedNote, nameNoteAuthors } from '../../leads/note-authors.ts';
import { addNote, listNotes, type Note } from '../../leads/notes.ts';
import {
  type AppInstance,
  type AppServices,
  actorName,
  noQuerySchema,
  withTenantStore,
} from '../route-kit.ts';
import { leadIdParamsSchema } from './lead-schemas.ts';

const tags = ['notes'];

const noteSchema = z
  .object({
    id: z.number().int(),
    leadId: z.string(),
    body: z.string(),
    author: z.string().nullable().describe('Who wrote it, as stored: `token:<token id>`'),
    authorName: z
      .string()
      .nullable()
      .describe("The author's access-token label, or a readable stand-in when it has none"),
    createdAt: z.string(),
  })
  .meta({ id: 'Note' });

const newNoteSchema = z.strictObject({ body: z.string().trim().min(1).max(20_000) });

/** Names the notes' authors by their tokens' labels, read now, so old notes read well too. */
async function named(services: AppServices, notes: Note[], client: Client): Promise<NamedNote[]> {
  const ids = notes.flatMap((note) => authorTokenId(note.author) ?? []);
  return nameNoteAuthors(notes, await services.tokens.byIds(ids), client);
}

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
      const note = await withTenantStore(request, async (store, client) => {
        const added = await addNote(store, request.params.leadId, {
          body: request.body.body,
          author: actorName(request),
        });
        const [withName] = await named(app.services, [added], client);
        return withName!;
      });
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
      notes: await withTenantStore(request, async (store, client) =>
        named(app.services, await listNotes(store, request.params.leadId), client),
      ),
    }),
  );
}
