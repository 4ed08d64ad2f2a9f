import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { htmlSecurityHeaders, notBuiltPage } from './static-headers.ts';

/** Where `npm run build` puts the portal. */
export const defaultPortalRoot = fileURLToPath(new URL('../../web/dist', import.meta.url));

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Hashed build output: its name changes whenever its content does. */
const immutable = 'public, max-age=31536000, immutable';

/**
 * The file under `root` a URL path names, or null when it names none there: undecodable,
 * a NUL byte, a dot-segment or hidden file, or anything that would resolve outside `root`.
 */
export function fileOfPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.'))) return null;
  const file = resolve(root, ...segments);
  return file.startsWith(root + sep) ? file : null;
}

async function isFile(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

function acceptsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

function sendFile(reply: FastifyReply, file: string, size: number, cache: string): FastifyReply {
  const type = contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
  reply
    .code(200)
    .header('content-type', type)
    .header('content-length', size)
    .header('cache-control', cache)
    .header('x-content-type-options', 'nosniff');
  if (type.startsWith('text/html')) reply.headers(htmlSecurityHeaders);
  return reply.send(reply.request.method === 'HEAD' ? '' : createReadStream(file));
}

/**
 * Serves the built portal for GET and HEAD requests outside /api: a file of the build when the
 * path names one, else index.html: for `/` whatever the Accept header (a plain `curl /` finds
 * the portal), and for a browser page load of any other path (the portal routes on the client).
 * Answers false when the request is not the portal's, so the caller gives its own 404.
 */
export function portalFiles(root: string | null) {
  const base = root === null ? null : resolve(root);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const path = request.url.split('?')[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/') || base === null) return false;

    const file = fileOfPath(base, path);
    const size = file === null ? null : await isFile(file);
    if (file !== null && size !== null) {
      const cache = path.startsWith('/assets/') ? immutable : 'no-cache';
      sendFile(reply, file, size, cache);
      return true;
    }

    const pageLoad = path === '/' || acceptsHtml(request);
    if (!pageLoad || path.startsWith('/assets/')) return false;
    const index = resolve(base, 'index.html');
    const indexSize = await isFile(index);
    if (indexSize === null) {
      reply.code(503).headers(htmlSecurityHeaders).type('text/html; charset=utf-8');
      reply.header('cache-control', 'no-store').send(notBuiltPage);
      return true;
    }
    sendFile(reply, index, indexSize, 'no-cache');
    return true;
  };
}
