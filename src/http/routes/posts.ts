import multipart from '@fastify/multipart';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { leadPosts } from '../../posts/lead-posts.ts';
import { markLeadPostsActioned } from '../../posts/post-actions.ts';
import { postRubricSchema } from '../../posts/post-rubric.ts';
import {
  addPostRubricVersion,
  currentPostRubric,
  listPostRubricVersions,
} from '../../posts/post-rubric-store.ts';
import { postsOutsideServiceWarning } from '../../posts/post-service.ts';
import { importPostsFile } from '../../posts/posts-import.ts';
import { topPosts } from '../../posts/top-posts.ts';
import { type AppInstance, noBodySchema, noQuerySchema, withTenantStore } from '../route-kit.ts';
import type { ServerSettings } from '../server-config.ts';
import { receiveUpload } from './import-upload.ts';
import { leadIdParamsSchema } from './lead-schemas.ts';
import {
  leadPostSchema,
  leadPostView,
  postImportReportSchema,
  postRubricVersionSchema,
  postRubricVersionView,
  postUploadFieldsSchema,
  topPostSchema,
} from './post-schemas.ts';
import { decimalText, wholeNumberText } from './text-values.ts';

const tags = ['posts'];

/** A stored post rubric version, and what the person storing it should know. */
const addedPostRubricSchema = postRubricVersionSchema.extend({ warnings: z.array(z.string()) });

const leadPostsQuerySchema = z.strictObject({ limit: wholeNumberText(1, 500).default(100) });

const topQuerySchema = z.strictObject({
  threshold: decimalText(0, 100).optional().describe("default: the client's postScoreThreshold"),
  limit: wholeNumberText(1, 200).default(20),
});

/**
 * Leads' posts: a lead's posts, the best openers above the threshold, "mark actioned", the post
 * rubric's versions, and uploads of post files read as `leadbase posts import` reads them.
 */
export function postsRoutes(settings: ServerSettings) {
  return async (app: AppInstance): Promise<void> => {
    await app.register(multipart, {
      limits: { fileSize: settings.uploadLimit, files: 1, fields: 10, parts: 12 },
    });

    app.get(
      '/leads/:leadId/posts',
      {
        config: { auth: 'client' },
        schema: {
          tags,
          summary: "A lead's posts (by lead ID or profile URL), newest first, with their scores",
          params: leadIdParamsSchema,
          querystring: leadPostsQuerySchema,
          response: {
            200: z.object({ leadId: z.string(), posts: z.array(leadPostSchema) }),
          },
        },
      },
      async (request) =>
        withTenantStore(request, async (store) => {
          const found = await leadPosts(store, request.params.leadId, request.query.limit);
          return { leadId: found.leadId, posts: found.posts.map(leadPostView) };
        }),
    );

    app.post(
      '/leads/:leadId/posts/actioned',
      {
        config: { auth: 'client' },
        schema: {
          tags,
          summary: 'Mark a lead actioned: its posts leave the top posts, now and later',
          params: leadIdParamsSchema,
          querystring: noQuerySchema,
          body: noBodySchema,
          response: {
            200: z.object({ leadId: z.string(), posts: z.number().int(), actionedAt: z.string() }),
          },
        },
      },
      async (request) =>
        withTenantStore(request, (store) => markLeadPostsActioned(store, request.params.leadId)),
    );

    app.get(
      '/posts/top',
      {
        config: { auth: 'client' },
        schema: {
          tags,
          summary: 'Scored posts at or above the threshold not yet actioned, best first',
          querystring: topQuerySchema,
          response: { 200: z.object({ threshold: z.number(), posts: z.array(topPostSchema) }) },
        },
      },
      async (request) =>
        withTenantStore(request, async (store, client) => {
          const threshold = request.query.threshold ?? client.settings.postScoreThreshold;
          return {
            threshold,
            posts: await topPosts(store, { threshold, limit: request.query.limit }),
          };
        }),
    );

    app.get(
      '/posts/rubric',
      {
        config: { auth: 'client' },
        schema: {
          tags,
          summary: 'The post rubric score-posts uses now',
          querystring: noQuerySchema,
          response: { 200: postRubricVersionSchema },
        },
      },
      async (request) =>
        withTenantStore(request, async (store, client) => {
          const current = await currentPostRubric(store);
          if (!current) {
            throw new AppError('rubric_missing', `client ${client.id} has no post rubric yet`);
          }
          return postRubricVersionView(current, current);
        }),
    );

    app.get(
      '/posts/rubric/versions',
      {
        config: { auth: 'client' },
        schema: {
          tags,
          summary: 'Every post rubric version, oldest first',
          querystring: noQuerySchema,
          response: { 200: z.object({ versions: z.array(postRubricVersionSchema) }) },
        },
      },
      async (request) =>
        withTenantStore(request, async (store) => {
          const current = await currentPostRubric(store);
          const versions = await listPostRubricVersions(store);
          return { versions: versions.map((version) => postRubricVersionView(version, current)) };
        }),
    );

    app.post(
      '/posts/rubric/versions',
      {
        config: { auth: 'client' },
        schema: {
          tags,
          summary:
            'Store a new post rubric version and make it current; warns when the service level leaves posts out',
          querystring: noQuerySchema,
          body: z.strictObject({ rubric: postRubricSchema, note: z.string().max(500).optional() }),
          response: { 201: addedPostRubricSchema },
        },
      },
      async (request, reply) => {
        const { added, client } = await withTenantStore(request, async (store, client) => ({
          added: await addPostRubricVersion(store, request.body.rubric, request.body.note),
          client,
        }));
        const warning = postsOutsideServiceWarning(client, 'the post rubric is stored');
        const warnings = warning === null ? [] : [warning];
        return reply.code(201).send({ ...postRubricVersionView(added, added), warnings });
      },
    );

    app.post(
      '/posts/imports',
      {
        config: { auth: 'client' },
        schema: {
          tags,
          summary:
            'Import an uploaded Apify posts dataset or PhantomBuster activity result (multipart field "file")',
          consumes: ['multipart/form-data'],
          querystring: noQuerySchema,
          response: { 200: postImportReportSchema },
        },
      },
      async (request) => {
        if (!request.isMultipart()) {
          throw new AppError(
            'unsupported_media_type',
            'a posts import is a multipart/form-data upload',
          );
        }
        const upload = await receiveUpload(request, postUploadFieldsSchema);
        const { format, timeZone } = upload.fields;
        try {
          return await withTenantStore(request, (store, client) =>
            importPostsFile(store, upload.path, {
              client,
              format: format ?? 'auto',
              ...(timeZone === undefined ? {} : { documentedZone: timeZone }),
            }),
          );
        } catch (error) {
          throw upload.describeError(error);
        } finally {
          await upload.discard();
        }
      },
    );
  };
}
