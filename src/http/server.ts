import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { SignInAttempts } from '../auth/session-attempts.ts';
import { PortalSessions } from '../auth/session-store.ts';
import { AccessTokens } from '../auth/token-store.ts';
import { ClientRegistry } from '../clients/client-registry.ts';
import type { Stores } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import { createWebhookInbox } from '../ingest/webhook-sources.ts';
import { logger as defaultLogger } from '../logger.ts';
import type { Operation, OperationName } from '../runs/operation.ts';
import {
  type OperationConfig,
  operationConfigFromEnv,
  operationRegistry,
} from '../runs/operation-registry.ts';
import { RunLedger } from '../runs/run-ledger.ts';
import type { WorkerSettings } from '../runs/worker-settings.ts';
import { registerAuthentication } from './auth-hook.ts';
import { BackgroundRuns } from './background-runs.ts';
import { clientErrorHandler } from './client-errors.ts';
import { handleFrameworkError, maxParamLength } from './framework-errors.ts';
import { parseJsonBody } from './json-body.ts';
import { refuseNulInRequest } from './nul-characters.ts';
import { registerOpenApi } from './openapi.ts';
import { handleError, handleNotFound } from './problem.ts';
import { RequestLogController, registerRequestId } from './request-log.ts';
import { responseSerializerCompiler } from './response-serializer.ts';
import type { AppInstance, AppServices, RouteAuth } from './route-kit.ts';
import { registerApiRoutes } from './routes/index.ts';
import { defaultServerSettings, type ServerSettings } from './server-config.ts';
import { defaultPortalRoot, portalFiles } from './static-files.ts';

export interface ServerOptions {
  stores: Stores;
  logger?: FastifyBaseLogger;
  settings?: Partial<ServerSettings>;
  /**
   * How the operations and the Apify webhook are configured (scorers, LLM endpoint, Apify);
   * read from the environment when not given.
   */
  config?: OperationConfig;
  /** What runs started through the API can do; the operation registry built from `config`. */
  operations?: ReadonlyMap<OperationName, Operation>;
  /**
   * The worker this server runs in process (default settings when not given), or false when
   * separate `leadbase worker` processes work the runs.
   */
  worker?: Partial<WorkerSettings> | false;
  /** The built portal served at `/` (web/dist when not given); null serves none. */
  portalRoot?: string | null;
}

/** How long a shutdown lets the in-process worker finish its records before queueing them again. */
const runGraceMs = 10_000;

export interface RouteEntry {
  method: string;
  url: string;
  /** Read when asked: a plugin's own hooks may declare it after the route is recorded. */
  readonly auth: RouteAuth | undefined;
  /** The body schema, if the route declares one (the route-table test checks it is strict). */
  readonly body: unknown;
  /** The query schema, if the route declares one (the route-table test checks it is strict). */
  readonly querystring: unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered, with the auth it declared (the route-table test reads it). */
    routeTable: RouteEntry[];
  }
}

function recordRoutes(app: AppInstance): void {
  app.decorate('routeTable', [] as RouteEntry[]);
  app.addHook('onRoute', (route) => {
    // The CORS plugin answers browser preflights, which carry no credentials by design.
    if (route.method === 'OPTIONS' && route.url === '*') {
      route.config = { ...route.config, auth: 'public' };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      app.routeTable.push({
        method,
        url: route.url,
        get auth() {
          return route.config?.auth;
        },
        get body() {
          return route.schema?.body;
        },
        get querystring() {
          return route.schema?.querystring;
        },
      });
    }
  });
}

/**
 * CORS for the configured origins. Registered before authentication, so that a refusal (401,
 * 403, 429) carries the CORS headers too and a browser lets the portal read it.
 */
async function registerCors(app: AppInstance, settings: ServerSettings): Promise<void> {
  if (settings.corsOrigins.length === 0) return;
  await app.register(cors, {
    origin: settings.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key', 'x-client-id'],
    exposedHeaders: ['etag', 'location', 'x-request-id', 'retry-after'],
  });
}

async function registerRateLimit(app: AppInstance, settings: ServerSettings): Promise<void> {
  if (settings.rateLimit !== false) {
    // TODO(scale-out): counts live in this process's memory; give the limiter a shared store
    // when several API processes serve one deployment.
    // TODO(abuse): refused tokens never reach this limiter (authentication refuses them first);
    // count refusals per address too before the API faces the open internet.
    await app.register(rateLimit, {
      max: settings.rateLimit.max,
      timeWindow: settings.rateLimit.timeWindowMs,
      // Runs after authentication, so a token has its own budget whatever address it comes from.
      keyGenerator: (request) =>
        request.principal ? `token:${request.principal.tokenId}` : `ip:${request.ip}`,
      errorResponseBuilder: (_request, context) =>
        new AppError('rate_limited', `rate limit of ${context.max} requests exceeded`, {
          details: { retryAfter: context.after },
        }),
    });
  }
}

function createServices(
  app: AppInstance,
  options: ServerOptions,
  settings: ServerSettings,
): AppServices {
  const { stores } = options;
  const ledger = new RunLedger(stores);
  const config = options.config ?? operationConfigFromEnv(process.env);
  const operations = options.operations ?? operationRegistry(config);
  return {
    stores,
    clients: new ClientRegistry(stores),
    tokens: new AccessTokens(stores.control),
    sessions: new PortalSessions(stores.control),
    signInAttempts: new SignInAttempts(settings.signInLimit),
    ledger,
    runs: new BackgroundRuns({ stores, ledger, operations, log: app.log, worker: options.worker }),
    inbox: createWebhookInbox(stores, app.log, { apify: config.apify }),
  };
}

/** The HTTP app over the given stores, ready for `inject` or `listen`. */
export async function buildServer(options: ServerOptions): Promise<AppInstance> {
  const settings = { ...defaultServerSettings, ...options.settings };
  const app = Fastify({
    loggerInstance: options.logger ?? defaultLogger,
    logController: new RequestLogController(),
    genReqId: () => randomUUID(),
    bodyLimit: settings.bodyLimit,
    return503OnClosing: true,
    trustProxy: settings.trustProxy,
    routerOptions: { maxParamLength },
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: clientErrorHandler(options.logger ?? defaultLogger),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  app.setErrorHandler(handleError);
  const portal = portalFiles(
    options.portalRoot === undefined ? defaultPortalRoot : options.portalRoot,
  );
  app.setNotFoundHandler(async (request, reply) => {
    // Returning the reply tells Fastify a streamed file is still being sent.
    if (await portal(request, reply)) return reply;
    return handleNotFound(request, reply);
  });
  // Only JSON bodies (and multipart where a route opts in): anything else is 415, not a string.
  app.removeContentTypeParser(['text/plain', 'application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJsonBody);
  app.addHook('preValidation', refuseNulInRequest);

  app.decorate('services', createServices(app, options, settings));
  app.addHook('onClose', () => app.services.runs.close(runGraceMs));
  recordRoutes(app);
  registerRequestId(app);
  await registerCors(app, settings);
  // Parses the session cookie in its own onRequest hook, before authentication reads it.
  await app.register(cookie);
  registerAuthentication(app);
  await registerRateLimit(app, settings);
  await registerOpenApi(app);
  await registerApiRoutes(app, settings);
  return app;
}
