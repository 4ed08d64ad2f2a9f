import { logger } from '../logger.ts';
import type { RunLedger } from './run-ledger.ts';

export interface LeaseKeeper {
  stop(): void;
}

/**
 * Renews a record's lease at a third of its length while the work goes on. When a renewal is
 * refused (the run was cancelled, another worker took the record) or cannot be written, the
 * lease is as good as lost: `onLost` is called once and renewing stops.
 */
export function keepLease(
  ledger: RunLedger,
  lease: { recordId: number; owner: string; leaseMs: number },
  onLost: () => void,
): LeaseKeeper {
  const every = Math.max(Math.floor(lease.leaseMs / 3), 1);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const renew = async () => {
    let held = false;
    try {
      held = await ledger.renewLease(lease.recordId, lease.owner, lease.leaseMs);
    } catch (error) {
      logger.warn({ err: error, recordId: lease.recordId }, 'run record lease renewal failed');
    }
    if (stopped) return;
    if (held) {
      timer = setTimeout(() => void renew(), every);
      return;
    }
    stopped = true;
    onLost();
  };

  timer = setTimeout(() => void renew(), every);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
