import { addPostRubricVersion } from '../../src/posts/post-rubric-store.ts';
import { writePostInputs } from '../../src/posts/post-store.ts';
import { scorePostsOperation } from '../../src/posts/score-posts-operation.ts';
import type { Operation } from '../../src/runs/operation.ts';
import { addRubricVersion } from '../../src/scoring/rubric-store.ts';
import { scoreLeadsOperation } from '../../src/scoring/score-leads-operation.ts';
import { loadExampleRubric } from '../../src/scoring/scoring-fixtures.ts';
import { seedLead } from '../support/lead-fixtures.ts';
import { freightPostRubric, postInput, recordingProgress } from '../support/post-fixtures.ts';
import type { PortalServer } from './support/portal-server.ts';

/** Runs a real operation (scoring) for one client of the portal's server. */
async function runFor(portal: PortalServer, clientId: string, operation: Operation, runId: string) {
  const client = await portal.world.clients.get(clientId);
  const { progress } = recordingProgress();
  await portal.withClient(clientId, (store) =>
    operation.run({ runId, client, store, progress, signal: new AbortController().signal }),
  );
}

export interface ScoredLead {
  id: string;
  /** A recruiter at a freight firm: the rubric disqualifies recruiters. */
  recruiterId: string;
  slug: string;
  bestPostText: string;
  bestPostUrl: string;
}

/**
 * A freight buyer scored by the offline scorer against the Haulwise example rubric, with two
 * posts scored against a freight post rubric: everything the lead page shows, made for real.
 */
export async function seedScoredLead(portal: PortalServer, clientId: string): Promise<ScoredLead> {
  const slug = 'greta-lindqvist';
  const best = postInput({
    authorKey: `in:${slug}`,
    authorName: 'Greta Lindqvist',
    text: 'Freight tender season again: quick poll on carrier contracts',
    postedAt: '2025-09-10T08:00:00.000Z',
  });
  const weak = postInput({
    authorKey: `in:${slug}`,
    authorName: 'Greta Lindqvist',
    text: 'Happy Friday, everyone',
    postedAt: '2025-09-12T08:00:00.000Z',
  });

  const ids = await portal.withClient(clientId, async (store) => {
    await addRubricVersion(store, loadExampleRubric('haulwise-freight-operations.json'));
    await addPostRubricVersion(store, freightPostRubric);
    const lead = await seedLead(store, {
      slug,
      fullName: 'Greta Lindqvist',
      headline: 'Head of Procurement at Nordhafen Freight',
      position: 'Head of Procurement',
      company: 'Nordhafen Freight',
      location: 'Hamburg, Germany',
    });
    const recruiter = await seedLead(store, {
      slug: 'rolf-recruits',
      fullName: 'Rolf Recruits',
      headline: 'Senior Recruiter for logistics roles',
      company: 'Nordhafen Freight',
    });
    await writePostInputs(store, [best, weak]);
    return { id: lead.id, recruiterId: recruiter.id };
  });
  await runFor(portal, clientId, scoreLeadsOperation(), 'run_e2e_leads');
  await runFor(portal, clientId, scorePostsOperation(), 'run_e2e_posts');
  return { ...ids, slug, bestPostText: best.text ?? '', bestPostUrl: best.url };
}
