/**
 * The portal's one way to the API: same-origin requests to /api with the session cookie, the
 * CSRF header the server requires of cookie-authenticated writes, and for an admin the client
 * chosen in the switcher. Every failure is an ApiError parsed from the problem+json answer.
 */

/** The header the server requires on writes made with the session cookie (see session-csrf). */
export const csrfHeader = 'x-leadbase-csrf';

export interface ProblemIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly details: ProblemIssue[];
  /** Seconds the server asks to wait before trying again (429), when it said. */
  readonly retryAfter: number | undefined;

  constructor(
    status: number,
    code: string,
    title: string,
    detail: string,
    details: ProblemIssue[],
    retryAfter?: number,
  ) {
    super(detail || title);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.details = details;
    this.retryAfter = retryAfter;
  }
}

let chosenClientId: string | null = null;

/** The client an admin acts for; null for a client session (the server knows its client). */
export function setActingClient(clientId: string | null): void {
  chosenClientId = clientId;
}

export function actingClient(): string | null {
  return chosenClientId;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function problemOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not problem+json (a proxy's page, say): the status alone tells what happened.
  }
  const str = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
  return new ApiError(
    response.status,
    str(body.code, `http_${response.status}`),
    str(body.title, response.statusText || 'Request failed'),
    str(body.detail, ''),
    Array.isArray(body.errors) ? (body.errors as ProblemIssue[]) : [],
    retryAfterOf(body.retryAfter, response.headers.get('retry-after')),
  );
}

/** The wait a 429 states, in seconds: the problem's retryAfter, else a numeric Retry-After. */
function retryAfterOf(stated: unknown, header: string | null): number | undefined {
  if (typeof stated === 'number' && stated >= 0) return stated;
  const seconds = header === null ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** A request to the API; resolves to the raw response when it succeeded (2xx). */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const method = (init.method ?? 'GET').toUpperCase();
  if (unsafeMethods.has(method)) headers.set(csrfHeader, '1');
  if (chosenClientId !== null && !headers.has('x-client-id')) {
    headers.set('x-client-id', chosenClientId);
  }
  if (typeof init.body === 'string' && !headers.has('content-type')) {
    headers.set('content-type', 'application/json');
  }
  const response = await fetch(`/api${path}`, {
    ...init,
    method,
    headers,
    credentials: 'same-origin',
  });
  if (!response.ok) throw await problemOf(response);
  return response;
}

/** A JSON request: `body` (when not a string or form) is sent as JSON; 204 resolves to null. */
export async function api<T>(
  path: string,
  init: Omit<RequestInit, 'body'> & { body?: unknown } = {},
): Promise<T> {
  const { body, ...rest } = init;
  const encoded =
    body === undefined || typeof body === 'string' || body instanceof FormData
      ? (body as BodyInit | undefined)
      : JSON.stringify(body);
  const response = await apiFetch(path, {
    ...rest,
    ...(encoded === undefined ? {} : { body: encoded }),
  });
  if (response.status === 204) return null as T;
  return (await response.json()) as T;
}
