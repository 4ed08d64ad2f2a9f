import { afterEach, describe, expect, it } from 'vitest';
import { type CliWorld, createCliWorld } from '../../test/support/cli.ts';

let world: CliWorld;
afterEach(() => world?.close());

describe('leadbase clients', () => {
  it('adds, lists, pauses and resumes clients', async () => {
    world = createCliWorld();

    const added = await world.run('clients', 'add', 'Acme & Co', '--time-zone', 'Europe/Berlin');
    const other = await world.run(
      'clients',
      'add',
      'Zed',
      '--id',
      'zed-1',
      '--service-level',
      'leads+posts',
    );
    const paused = await world.run('clients', 'pause', 'acme-co');
    const listed = await world.run('clients', 'list');

    expect(added).toEqual({
      code: 0,
      stdout: 'created client acme-co (Acme & Co): active, leads, Europe/Berlin\n',
      stderr: '',
    });
    expect(other.stdout).toBe('created client zed-1 (Zed): active, leads+posts, UTC\n');
    expect(paused.stdout).toBe('client acme-co (Acme & Co): paused, leads, Europe/Berlin\n');
    expect(listed.stdout.split('\n')).toEqual([
      'ID       NAME       STATUS  SERVICE      TIME ZONE      THRESHOLD',
      'acme-co  Acme & Co  paused  leads        Europe/Berlin  60',
      'zed-1    Zed        active  leads+posts  UTC            60',
      '',
    ]);

    const resumed = await world.run('clients', 'resume', 'acme-co');
    expect(resumed.stdout).toBe('client acme-co (Acme & Co): active, leads, Europe/Berlin\n');
  });

  it('refuses a duplicate, a bad time zone and an unknown client with one line each', async () => {
    world = createCliWorld();
    await world.run('clients', 'add', 'Acme');

    expect(await world.run('clients', 'add', 'Acme')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: client "acme" already exists\n',
    });
    expect(await world.run('clients', 'add', 'Bee', '--time-zone', 'Mars/Olympus')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: invalid client: timeZone "Mars/Olympus" is not an IANA time zone\n',
    });
    expect(await world.run('clients', 'pause', 'nobody')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: no client with id "nobody"\n',
    });
    expect((await world.run('clients', 'list')).stdout).toContain('acme ');
  });

  it('keeps the letters of a name in its ID, and asks for an ID when none can be made', async () => {
    world = createCliWorld();
    const ids = [];
    for (const name of [
      'Straße Weiß GmbH',
      'Café Müller & Søn Ølkompagni',
      'Æble Łódź Đorđe',
      'Þór Œuvre',
    ]) {
      const result = await world.run('clients', 'add', name);
      ids.push(result.stdout.split(' ')[2]);
    }
    const nameless = await world.run('clients', 'add', '北京物流');

    expect(ids).toEqual([
      'strasse-weiss-gmbh',
      'cafe-muller-son-olkompagni',
      'aeble-lodz-dorde',
      'thor-oeuvre',
    ]);
    expect(nameless).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: invalid client: id cannot be made from the name "北京物流", which has no Latin letters or digits: choose one with --id (the "id" field in the API)\n',
    });
    expect((await world.run('clients', 'add', '北京物流', '--id', 'beijing-wuliu')).code).toBe(0);
  });

  it("changes a client's time zone, service level and name, keeping its ID", async () => {
    world = createCliWorld();
    await world.run('clients', 'add', 'Acme');

    const changed = await world.run(
      'clients',
      'set',
      'acme',
      '--time-zone',
      'America/Chicago',
      '--service-level',
      'leads+posts',
      '--name',
      'Acme Inc.',
    );
    const bad = await world.run('clients', 'set', 'acme', '--time-zone', 'Mars/Olympus');
    const nothing = await world.run('clients', 'set', 'acme');
    const missing = await world.run('clients', 'set', 'nobody', '--name', 'X');

    expect(changed).toEqual({
      code: 0,
      stdout: 'client acme (Acme Inc.): active, leads+posts, America/Chicago\n',
      stderr: '',
    });
    expect(bad.stderr).toBe(
      'error: invalid change of client "acme": timeZone "Mars/Olympus" is not an IANA time zone\n',
    );
    expect(nothing.stderr).toBe(
      'error: nothing to change: give --name, --time-zone or --service-level\n',
    );
    expect(missing.stderr).toBe('error: no client with id "nobody"\n');
    expect((await world.run('clients', 'list')).stdout).toContain(
      'acme  Acme Inc.  active  leads+posts  America/Chicago',
    );
  });

  it('answers a usage mistake with one line and exit code 1', async () => {
    world = createCliWorld();
    const result = await world.run('clients', 'add', 'X', '--bogus');
    expect(result).toEqual({ code: 1, stdout: '', stderr: "error: unknown option '--bogus'\n" });
  });
});
