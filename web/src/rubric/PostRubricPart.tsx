import { useState } from 'react';
import { useCurrentClient } from '../api/current-client.tsx';
import { ErrorState, Loading } from '../components/ErrorState.tsx';
import { PostRubricEditor } from './PostRubricEditor.tsx';
import { blankPostDraft, type PostRubricDraft, postDraftOf } from './post-rubric-draft.ts';
import { useCurrentPostRubric, usePostRubricVersions } from './rubric-api.ts';
import { VersionTable } from './VersionTable.tsx';

interface Loaded {
  key: string;
  draft: PostRubricDraft;
  from: number;
}

function PostVersions(props: { onLoad: (loaded: Loaded) => void }) {
  const versions = usePostRubricVersions();
  if (versions.isPending) return <Loading label="Loading the versions…" />;
  if (versions.isError)
    return <ErrorState error={versions.error} what="The post rubric versions" />;
  if (versions.data.versions.length === 0) return <p>No version is stored yet.</p>;
  return (
    <VersionTable
      caption="Post rubric versions"
      versions={versions.data.versions}
      actions={(version) => (
        <button
          type="button"
          className="link-button"
          onClick={() =>
            props.onLoad({
              key: `loaded-${version.version}-${Date.now()}`,
              draft: postDraftOf(version.rubric),
              from: version.version,
            })
          }
        >
          Load version {version.version} into the editor
        </button>
      )}
    />
  );
}

/** The post rubric (the posts criteria): its editor and its versions. */
export function PostRubricPart() {
  const client = useCurrentClient();
  const current = useCurrentPostRubric();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [saved, setSaved] = useState<number | null>(null);

  if (current.isPending) return <Loading label="Loading the post rubric…" />;
  if (current.isError) return <ErrorState error={current.error} what="The post rubric" />;
  const active = current.data;
  const initial = loaded?.draft ?? (active ? postDraftOf(active.rubric) : blankPostDraft());

  return (
    <>
      {client.serviceLevel === 'leads' && (
        <p className="hint service-level-note">
          Posts are not part of {client.name}'s service yet: a post rubric saved here is kept, but
          runs will not harvest or score posts until the service level includes posts.
        </p>
      )}
      <p className="hint">
        {active
          ? `Version ${active.version} is active; posts are scored with it by the next score-posts run.`
          : 'There is no post rubric yet: write the first one below.'}
      </p>
      {saved !== null && (
        <p role="status" className="outcome">
          Version {saved} of the post rubric is active.
        </p>
      )}
      <PostRubricEditor
        key={loaded?.key ?? `active-${active?.version ?? 'none'}`}
        initial={initial}
        onSaved={(version) => {
          setLoaded(null);
          setSaved(version);
        }}
      />
      <section aria-labelledby="post-versions-title" className="panel">
        <h2 id="post-versions-title">Versions</h2>
        <PostVersions
          onLoad={(next) => {
            setSaved(null);
            setLoaded(next);
          }}
        />
      </section>
    </>
  );
}
