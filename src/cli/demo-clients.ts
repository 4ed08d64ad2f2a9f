import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NewClient } from '../clients/client-registry.ts';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');

export interface DemoClient {
  client: NewClient & { id: string };
  rubric: string;
  files: string[];
}

/** The two invented clients of `npm run demo`, their rubrics and their export files. */
export const demoClients: DemoClient[] = [
  {
    client: { id: 'haulwise', name: 'Haulwise', timeZone: 'Europe/Berlin', serviceLevel: 'leads' },
    rubric: join(examples, 'rubrics', 'haulwise-freight-operations.json'),
    files: [
      join(examples, 'haulwise', 'Connections.csv'),
      join(examples, 'haulwise', 'salesnav-phantombuster.csv'),
    ],
  },
  {
    client: {
      id: 'ledgerline',
      name: 'Ledgerline Advisory',
      timeZone: 'Europe/London',
      serviceLevel: 'leads',
    },
    rubric: join(examples, 'rubrics', 'ledgerline-payments-founders.json'),
    files: [
      join(examples, 'ledgerline', 'linkedhelper-profiles.json'),
      join(examples, 'ledgerline', 'airtable-leads.csv'),
    ],
  },
];
