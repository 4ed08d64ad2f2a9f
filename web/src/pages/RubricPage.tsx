import { Link, useSearchParams } from 'react-router';
import { LeadRubricPart } from '../rubric/LeadRubricPart.tsx';
import { PostRubricPart } from '../rubric/PostRubricPart.tsx';
import '../styles/top-lists.css';
import '../styles/rubric.css';

const parts = [
  { id: 'leads', label: 'Lead rubric' },
  { id: 'posts', label: 'Post criteria' },
] as const;

/** The client's rubrics: what makes a lead worth contacting, and a post a good opener. */
export default function RubricPage() {
  const [params] = useSearchParams();
  const part = params.get('part') === 'posts' ? 'posts' : 'leads';

  return (
    <section aria-labelledby="page-title" className="top-page rubric-page">
      <h1 id="page-title">Rubric</h1>
      <nav aria-label="Rubric parts" className="part-nav">
        {parts.map((entry) => (
          <Link
            key={entry.id}
            to={entry.id === 'leads' ? '/rubric' : '/rubric?part=posts'}
            aria-current={entry.id === part ? 'page' : undefined}
          >
            {entry.label}
          </Link>
        ))}
      </nav>
      {/* Both stay mounted, so a draft in one part survives a look at the other. */}
      <div hidden={part !== 'leads'}>
        <LeadRubricPart />
      </div>
      <div hidden={part !== 'posts'}>
        <PostRubricPart />
      </div>
    </section>
  );
}
