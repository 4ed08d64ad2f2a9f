import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliWorld, createCliWorld } from '../../test/support/cli.ts';

let world: CliWorld;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  world?.close();
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  return typeof address === 'object' && address ? address.port : 0;
}

/** Resolves with everything the stream wrote once `pattern` appears in it. */
function waitFor(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<string> {
  let text = '';
  return new Promise((found) => {
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (pattern.test(text)) found(text);
    });
  });
}

describe('leadbase serve', () => {
  it('writes its JSON log, request lines included, to stderr, leaving stdout empty', async () => {
    world = createCliWorld();
    const port = await freePort();
    const { LOG_LEVEL: _level, LEADBASE_LOG_DESTINATION: _to, ...env } = process.env;
    child = spawn(process.execPath, [resolve('bin/leadbase.js'), 'serve', '--port', String(port)], {
      env: { ...env, ...world.env, NODE_ENV: 'production' },
    });
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });

    await waitFor(child.stderr!, /listening on http:\/\/127\.0\.0\.1:\d+/);
    const logged = waitFor(child.stderr!, /"route":"\/healthz"/);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    const stderr = await logged;
    child.kill('SIGTERM');
    await once(child, 'exit');

    expect(health.status).toBe(200);
    expect(stdout).toBe('');
    const requestLine = stderr.split('\n').find((line) => line.includes('"route":"/healthz"'));
    expect(JSON.parse(requestLine ?? '{}')).toMatchObject({ level: 30 });
  });
});

describe('leadbase serve on a port already taken', () => {
  it('exits non-zero with a message naming the port, its worker stopped', async () => {
    world = createCliWorld();
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const { LOG_LEVEL: _level, LEADBASE_LOG_DESTINATION: _to, ...env } = process.env;

    child = spawn(process.execPath, [resolve('bin/leadbase.js'), 'serve', '--port', String(port)], {
      env: { ...env, ...world.env, NODE_ENV: 'production' },
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const [exitCode] = await once(child, 'exit');
    taken.close();

    expect(exitCode).not.toBe(0);
    expect(stderr).toContain(
      `error: port ${port} is already in use on 127.0.0.1; choose another with --port/PORT`,
    );
    expect(stderr).not.toContain('listening on');
    expect(stderr).not.toContain('destroyed');
  });
});
