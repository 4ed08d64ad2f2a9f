import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePath } from '../support/cases.ts';
import { bearer, createHttpWorld, type HttpWorld, postMultipart } from './http-world.ts';

let world: HttpWorld;
let token: string;

const connectionsCsv = [
  'Notes:',
  '"When exporting your connection data, you may notice that some of the email addresses are missing."',
  '',
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  'Ilse,Brandt,https://www.linkedin.com/in/ilse-brandt-demo,,Kranwerk Logistik,Head of Procurement,03 Feb 2025',
  'Tomasz,Wilk,https://www.linkedin.com/in/tomasz-wilk-demo/,,Portline,COO,17 Mar 2024',
  '',
].join('\r\n');

const plainCsv = 'Person,Profile,Org\r\nAda Kern,https://www.linkedin.com/in/ada-kern,Kernwerk\r\n';

async function preview(text: string, fields: Record<string, string> = {}, headers = {}) {
  return postMultipart(world.app, '/api/imports/preview', {
    files: [['upload.csv', text]],
    fields,
    headers,
  });
}

async function leadCount(clientToken: string) {
  const response = await world.app.inject({
    method: 'GET',
    url: '/api/leads?withTotal=true',
    headers: bearer(clientToken),
  });
  return response.json().total;
}

beforeAll(async () => {
  world = await createHttpWorld();
  await world.addClient({ id: 'acme' });
  await world.addClient({ id: 'other' });
  token = await world.clientToken('acme');
});
afterAll(async () => world.close());

describe('POST /api/imports/preview', () => {
  it('shows the detected format and the first records as the import reads them', async () => {
    const response = await preview(connectionsCsv, {}, bearer(token));

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      fileName: 'upload.csv',
      format: 'connections',
      columns: [],
      problem: null,
    });
    expect(response.json().rows).toEqual([
      {
        record: 1,
        line: 5,
        fullName: 'Ilse Brandt',
        profile: 'https://www.linkedin.com/in/ilse-brandt-demo',
        company: 'Kranwerk Logistik',
        position: 'Head of Procurement',
        location: null,
        email: null,
        rejection: null,
      },
      expect.objectContaining({ record: 2, fullName: 'Tomasz Wilk', company: 'Portline' }),
    ]);
    expect(await leadCount(token)).toBe(0);
  });

  it('shows a record the import would reject as rejected, with the reason (BR-09)', async () => {
    const text = readFileSync(casePath('BR-09-salesnav-id-suffixes.csv'), 'utf8');
    const response = await preview(text, {}, bearer(token));

    expect(response.json().format).toBe('salesnav');
    expect(response.json().rows.map((row: { rejection: string | null }) => row.rejection)).toEqual([
      null,
      null,
      null,
      expect.stringContaining('holds a member ID whose letter case was changed'),
      null,
    ]);
    expect(response.json().rows[3]).toMatchObject({
      record: 4,
      line: 5,
      fullName: 'Tobias Fischer',
      company: 'Lumenfall GmbH',
      position: 'Einkaufsleiter',
    });
  });

  it('shows what a rejected record holds beside the reason, so it can be found in the file', async () => {
    const text = [
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
      'Bad,Row,,,Nowhere Ltd,Buyer,03 Feb 2025',
      'Ilse,Brandt,https://www.linkedin.com/in/ilse-brandt-demo,,Kranwerk Logistik,CPO,03 Feb 2025',
      '',
    ].join('\r\n');

    const response = await preview(text, {}, bearer(token));

    expect(response.json().rows[0]).toEqual({
      record: 1,
      line: 2,
      fullName: 'Bad Row',
      profile: null,
      company: 'Nowhere Ltd',
      position: 'Buyer',
      location: null,
      email: null,
      rejection: 'the record states no LinkedIn profile URL or member ID',
    });
    expect(response.json().rows[1]).toMatchObject({ fullName: 'Ilse Brandt', rejection: null });
  });

  it('lists the columns of a file no layout fits, then reads it through a column map', async () => {
    const unknown = await preview(plainCsv, {}, bearer(token));
    const mapped = await preview(
      plainCsv,
      { map: 'url=Profile,full_name=Person,company=Org' },
      bearer(token),
    );
    const badMap = await preview(plainCsv, { map: 'url=Link' }, bearer(token));

    expect(unknown.json()).toMatchObject({
      format: null,
      rows: [],
      columns: ['Person', 'Profile', 'Org'],
      problem: { code: 'unknown_format' },
    });
    expect(unknown.json().problem.message).toContain('upload.csv: no header line');
    expect(mapped.json().format).toBe('mapped');
    expect(mapped.json().rows).toEqual([
      expect.objectContaining({
        fullName: 'Ada Kern',
        profile: 'https://www.linkedin.com/in/ada-kern',
        company: 'Kernwerk',
      }),
    ]);
    expect(badMap.json()).toMatchObject({
      format: null,
      columns: ['Person', 'Profile', 'Org'],
      problem: { code: 'unknown_format' },
    });
  });

  it('refuses callers without a client, and a token naming another client', async () => {
    const anonymous = await preview(connectionsCsv);
    const otherClient = await preview(
      connectionsCsv,
      {},
      { ...bearer(token), 'x-client-id': 'other' },
    );
    const unknownField = await preview(connectionsCsv, { clientId: 'other' }, bearer(token));

    expect(anonymous.statusCode).toBe(401);
    expect([otherClient.statusCode, otherClient.json().code]).toEqual([403, 'tenant_mismatch']);
    expect([unknownField.statusCode, unknownField.json().code]).toEqual([400, 'validation_failed']);
    expect(await leadCount(await world.clientToken('other'))).toBe(0);
  });
});
