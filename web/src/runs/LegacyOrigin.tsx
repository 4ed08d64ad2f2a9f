import type { LegacyOrigin as Origin } from './runs-api.ts';

/**
 * Where an imported run came from and what the import flagged for a person to check (a fallback
 * run ID, a possible duplicate), as `leadbase runs show` prints it.
 */
export function LegacyOrigin(props: { origin: Origin }) {
  const { origin } = props;
  const stream = origin.stream === null ? '' : `, stream ${origin.stream}`;
  return (
    <div className="legacy-origin">
      <p className="hint">
        Imported from legacy run <code>{origin.run}</code> (legacy client {origin.clientId}
        {stream}; export records {origin.records.join(', ')}; run IDs {origin.runIds.join(', ')}).
      </p>
      {origin.flags.length > 0 && (
        <ul className="legacy-flags" aria-label="Flagged for checking">
          {origin.flags.map((flag) => (
            <li key={flag}>
              <span className="badge flagged">Flagged</span> {flag}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
