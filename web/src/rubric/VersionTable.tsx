import type { ReactNode } from 'react';
import type { StoredVersion } from './rubric-types.ts';

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

interface VersionTableProps<R extends { name: string }> {
  caption: string;
  versions: StoredVersion<R>[];
  /** The buttons of a row. */
  actions: (version: StoredVersion<R>) => ReactNode;
}

/** A rubric's versions, newest first: which is active, when each was made, its note. */
export function VersionTable<R extends { name: string }>(props: VersionTableProps<R>) {
  const newestFirst = [...props.versions].reverse();
  return (
    <div className="table-scroll">
      <table className="batch-table versions">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Name</th>
            <th scope="col">Created</th>
            <th scope="col">Note</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((version) => (
            <tr key={version.version} aria-current={version.current ? 'true' : undefined}>
              <td>{version.version}</td>
              <td>{version.rubric.name}</td>
              <td>
                <time dateTime={version.createdAt}>{when(version.createdAt)}</time>
              </td>
              <td>{version.note ?? ''}</td>
              <td>{version.current ? <strong>Active</strong> : 'Inactive'}</td>
              <td className="row-actions">{props.actions(version)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
