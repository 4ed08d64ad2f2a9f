import { afterAll } from 'vitest';
import { dropSpareWorlds } from './world-schemas.ts';

// Set up for every test file of the PostgreSQL project: the schemas kept for reuse go with it.
afterAll(async () => {
  await dropSpareWorlds();
});
