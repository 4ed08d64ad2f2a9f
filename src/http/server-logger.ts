import pino from 'pino';
import { redactedPaths } from '../logger.ts';

/**
 * The server's logger: JSON lines on stdout at `info` (LEADBASE_HTTP_LOG_LEVEL changes it; the
 * CLI quiets the shared logger, but a server's request log is its output).
 */
export function createServerLogger(
  env: NodeJS.ProcessEnv = process.env,
  destination: pino.DestinationStream = pino.destination(1),
) {
  return pino(
    {
      level: env.LEADBASE_HTTP_LOG_LEVEL ?? 'info',
      redact: { paths: redactedPaths, censor: '[redacted]' },
      base: undefined,
    },
    destination,
  );
}
