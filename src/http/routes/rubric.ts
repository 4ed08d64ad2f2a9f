import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { rubricSchema } from '../../scoring/rubric.ts';
import {
  activateRubricVersion,
  addRubricVersion,
  currentRubric,
  getRubricVersion,
  listRubricVersions,
  type RubricVersion,
} from '../../scoring/rubric-store.ts';
import { type AppInstance, noBodySchema, noQuerySchema, withTenantStore } from '../route-kit.ts';
import { previewRubric } from './rubric-preview.ts';
import { wholeNumberText } from './text-values.ts';

const tags = ['rubric'];

const rubricVersionSchema = z
  .object({
    version: z.number().int(),
    current: z.boolean(),
    note: z.string().nullable(),
    createdAt: z.string(),
    rubric: rubricSchema,
  })
  .meta({ id: 'RubricVersion' });

const tierSchema = z.enum([
  'qualified',
  'below_threshold',
  'unqualified',
  'disqualified',
  'unscored',
]);
const standingSchema = z.object({ tier: tierSchema, score: z.number().nullable() });

const previewSchema = z.object({
  version: z.number().int().nullable(),
  currentVersion: z.number().int().nullable(),
  threshold: z.number(),
  examined: z.number().int(),
  changed: z.number().int(),
  transitions: z.array(z.object({ from: tierSchema, to: tierSchema, count: z.number().int() })),
  leads: z.array(
    z.object({
      id: z.string(),
      fullName: z.string().nullable(),
      company: z.string().nullable(),
      from: standingSchema,
      to: standingSchema,
    }),
  ),
});

const versionParamsSchema = z.strictObject({
  version: wholeNumberText(1, Number.MAX_SAFE_INTEGER),
});
const previewQuerySchema = z.strictObject({
  limit: wholeNumberText(0, 1000).default(100),
});

function shown(version: RubricVersion, current: RubricVersion | undefined) {
  return { ...version, current: version.version === current?.version };
}

/** A client's rubric: the current version, its history, new versions and their preview. */
export async function rubricRoutes(app: AppInstance): Promise<void> {
  app.get(
    '/rubric',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'The rubric scoring uses now',
        querystring: noQuerySchema,
        response: { 200: rubricVersionSchema },
      },
    },
    async (request) =>
      withTenantStore(request, async (store, client) => {
        const current = await currentRubric(store);
        if (!current) throw new AppError('rubric_missing', `client ${client.id} has no rubric yet`);
        return shown(current, current);
      }),
  );

  app.get(
    '/rubric/versions',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'Every rubric version, oldest first',
        querystring: noQuerySchema,
        response: { 200: z.object({ versions: z.array(rubricVersionSchema) }) },
      },
    },
    async (request) =>
      withTenantStore(request, async (store) => {
        const current = await currentRubric(store);
        const versions = await listRubricVersions(store);
        return { versions: versions.map((version) => shown(version, current)) };
      }),
  );

  app.get(
    '/rubric/versions/:version',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'One rubric version',
        querystring: noQuerySchema,
        params: versionParamsSchema,
        response: { 200: rubricVersionSchema },
      },
    },
    async (request) =>
      withTenantStore(request, async (store) =>
        shown(await getRubricVersion(store, request.params.version), await currentRubric(store)),
      ),
  );

  app.post(
    '/rubric/versions',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'Store a new rubric version and make it current (preview it first)',
        querystring: noQuerySchema,
        body: z.strictObject({ rubric: rubricSchema, note: z.string().max(500).optional() }),
        response: { 201: rubricVersionSchema },
      },
    },
    async (request, reply) => {
      const added = await withTenantStore(request, (store) =>
        addRubricVersion(store, request.body.rubric, request.body.note),
      );
      return reply.code(201).send(shown(added, added));
    },
  );

  app.post(
    '/rubric/versions/:version/activate',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'Make a stored version current again',
        querystring: noQuerySchema,
        body: noBodySchema,
        params: versionParamsSchema,
        response: { 200: rubricVersionSchema },
      },
    },
    async (request) =>
      withTenantStore(request, async (store) => {
        const activated = await activateRubricVersion(store, request.params.version);
        return shown(activated, activated);
      }),
  );

  app.post(
    '/rubric/preview',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'How many leads a rubric not yet stored would move between tiers, and which',
        querystring: previewQuerySchema,
        body: z.strictObject({ rubric: rubricSchema }),
        response: { 200: previewSchema },
      },
    },
    async (request) =>
      withTenantStore(request, async (store, client) => {
        const candidate = {
          version: 0,
          rubric: request.body.rubric,
          note: null,
          createdAt: new Date().toISOString(),
          stored: false,
        };
        return previewRubric(
          store,
          client,
          candidate,
          await currentRubric(store),
          request.query.limit,
        );
      }),
  );

  app.post(
    '/rubric/versions/:version/preview',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'How many leads a stored version would move between tiers, and which',
        body: noBodySchema,
        params: versionParamsSchema,
        querystring: previewQuerySchema,
        response: { 200: previewSchema },
      },
    },
    async (request) =>
      withTenantStore(request, async (store, client) => {
        const candidate = await getRubricVersion(store, request.params.version);
        const current = await currentRubric(store);
        return previewRubric(
          store,
          client,
          { ...candidate, stored: true },
          current,
          request.query.limit,
        );
      }),
  );
}
