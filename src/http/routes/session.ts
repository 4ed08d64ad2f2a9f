import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/access-token.ts';
import { AppError } from '../../errors.ts';
import { withArticle } from '../../words.ts';
import { type AppInstance, noBodySchema, noQuerySchema } from '../route-kit.ts';
import type { ServerSettings } from '../server-config.ts';
import {
  clearSessionCookie,
  requireSameSiteWrite,
  sessionSecretOf,
  setSessionCookie,
} from './session-cookie.ts';
import {
  type SessionView,
  sessionClientOf,
  sessionSchema,
  signInSchema,
} from './session-schemas.ts';

const tags = ['session'];

/** What the portal shows for a principal; a paused client or a webhook-only token has none. */
async function sessionViewOf(app: AppInstance, principal: Principal): Promise<SessionView> {
  if (principal.kind === 'admin') {
    const clients = await app.services.clients.list();
    return { kind: 'admin', clients: clients.map(sessionClientOf) };
  }
  if (principal.scope !== 'portal') {
    throw new AppError(
      'forbidden',
      `${withArticle(principal.scope)} token cannot sign in to the portal`,
    );
  }
  const client = await app.services.clients.find(principal.clientId);
  if (!client) throw new AppError('unauthorized', 'the token does not name an existing client');
  if (client.status === 'paused') {
    throw new AppError('client_paused', `client "${client.id}" is paused`);
  }
  return { kind: 'client', client: sessionClientOf(client) };
}

/**
 * A wrong token counts against its address, and past the limit the address is answered 429. A
 * valid token is never refused: tokens are long random secrets, so the throttle is there to slow
 * guessing, and must not let a stranger at the same address (one proxy, one office) lock out the
 * people who hold real tokens. Behind a proxy, LEADBASE_TRUST_PROXY makes `request.ip` the client.
 */
function refuseFailedSignIn(request: FastifyRequest, reply: FastifyReply, app: AppInstance): never {
  const { signInAttempts } = app.services;
  const wait = signInAttempts.waitSeconds(request.ip);
  if (wait === 0) {
    signInAttempts.recordFailure(request.ip);
    throw new AppError('unauthorized', 'the token is unknown, revoked or mistyped');
  }
  reply.header('retry-after', String(wait));
  throw new AppError('rate_limited', `too many failed sign-ins; try again in ${wait} s`, {
    details: { retryAfter: wait },
  });
}

/**
 * Portal sign-in: a token is exchanged for an HttpOnly session cookie that stands for it. The
 * routes are public because they are how a browser obtains (or drops) its credentials; each
 * checks what it needs itself.
 */
export function sessionRoutes(settings: ServerSettings) {
  return async (app: AppInstance): Promise<void> => {
    const { sessions, tokens } = app.services;

    app.post(
      '/session',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'Sign in to the portal with an access token; sets the session cookie',
          querystring: noQuerySchema,
          body: signInSchema,
          response: { 200: sessionSchema },
        },
      },
      async (request, reply) => {
        requireSameSiteWrite(request, 'a sign-in from the portal');
        const principal = await tokens.authenticate(request.body.token);
        if (!principal) refuseFailedSignIn(request, reply, app);
        const view = await sessionViewOf(app, principal);
        const started = await sessions.start(principal);
        setSessionCookie(request, reply, started.secret, {
          expiresAt: started.expiresAt,
          secureCookies: settings.secureCookies,
        });
        request.log.info({ tokenId: principal.tokenId }, 'portal sign-in');
        return view;
      },
    );

    app.get(
      '/session',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'Who the session cookie signs in: the client, or an admin and every client',
          querystring: noQuerySchema,
          response: { 200: sessionSchema },
        },
      },
      async (request) => {
        const secret = sessionSecretOf(request);
        const principal = secret === undefined ? null : await sessions.authenticate(secret);
        if (!principal) throw new AppError('unauthorized', 'not signed in');
        return sessionViewOf(app, principal);
      },
    );

    app.delete(
      '/session',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'Sign out: ends the session and clears its cookie',
          querystring: noQuerySchema,
          body: noBodySchema,
        },
      },
      async (request, reply) => {
        requireSameSiteWrite(request);
        const secret = sessionSecretOf(request);
        if (secret !== undefined) await sessions.end(secret);
        clearSessionCookie(request, reply, settings.secureCookies);
        return reply.code(204).send();
      },
    );
  };
}
