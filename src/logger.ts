import pino from 'pino';

/** Paths that must never reach a log line, at any depth we know of. */
export const redactedPaths = [
  'token',
  'authorization',
  'cookie',
  'email',
  'apiKey',
  '*.token',
  '*.authorization',
  '*.cookie',
  '*.email',
  '*.apiKey',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-ingest-token"]',
  'res.headers["set-cookie"]',
];

// The CLI sets LEADBASE_LOG_DESTINATION=stderr before loading anything: its stdout is for results.
const destination =
  process.env.LEADBASE_LOG_DESTINATION === 'stderr' ? pino.destination(2) : undefined;

export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
    redact: { paths: redactedPaths, censor: '[redacted]' },
    base: undefined,
  },
  destination,
);

export type Logger = typeof logger;
