import { describe, expect, it } from 'vitest';
import { apifyConfigFromEnv } from './apify-config.ts';

describe('apifyConfigFromEnv', () => {
  it('is absent unless a base URL or token is set: nothing is called by default', () => {
    expect(apifyConfigFromEnv({})).toBeUndefined();
  });

  it('reads the settings, with the actor, post count and run time defaults', () => {
    const config = apifyConfigFromEnv({
      LEADBASE_APIFY_BASE_URL: 'http://127.0.0.1:8080/',
      LEADBASE_APIFY_TOKEN: 'secret-token',
      LEADBASE_APIFY_INPUT: '{"postedLimit": "month"}',
    });
    expect(config).toMatchObject({
      baseUrl: 'http://127.0.0.1:8080',
      token: 'secret-token',
      actorId: 'harvestapi~linkedin-profile-posts',
      extraInput: { postedLimit: 'month' },
      maxPostsPerProfile: 10,
      maxRunMs: 1_800_000,
    });
  });

  it('names every bad setting, never the token', () => {
    const read = () =>
      apifyConfigFromEnv({
        LEADBASE_APIFY_BASE_URL: 'ftp://127.0.0.1',
        LEADBASE_APIFY_INPUT: '[1]',
        LEADBASE_APIFY_MAX_POSTS: '0',
      });
    expect(read).toThrowError(
      expect.objectContaining({
        code: 'validation_failed',
        message: expect.stringMatching(
          /^invalid Apify settings: LEADBASE_APIFY_BASE_URL Invalid URL; LEADBASE_APIFY_TOKEN is required; LEADBASE_APIFY_INPUT must be a JSON object; LEADBASE_APIFY_MAX_POSTS .+$/,
        ),
      }),
    );
  });
});
