import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { ErrorState, errorMessage, Loading } from '../components/ErrorState.tsx';
import { PreviewResult } from './PreviewResult.tsx';
import { useActivateVersion, usePreview, useRubricVersions } from './rubric-api.ts';
import type { RubricVersion } from './rubric-types.ts';
import { VersionTable } from './VersionTable.tsx';

interface LeadRubricVersionsProps {
  onLoad: (version: RubricVersion) => void;
  onActivated: (version: number) => void;
}

/** The lead rubric's versions; an older one can be loaded, previewed, and made active again. */
export function LeadRubricVersions(props: LeadRubricVersionsProps) {
  const versions = useRubricVersions();
  const preview = usePreview();
  const activate = useActivateVersion();

  if (versions.isPending) return <Loading label="Loading the versions…" />;
  if (versions.isError) return <ErrorState error={versions.error} what="The rubric versions" />;
  if (versions.data.versions.length === 0) return <p>No version is stored yet.</p>;
  const previewed = preview.isSuccess ? preview.data.version : null;

  return (
    <>
      <VersionTable
        caption="Lead rubric versions"
        versions={versions.data.versions}
        actions={(version) => (
          <>
            <button type="button" className="link-button" onClick={() => props.onLoad(version)}>
              Load version {version.version} into the editor
            </button>
            {!version.current && (
              <button
                type="button"
                className="link-button"
                onClick={() => preview.mutate({ version: version.version })}
              >
                Preview version {version.version}
              </button>
            )}
          </>
        )}
      />
      {preview.isError && (
        <p role="alert" className="error">
          {errorMessage(preview.error)}
        </p>
      )}
      {preview.isSuccess && previewed !== null && (
        <>
          <PreviewResult preview={preview.data} title={`Preview of version ${previewed}`} />
          <ConfirmButton
            label={`Activate version ${previewed}`}
            title={`Make version ${previewed} the active rubric?`}
            confirmLabel="Activate"
            disabled={activate.isPending}
            onConfirm={() =>
              activate.mutate(previewed, {
                onSuccess: (active) => {
                  preview.reset();
                  props.onActivated(active.version);
                },
              })
            }
          >
            <p>
              {preview.data.changed} of {preview.data.examined} leads would change tier. Leads are
              scored with it by the next scoring run.
            </p>
          </ConfirmButton>
        </>
      )}
      {activate.isError && (
        <p role="alert" className="error">
          {errorMessage(activate.error)}
        </p>
      )}
    </>
  );
}
