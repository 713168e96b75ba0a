/** A wait that `interrupt()` ends at once, so that stopping a watcher never waits out a backoff. */
export class Pause {
  private wake?: () => void;

  for(ms: number): Promise<void> {
    return new Promise(resolve => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      function done() {
        resolve();
      }
      this.wake = wake;
    });
  }

  interrupt(): void {
    this.wake?.();
  }
}
