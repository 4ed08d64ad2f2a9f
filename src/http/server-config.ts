import { defaultSignInLimit, type SignInLimit } from '../auth/session-attempts.ts';
import { AppError } from '../errors.ts';

export interface RateLimitSettings {
  /** Requests one token (or, without a token, one address) may make per window. */
  max: number;
  timeWindowMs: number;
}

/** The knobs of the HTTP server; `serverSettingsFromEnv` reads them from the environment. */
export interface ServerSettings {
  port: number;
  host: string;
  /** Largest JSON body, in bytes. */
  bodyLimit: number;
  /** Largest uploaded import file, in bytes. */
  uploadLimit: number;
  /** `false` turns rate limiting off (benchmarks). */
  rateLimit: RateLimitSettings | false;
  /** Origins allowed to call from a browser; empty keeps CORS off. */
  corsOrigins: string[];
  /** Mark the session cookie Secure even on plain HTTP (behind a TLS-terminating proxy). */
  secureCookies: boolean;
  /** Failed portal sign-ins one address may make per window. */
  signInLimit: SignInLimit;
  /**
   * Fastify's trustProxy: `true` (take the client address from X-Forwarded-For), or the
   * proxies' comma-separated addresses/CIDRs; `false` uses the socket's address.
   */
  trustProxy: boolean | string;
}

export const defaultServerSettings: ServerSettings = {
  port: 3000,
  host: '127.0.0.1',
  bodyLimit: 1024 * 1024,
  uploadLimit: 100 * 1024 * 1024,
  rateLimit: { max: 1200, timeWindowMs: 60_000 },
  corsOrigins: [],
  secureCookies: false,
  signInLimit: defaultSignInLimit,
  trustProxy: false,
};

/** LEADBASE_TRUST_PROXY: `1`/`true`, `0`/`false`/unset, or the proxies' addresses. */
function trustProxyOf(raw: string | undefined): ServerSettings['trustProxy'] {
  const value = (raw ?? '').trim();
  if (value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  return value;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new AppError('bad_request', `${name} must be a whole number, not "${raw}"`);
  }
  return value;
}

/**
 * PORT, HOST, LEADBASE_BODY_LIMIT_BYTES, LEADBASE_UPLOAD_LIMIT_BYTES,
 * LEADBASE_RATE_LIMIT_PER_MINUTE (0 turns it off), LEADBASE_CORS_ORIGINS (comma-separated),
 * LEADBASE_SECURE_COOKIES (1: the session cookie is always Secure) and LEADBASE_TRUST_PROXY.
 */
export function serverSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const defaults = defaultServerSettings;
  const perMinute = positiveInteger(env, 'LEADBASE_RATE_LIMIT_PER_MINUTE', 1200);
  return {
    port: positiveInteger(env, 'PORT', defaults.port),
    host: env.HOST && env.HOST !== '' ? env.HOST : defaults.host,
    bodyLimit: positiveInteger(env, 'LEADBASE_BODY_LIMIT_BYTES', defaults.bodyLimit),
    uploadLimit: positiveInteger(env, 'LEADBASE_UPLOAD_LIMIT_BYTES', defaults.uploadLimit),
    rateLimit: perMinute === 0 ? false : { max: perMinute, timeWindowMs: 60_000 },
    corsOrigins: (env.LEADBASE_CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    secureCookies: env.LEADBASE_SECURE_COOKIES === '1' || env.LEADBASE_SECURE_COOKIES === 'true',
    signInLimit: defaults.signInLimit,
    trustProxy: trustProxyOf(env.LEADBASE_TRUST_PROXY),
  };
}
