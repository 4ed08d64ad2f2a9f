/**
 * What a route module needs from the server. A route module exports
 * `async function xRoutes(app: AppInstance)` and is registered under the `/api` prefix by
 * src/http/routes/index.ts, so it declares paths without `/api` (`/leads/:id/notes`).
 *
 * Every route declares who may call it in `config.auth` (see `RouteAuth`); a route that declares
 * nothing is refused at run time and fails the route-table test. Handlers never take a client id
 * from the body, query, params or headers: the tenant comes from `requestTenant(request)` or
 * `withTenantStore(request, …)`, which the auth layer fills from the access token.
 *
 * Ingest routes read the token from `Authorization: Bearer …` or, for tools that cannot set
 * headers, from a path parameter that must be named `ingestToken`
 * (`/webhooks/linkedhelper/:ingestToken`). Request logs show the route pattern, never the URL,
 * so the token in the path is not logged.
 *
 * Every route declares a strict `querystring` schema, and every POST, PUT, PATCH and DELETE a
 * strict `body` (`z.strictObject(…)`: unknown fields are refused); a route that takes none
 * declares `noQuerySchema` or `noBodySchema`, and the route-table test fails on any route that
 * leaves one out. Errors are thrown as `AppError` and answered as problem+json by the server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../auth/access-token.ts';
import type { SignInAttempts } from '../auth/session-attempts.ts';
import type { PortalSessions } from '../auth/session-store.ts';
import type { AccessTokens } from '../auth/token-store.ts';
import type { Client } from '../clients/client.ts';
import type { ClientRegistry } from '../clients/client-registry.ts';
import type { Stores, TenantAccess, TenantStore } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import type { WebhookInbox } from '../ingest/webhook-inbox.ts';
import type { RunLedger } from '../runs/run-ledger.ts';
import type { BackgroundRuns } from './background-runs.ts';

/** The query string of a route that takes no parameters: any parameter is refused. */
export const noQuerySchema = z.strictObject({});

/** The body of a route that takes none: absent (or null), or an empty JSON object. */
export const noBodySchema = z.strictObject({}).nullish();

/**
 * Who may call a route:
 * - `public`: anyone (health, docs);
 * - `admin`: an admin token;
 * - `client`: a portal token of the client, or an admin token naming the client in `x-client-id`;
 * - `ingest`: an ingest token of the client (header or `:ingestToken` path parameter).
 */
export type RouteAuth = 'public' | 'admin' | 'client' | 'ingest';

export const routeAuthKinds: readonly RouteAuth[] = ['public', 'admin', 'client', 'ingest'];

/** The client a request acts for, resolved by the auth layer from its token. */
export interface RequestTenant {
  client: Client;
  access: TenantAccess;
}

/** Shared services the routes use; one set per server. */
export interface AppServices {
  stores: Stores;
  clients: ClientRegistry;
  tokens: AccessTokens;
  /** Portal sign-ins (session cookies), each standing for an access token. */
  sessions: PortalSessions;
  signInAttempts: SignInAttempts;
  ledger: RunLedger;
  /** The worker of this process, which works queued runs (none with a shared database). */
  runs: BackgroundRuns;
  /** The webhook inbox, its sources configured like the server's operations (Apify). */
  inbox: WebhookInbox;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyInstance {
    services: AppServices;
  }
  interface FastifyRequest {
    principal: Principal | null;
    tenant: RequestTenant | null;
  }
}

export type AppInstance = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The client of a `client` or `ingest` route's request. */
export function requestTenant(request: FastifyRequest): RequestTenant {
  if (!request.tenant) {
    throw new AppError('internal_error', `route ${request.routeOptions.url} has no tenant`);
  }
  return request.tenant;
}

/** Runs `work` with the request's client store open. */
export function withTenantStore<T>(
  request: FastifyRequest,
  work: (store: TenantStore, client: Client) => Promise<T>,
): Promise<T> {
  const tenant = requestTenant(request);
  return request.server.services.stores.withTenant(tenant.access, (store) =>
    work(store, tenant.client),
  );
}

/** The authenticated principal of a non-public route's request. */
export function requestPrincipal(request: FastifyRequest): Principal {
  if (!request.principal) {
    throw new AppError('internal_error', `route ${request.routeOptions.url} has no principal`);
  }
  return request.principal;
}

/** A short, log-safe name of who acted, for `author` fields and events. */
export function actorName(request: FastifyRequest): string {
  const principal = requestPrincipal(request);
  return principal.kind === 'admin' ? `admin:${principal.tokenId}` : `token:${principal.tokenId}`;
}
