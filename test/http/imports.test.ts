import { afterEach, describe, expect, it } from 'vitest';
import { bearer, createHttpWorld, type HttpWorld, postMultipart } from './http-world.ts';

let world: HttpWorld;
let token: string;
afterEach(async () => world?.close());

const connectionsCsv = [
  'Notes:',
  '"When exporting your connection data, you may notice that some of the email addresses are missing."',
  '',
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  'Ilse,Brandt,https://www.linkedin.com/in/ilse-brandt-demo,,Kranwerk Logistik,Head of Procurement,03 Feb 2025',
  'Tomasz,Wilk,https://www.linkedin.com/in/tomasz-wilk-demo/,,Portline,COO,17 Mar 2024',
  '',
].join('\r\n');

async function setUp(settings = {}) {
  world = await createHttpWorld({ settings });
  await world.addClient({ id: 'acme' });
  token = await world.clientToken('acme');
}

/** A multipart body, built the way a browser builds one. */
async function upload(files: [string, string][], fields: Record<string, string> = {}) {
  return postMultipart(world.app, '/api/imports', { files, fields, headers: bearer(token) });
}

async function leadCount() {
  const response = await world.app.inject({
    method: 'GET',
    url: '/api/leads?withTotal=true',
    headers: bearer(token),
  });
  return response.json().total;
}

describe('imports', () => {
  it('runs an upload through the import pipeline and answers its report', async () => {
    await setUp();

    const dryRun = await upload([['Connections.csv', connectionsCsv]], { dryRun: 'true' });
    const afterDryRun = await leadCount();
    const first = await upload([['Connections.csv', connectionsCsv]]);
    const again = await upload([['Connections.csv', connectionsCsv]], { format: 'connections' });
    const list = await world.app.inject({
      method: 'GET',
      url: '/api/imports',
      headers: bearer(token),
    });
    const one = await world.app.inject({
      method: 'GET',
      url: `/api/imports/${list.json().imports[1].id}`,
      headers: bearer(token),
    });

    expect(dryRun.json()).toMatchObject({ dryRun: true, format: 'connections', created: 2 });
    expect(afterDryRun).toBe(0);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      fileName: 'Connections.csv',
      format: 'connections',
      dryRun: false,
      records: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
      merged: 0,
      rejected: 0,
    });
    expect(again.json()).toMatchObject({ records: 2, created: 0, unchanged: 2 });
    expect(await leadCount()).toBe(2);
    expect(list.json().imports).toHaveLength(2);
    expect(one.json()).toMatchObject({
      fileName: 'Connections.csv',
      format: 'connections',
      counts: { records: 2, created: 2, rejected: 0 },
    });
  });

  it('answers a file of no known format, or without records, with a 422 problem', async () => {
    await setUp();

    const unknown = await upload([['notes.csv', 'Colour,Shape\r\nred,round\r\n']]);
    const empty = await upload([
      [
        'Connections.csv',
        'First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n',
      ],
    ]);

    expect([unknown.statusCode, unknown.json().code]).toEqual([422, 'unknown_format']);
    expect([empty.statusCode, empty.json().code]).toEqual([422, 'empty_import']);
    expect(await leadCount()).toBe(0);
  });

  it('refuses a malformed upload and changes nothing', async () => {
    await setUp({ uploadLimit: 200 });

    const noFile = await upload([], { format: 'connections' });
    const twoFiles = await upload([
      ['a.csv', 'x'],
      ['b.csv', 'y'],
    ]);
    const unknownField = await upload([['a.csv', 'x']], { client: 'other' });
    const tooLarge = await upload([['Connections.csv', connectionsCsv]]);
    const json = await world.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: bearer(token),
      payload: { file: connectionsCsv },
    });

    expect(
      [noFile, twoFiles, unknownField, tooLarge, json].map((r) => [r.statusCode, r.json().code]),
    ).toEqual([
      [400, 'validation_failed'],
      [400, 'bad_request'],
      [400, 'validation_failed'],
      [413, 'payload_too_large'],
      [415, 'unsupported_media_type'],
    ]);
    expect(twoFiles.json().detail).toBe('an upload takes exactly one file, in the field "file"');
    expect(unknownField.json().errors).toEqual([{ path: 'body.client', message: 'unknown field' }]);
    expect(await leadCount()).toBe(0);
  });

  it('answers a multipart body without a boundary, or cut short, with a 400 problem', async () => {
    await setUp();
    const send = (contentType: string, payload: string) =>
      world.app.inject({
        method: 'POST',
        url: '/api/imports',
        headers: { ...bearer(token), 'content-type': contentType },
        payload,
      });
    const filePart =
      '--XX\r\nContent-Disposition: form-data; name="file"; filename="Connections.csv"\r\n\r\n';

    const noBoundary = await send('multipart/form-data', connectionsCsv);
    const truncated = await send('multipart/form-data; boundary=XX', `${filePart}First Name,`);

    expect(
      [noBoundary, truncated].map((r) => [r.statusCode, r.json().code, r.json().detail]),
    ).toEqual([
      [400, 'bad_request', 'the upload is not a readable multipart/form-data body'],
      [400, 'bad_request', 'the upload is not a readable multipart/form-data body'],
    ]);
    expect(await leadCount()).toBe(0);
  });

  it("names only the uploaded file in an import error, never the server's copy", async () => {
    await setUp();
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('First Name,Last Name,URL\r\n', 'utf16le'),
    ]);
    const response = await postMultipart(world.app, '/api/imports', {
      files: [['export.csv', utf16]],
      headers: bearer(token),
    });

    expect([response.statusCode, response.json().code, response.json().detail]).toEqual([
      422,
      'bad_file',
      'export.csv is UTF-16 text: save it as CSV UTF-8 and retry',
    ]);
    expect(response.body).not.toContain('leadbase-upload-');
  });
});
