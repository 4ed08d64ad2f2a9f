import { pageSize } from './lead-search-params.ts';

/** Where the page sits in the results, and the buttons to the pages around it. */
export function Pager(props: {
  shown: number;
  /** How many pages come before this one (0 for the first). */
  pageIndex: number;
  total: number | undefined;
  loading: boolean;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  const first = props.pageIndex * pageSize + 1;
  const last = props.pageIndex * pageSize + props.shown;
  const of = props.total === undefined ? '' : ` of ${props.total.toLocaleString()}`;
  const text =
    props.shown === 0
      ? `0 leads${of}`
      : `Leads ${first.toLocaleString()}–${last.toLocaleString()}${of}`;

  return (
    <nav className="pager" aria-label="Pages of leads">
      <output aria-live="polite" aria-busy={props.loading}>
        {props.loading ? 'Loading…' : text}
      </output>
      <button
        type="button"
        className="secondary"
        disabled={!props.hasPrevious}
        onClick={props.onPrevious}
      >
        Previous page
      </button>
      <button type="button" className="secondary" disabled={!props.hasNext} onClick={props.onNext}>
        Next page
      </button>
    </nav>
  );
}
