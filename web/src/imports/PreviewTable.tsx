import type { ImportPreview } from './imports-api.ts';

const formatNames: Record<string, string> = {
  connections: 'LinkedIn Connections export',
  salesnav: 'Sales Navigator / PhantomBuster export',
  airtable: 'Airtable Leads export',
  linkedhelper: 'LinkedHelper profiles (JSON)',
  mapped: 'Plain CSV through your column map',
};

export const formatName = (format: string) => formatNames[format] ?? format;

/** The detected format and the first records as the import will read them. */
export function PreviewTable(props: { preview: ImportPreview }) {
  const { preview } = props;
  const anyRejected = preview.rows.some((row) => row.rejection);
  return (
    <div className="import-preview">
      <p>
        Detected format: <strong>{formatName(preview.format ?? '')}</strong>
      </p>
      <div className="table-scroll">
        <table>
          <caption>First {preview.rows.length} records, as they will be imported</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Name</th>
              <th scope="col">LinkedIn</th>
              <th scope="col">Company</th>
              <th scope="col">Position</th>
              <th scope="col">Location</th>
              {anyRejected && <th scope="col">Problem</th>}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <tr key={row.record} className={row.rejection ? 'rejected' : undefined}>
                <td>{row.line}</td>
                <td>{row.fullName ?? '–'}</td>
                <td className="profile-ref">{row.profile ?? '–'}</td>
                <td>{row.company ?? '–'}</td>
                <td>{row.position ?? '–'}</td>
                <td>{row.location ?? '–'}</td>
                {anyRejected && (
                  <td className={row.rejection ? 'error' : undefined}>
                    {row.rejection ? `Will be rejected: ${row.rejection}` : ''}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
