import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { defaultClientSettings } from './client.ts';

let world: TestWorld;
afterEach(async () => world?.close());

describe('client settings in the registry', () => {
  it('refuses fractions, huge numbers and unknown settings, naming each, and stores nothing', async () => {
    world = await createTestWorld();
    const { client } = await world.addClient({ id: 'acme' });

    const change = world.clients.updateSettings('acme', {
      leadsPerRun: 2.5,
      postsPerDay: 1e20,
      postsBatchSize: 0,
      colour: 7,
    } as never);

    await expect(change).rejects.toMatchObject({
      code: 'validation_failed',
      issues: [
        { path: 'settings.leadsPerRun', message: 'must be a whole number' },
        { path: 'settings.postsPerDay', message: 'must be a whole number' },
        { path: 'settings.postsBatchSize', message: 'must be at least 1' },
        { path: 'settings.colour', message: 'is not a known setting' },
      ],
    });
    expect((await world.clients.get('acme')).settings).toEqual(client.settings);
  });

  it('checks the settings of a new client with its other fields', async () => {
    world = await createTestWorld();

    const add = world.clients.add({
      name: 'Acme',
      timeZone: 'Mars/Olympus',
      settings: { scoreThreshold: 101 },
    });

    await expect(add).rejects.toMatchObject({
      code: 'validation_failed',
      message:
        'invalid client: timeZone "Mars/Olympus" is not an IANA time zone; ' +
        'settings.scoreThreshold must be at most 100',
    });
    expect(await world.clients.list()).toEqual([]);
  });

  it('stores whole numbers in range, the LLM token limits included', async () => {
    world = await createTestWorld();
    await world.addClient({ id: 'acme', settings: { leadsPerRun: 500 } });

    const changed = await world.clients.updateSettings('acme', {
      scoreThreshold: 0,
      llmTokensPerDay: 5_000,
    });

    expect(changed.settings).toEqual({
      ...defaultClientSettings,
      leadsPerRun: 500,
      scoreThreshold: 0,
      llmTokensPerDay: 5_000,
    });
    expect((await world.clients.get('acme')).settings).toEqual(changed.settings);
  });
});
