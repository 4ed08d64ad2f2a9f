/** One of a worker's slots: whether it is idle, since which poll, and its sleep between polls. */
export class WorkerSlot {
  /** The poll number of its last claim that found nothing; -1 while it works on a record. */
  lastEmptyPoll = -1;
  private wakeUp: (() => void) | undefined;
  /** A wake-up that came while the slot was not asleep: its next sleep ends at once. */
  private woken = false;

  busy(): void {
    this.lastEmptyPoll = -1;
  }

  foundNothing(poll: number): void {
    this.lastEmptyPoll = poll;
  }

  /** Waits `ms`, or less when woken. */
  sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.woken = true;
  }
}
