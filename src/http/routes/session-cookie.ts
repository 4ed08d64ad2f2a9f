import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';

/** The portal's session cookie. */
export const sessionCookieName = 'leadbase_session';

/** The header the portal sends on every write; a cross-site form or image cannot set it. */
export const csrfHeaderName = 'x-leadbase-csrf';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session cookie's secret, if the request carries one. */
export function sessionSecretOf(request: FastifyRequest): string | undefined {
  const value = request.cookies?.[sessionCookieName];
  return value === undefined || value === '' ? undefined : value;
}

function isHttps(request: FastifyRequest, secureCookies: boolean): boolean {
  return secureCookies || request.protocol === 'https';
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  secret: string,
  options: { expiresAt: Date; secureCookies: boolean },
): void {
  reply.setCookie(sessionCookieName, secret, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: isHttps(request, options.secureCookies),
    expires: options.expiresAt,
  });
}

export function clearSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  secureCookies: boolean,
): void {
  reply.clearCookie(sessionCookieName, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: isHttps(request, secureCookies),
  });
}

/** The origin the request was addressed to, as a browser would write it in `Origin`. */
function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * The CSRF defence of cookie-authenticated requests: a write must carry the portal's custom
 * header (a cross-site form cannot, and a cross-site script may not without a CORS grant the
 * server never gives for it), and a browser-stated Origin must be this server's own.
 */
export function requireSameSiteWrite(
  request: FastifyRequest,
  write = 'a write signed in with the session cookie',
): void {
  if (safeMethods.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== ownOrigin(request)) {
    throw new AppError('forbidden', 'a signed-in write must come from the portal itself', {
      details: { origin },
    });
  }
  if (request.headers[csrfHeaderName] === undefined) {
    throw new AppError('forbidden', `${write} must carry the ${csrfHeaderName} header`);
  }
}
