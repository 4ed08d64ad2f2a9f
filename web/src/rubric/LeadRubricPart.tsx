import { useState } from 'react';
import { ErrorState, Loading } from '../components/ErrorState.tsx';
import { LeadRubricEditor } from './LeadRubricEditor.tsx';
import { LeadRubricVersions } from './LeadRubricVersions.tsx';
import { useCurrentRubric } from './rubric-api.ts';
import { blankDraft, draftOf, type RubricDraft } from './rubric-draft.ts';

interface Loaded {
  key: string;
  draft: RubricDraft;
  from: number;
}

/** The lead rubric: the editor (from the active version, or one loaded), and the versions. */
export function LeadRubricPart() {
  const current = useCurrentRubric();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [activated, setActivated] = useState<number | null>(null);

  if (current.isPending) return <Loading label="Loading the rubric…" />;
  if (current.isError) return <ErrorState error={current.error} what="The rubric" />;
  const active = current.data;
  const editorKey = loaded?.key ?? `active-${active?.version ?? 'none'}`;
  const initial = loaded?.draft ?? (active ? draftOf(active.rubric) : blankDraft());
  const onActivated = (version: number) => {
    setLoaded(null);
    setActivated(version);
  };

  return (
    <>
      <p className="hint">
        {active
          ? `Version ${active.version} is active. The editor starts from ${loaded ? `version ${loaded.from}` : 'it'}; a change becomes a new version.`
          : 'There is no rubric yet: write the first one below.'}
      </p>
      {activated !== null && (
        <p role="status" className="outcome">
          Version {activated} is active. Leads are scored with it by the next scoring run.
        </p>
      )}
      <LeadRubricEditor key={editorKey} initial={initial} onActivated={onActivated} />
      <section aria-labelledby="versions-title" className="panel">
        <h2 id="versions-title">Versions</h2>
        <LeadRubricVersions
          onActivated={onActivated}
          onLoad={(version) => {
            setActivated(null);
            setLoaded({
              key: `loaded-${version.version}-${Date.now()}`,
              draft: draftOf(version.rubric),
              from: version.version,
            });
          }}
        />
      </section>
    </>
  );
}
