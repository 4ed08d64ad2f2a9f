import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import type { ErrorCode } from '../errors.ts';
import { problemOf } from './problem.ts';

interface ParserError extends Error {
  code?: string;
  rawPacket?: unknown;
}

const refusals: Record<string, { status: number; code: ErrorCode; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'request_too_large',
    detail: 'the URL and headers of the request are too large; shorten the URL (fewer filters)',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'bad_request',
    detail: 'the request did not arrive in time',
  },
};

const malformed = { status: 400, code: 'bad_request' as ErrorCode, detail: 'malformed request' };

/** The path of the request line the parser had read, if it got that far. */
function pathOf(error: ParserError): string {
  const raw = error.rawPacket;
  if (!Buffer.isBuffer(raw)) return '';
  const line = raw.subarray(0, 4096).toString('latin1').split('\r\n', 1)[0] ?? '';
  return line.split(' ')[1] ?? '';
}

/** A page a person can read, for a portal address (not /api) the server could not take. */
function portalPage(detail: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Leadbase: request too large</title></head><body><main><h1>This address is too long</h1><p>The server could not take this request: ${detail}.</p><p><a href="/leads">Open the Leads page without filters</a></p></main></body></html>`;
}

function responseOf(refusal: typeof malformed, path: string): { type: string; body: string } {
  if (refusal.status === 431 && path.startsWith('/') && !path.startsWith('/api')) {
    return { type: 'text/html; charset=utf-8', body: portalPage(refusal.detail) };
  }
  const problem = { ...problemOf(refusal.code, refusal.detail), status: refusal.status };
  return { type: 'application/problem+json', body: JSON.stringify(problem) };
}

/**
 * Fastify's clientErrorHandler: a request Node's parser refused before Fastify saw it (headers or
 * URL over the size limit, a timeout, broken HTTP) is answered as a problem like every other
 * error, or for a portal page as a short page, instead of Fastify's bare JSON.
 */
export function clientErrorHandler(log: FastifyBaseLogger) {
  return (error: ParserError, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const refusal = refusals[error.code ?? ''] ?? malformed;
    log.info({ code: error.code, status: refusal.status }, 'request refused by the HTTP parser');
    if (socket.writable) {
      const { type, body } = responseOf(refusal, pathOf(error));
      const reason = refusal.status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
      socket.write(
        `HTTP/1.1 ${refusal.status} ${reason}\r\nContent-Type: ${type}\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}
