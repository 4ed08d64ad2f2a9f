import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import { fileOfPath } from '../../src/http/static-files.ts';
import { createTestWorld, type TestWorld } from '../support/stores.ts';

let world: TestWorld | undefined;
let folders: string[] = [];
afterEach(async () => {
  await world?.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders = [];
});

/** A fake build: index.html, one hashed asset, and a secret file just outside the root. */
function fakeBuild(): string {
  const parent = mkdtempSync(join(tmpdir(), 'leadbase-static-'));
  folders.push(parent);
  const root = join(parent, 'dist');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>portal</title>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(root, '.env'), 'hidden');
  writeFileSync(join(parent, 'secret.txt'), 'outside the build');
  return root;
}

async function serverOver(portalRoot: string | null) {
  world = await createTestWorld();
  return buildServer({ stores: world.stores, portalRoot, settings: { rateLimit: false } });
}

const html = { accept: 'text/html,application/xhtml+xml' };

describe('the built portal at /', () => {
  it('serves hashed assets as immutable and index.html as no-cache with security headers', async () => {
    const app = await serverOver(fakeBuild());

    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    const index = await app.inject({ url: '/', headers: html });
    const csp = String(index.headers['content-security-policy']);

    expect([asset.statusCode, asset.body]).toEqual([200, 'console.log(1)']);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    expect([index.statusCode, index.body]).toEqual([200, '<!doctype html><title>portal</title>']);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    await app.close();
  });

  it('falls back to index.html for page loads of portal paths, never for /api or assets', async () => {
    const app = await serverOver(fakeBuild());

    const page = await app.inject({ url: '/leads/ld_123?status=new', headers: html });
    const head = await app.inject({ method: 'HEAD', url: '/runs', headers: html });
    const api = await app.inject({ url: '/api/nothing', headers: html });
    const asset = await app.inject({ url: '/assets/missing-1.js', headers: html });
    const notHtml = await app.inject({ url: '/leads', headers: { accept: 'application/json' } });
    const post = await app.inject({ method: 'POST', url: '/leads', headers: html });

    expect([page.statusCode, page.body]).toEqual([200, '<!doctype html><title>portal</title>']);
    expect([head.statusCode, head.headers['content-type']]).toEqual([
      200,
      'text/html; charset=utf-8',
    ]);
    expect([api.statusCode, api.json().code]).toEqual([404, 'not_found']);
    expect([asset.statusCode, asset.json().code]).toEqual([404, 'not_found']);
    expect([notHtml.statusCode, notHtml.json().code]).toEqual([404, 'not_found']);
    expect(post.statusCode).toBe(404);
    await app.close();
  });

  it('serves index.html for GET and HEAD / whatever the Accept header, keeping JSON 404s for /api', async () => {
    const app = await serverOver(fakeBuild());

    const plain = await app.inject({ url: '/' });
    const json = await app.inject({ url: '/?tab=leads', headers: { accept: 'application/json' } });
    const head = await app.inject({ method: 'HEAD', url: '/', headers: { accept: '*/*' } });
    const api = await app.inject({ url: '/api', headers: { accept: '*/*' } });
    const other = await app.inject({ url: '/leads', headers: { accept: '*/*' } });

    expect([plain.statusCode, plain.body]).toEqual([200, '<!doctype html><title>portal</title>']);
    expect(plain.headers['content-type']).toBe('text/html; charset=utf-8');
    expect([json.statusCode, json.body]).toEqual([200, '<!doctype html><title>portal</title>']);
    expect([head.statusCode, head.headers['content-type'], head.body]).toEqual([
      200,
      'text/html; charset=utf-8',
      '',
    ]);
    expect([api.statusCode, api.json().code]).toEqual([404, 'not_found']);
    expect([other.statusCode, other.json().code]).toEqual([404, 'not_found']);
    await app.close();
  });

  it('never serves a file outside the build or a hidden file, however the path is written', async () => {
    const app = await serverOver(fakeBuild());
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5csecret.txt',
      '/.env',
      '/assets/%00.js',
      '/%E0%A4%A',
    ];

    const answers = await Promise.all(attempts.map((url) => app.inject({ url })));

    for (const answer of answers) {
      expect(answer.body).not.toContain('outside the build');
      expect(answer.body).not.toContain('hidden');
    }
    expect(fileOfPath('/srv/dist', '/../secret.txt')).toBeNull();
    expect(fileOfPath('/srv/dist', '/a/%2e%2e/%2e%2e/secret.txt')).toBeNull();
    expect(fileOfPath('/srv/dist', '/assets/app.js')).toBe('/srv/dist/assets/app.js');
    await app.close();
  });

  it('explains that the portal is not built when the build is missing', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'leadbase-static-'));
    folders.push(parent);
    const app = await serverOver(join(parent, 'dist'));

    const page = await app.inject({ url: '/', headers: html });
    const plain = await app.inject({ url: '/' });
    const health = await app.inject({ url: '/healthz' });

    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('npm run build');
    expect([plain.statusCode, plain.body]).toEqual([503, page.body]);
    expect(health.statusCode).toBe(200);
    await app.close();
  });
});
