import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/access-token.ts';
import type { Client } from '../clients/client.ts';
import { grantTenantAccess } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import { withArticle } from '../words.ts';
import type { RequestTenant, RouteAuth } from './route-kit.ts';
import { requireSameSiteWrite, sessionSecretOf } from './routes/session-cookie.ts';

/** The token of a request: the bearer header, or for ingest routes the `:ingestToken` segment. */
function presentedToken(request: FastifyRequest, auth: RouteAuth): string | null {
  const header = request.headers.authorization;
  const bearer = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (bearer) return bearer;
  if (header !== undefined) {
    throw new AppError('unauthorized', 'the Authorization header must be "Bearer <token>"');
  }
  const fromPath = (request.params as Record<string, unknown> | undefined)?.ingestToken;
  return auth === 'ingest' && typeof fromPath === 'string' ? fromPath : null;
}

function namedClientId(request: FastifyRequest): string | undefined {
  const header = request.headers['x-client-id'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || header === '') {
    throw new AppError('bad_request', 'the x-client-id header must name exactly one client');
  }
  return header;
}

/** The client a principal acts for on a `client` or `ingest` route. */
function tenantClientId(principal: Principal, auth: 'client' | 'ingest', named?: string): string {
  if (principal.kind === 'admin') {
    if (auth === 'ingest') throw new AppError('forbidden', 'webhook routes take an ingest token');
    if (named === undefined) {
      throw new AppError('bad_request', 'an admin token must name its client in x-client-id');
    }
    return named;
  }
  const wanted = auth === 'client' ? 'portal' : 'ingest';
  if (principal.scope !== wanted) {
    throw new AppError(
      'forbidden',
      `this route takes ${withArticle(wanted)} token, not ${withArticle(principal.scope)} one`,
    );
  }
  if (named !== undefined && named !== principal.clientId) {
    throw new AppError('tenant_mismatch', 'x-client-id names a client this token cannot reach');
  }
  return principal.clientId;
}

/**
 * The principal of a portal session cookie, on the routes the portal calls (never a webhook's):
 * the same principal as the token the session was opened with, checked against CSRF on writes.
 */
async function sessionPrincipal(request: FastifyRequest, auth: RouteAuth) {
  const secret = auth === 'ingest' ? undefined : sessionSecretOf(request);
  if (secret === undefined) return null;
  const principal = await request.server.services.sessions.authenticate(secret);
  if (principal) requireSameSiteWrite(request);
  return principal;
}

async function resolveTenant(
  request: FastifyRequest,
  principal: Principal,
  clientId: string,
): Promise<RequestTenant> {
  const client: Client | undefined = await request.server.services.clients.find(clientId);
  if (!client && principal.kind === 'admin') {
    throw new AppError('client_not_found', `no client with id "${clientId}"`);
  }
  if (!client) throw new AppError('unauthorized', 'the token does not name an existing client');
  if (client.status === 'paused') {
    throw new AppError('client_paused', `client "${client.id}" is paused`);
  }
  return { client, access: grantTenantAccess(client.id) };
}

async function authenticate(request: FastifyRequest): Promise<void> {
  if (request.is404) return;
  const auth = request.routeOptions.config.auth;
  if (auth === undefined) {
    throw new AppError('internal_error', `route ${request.routeOptions.url} declares no auth`);
  }
  if (auth === 'public') return;

  const token = presentedToken(request, auth);
  const principal =
    token === null
      ? await sessionPrincipal(request, auth)
      : await request.server.services.tokens.authenticate(token);
  if (!principal) throw new AppError('unauthorized', 'a valid access token is required');
  request.principal = principal;

  if (auth === 'admin') {
    if (principal.kind !== 'admin')
      throw new AppError('forbidden', 'this route takes an admin token');
    return;
  }

  const clientId = tenantClientId(principal, auth, namedClientId(request));
  request.tenant = await resolveTenant(request, principal, clientId);
  request.log = request.log.child({ clientId });
}

/**
 * Authenticates every request before its body is read: the route's declared auth decides which
 * token it takes, and the token alone decides the tenant.
 */
export function registerAuthentication(app: FastifyInstance): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('tenant', null);
  app.addHook('onRequest', authenticate);
}
