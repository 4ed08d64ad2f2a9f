import { ApiError } from '../api/client.ts';

/**
 * What a page shows when its data could not be read: "not found" for a 404 (also for another
 * client's record, which this client cannot tell apart from a missing one), "not allowed" for a
 * 403, and the server's explanation otherwise. A 401 never lands here: the shell signs out.
 */
export function ErrorState(props: { error: unknown; what?: string }) {
  const { error, what = 'This page' } = props;
  if (error instanceof ApiError && error.status === 404) {
    return (
      <div className="state" role="alert">
        <h1>Not found</h1>
        <p>{what} does not exist, or it is not yours to see.</p>
      </div>
    );
  }
  if (error instanceof ApiError && error.status === 403) {
    return (
      <div className="state" role="alert">
        <h1>Not allowed</h1>
        <p>{error.detail || 'Your sign-in does not allow this.'}</p>
      </div>
    );
  }
  return (
    <div className="state" role="alert">
      <h1>Something went wrong</h1>
      <p>{errorMessage(error)}</p>
    </div>
  );
}

/** One sentence for an error, for inline alerts. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail || error.title;
  if (error instanceof Error) return error.message;
  return 'An unexpected error occurred.';
}

export function Loading(props: { label?: string }) {
  return (
    <p className="loading" role="status">
      {props.label ?? 'Loading…'}
    </p>
  );
}
