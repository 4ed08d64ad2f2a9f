import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createHttpWorld, type HttpWorld, postMultipart } from './http-world.ts';

let world: HttpWorld;
let acme: string;
let other: string;

const connectionsCsv = [
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  'Ilse,Brandt,https://www.linkedin.com/in/ilse-brandt-demo,,Kranwerk Logistik,Buyer,03 Feb 2025',
  'Tomasz,Wilk,https://www.linkedin.com/in/tomasz-wilk-demo/,,Portline,COO,17 Mar 2024',
  '',
].join('\r\n');

async function upload(token: string, fields: Record<string, string>) {
  return postMultipart(world.app, '/api/imports', {
    files: [['Connections.csv', connectionsCsv]],
    fields,
    headers: bearer(token),
  });
}

const progressOf = (token: string, key: string) =>
  world.app.inject({ method: 'GET', url: `/api/imports/progress/${key}`, headers: bearer(token) });

beforeAll(async () => {
  world = await createHttpWorld();
  await world.addClient({ id: 'acme' });
  await world.addClient({ id: 'other' });
  acme = await world.clientToken('acme');
  other = await world.clientToken('other');
});
afterAll(async () => world.close());

describe('import progress', () => {
  it("reports an upload's import under the key it gave, to its own client only", async () => {
    const imported = await upload(acme, { progressKey: 'upload-key-1' });
    const own = await progressOf(acme, 'upload-key-1');
    const ofOther = await progressOf(other, 'upload-key-1');
    const unknown = await progressOf(acme, 'never-used-key');
    const malformed = await progressOf(acme, 'bad');

    expect(imported.json()).toMatchObject({ records: 2, created: 2 });
    expect(own.json()).toEqual({
      bytesRead: Buffer.byteLength(connectionsCsv),
      totalBytes: Buffer.byteLength(connectionsCsv),
      records: 2,
      done: true,
    });
    expect([ofOther.statusCode, ofOther.json().code]).toEqual([404, 'not_found']);
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'not_found']);
    expect([malformed.statusCode, malformed.json().code]).toEqual([400, 'validation_failed']);
  });

  it('refuses a progress key that is not 8 to 64 letters, digits, - or _', async () => {
    const response = await upload(acme, { progressKey: 'no spaces!' });

    expect([response.statusCode, response.json().errors]).toEqual([
      400,
      [{ path: 'body.progressKey', message: 'must be 8 to 64 letters, digits, - or _' }],
    ]);
  });
});
