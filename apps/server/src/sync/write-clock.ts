/**
 * The times the engine gives to what it applies and to what reads a document, so that history can
 * cut the edit log at a version exactly: a read stamped `t` holds every write stamped at or before
 * `t` and none stamped after. Writes are applied, and reads run, synchronously on the event loop, so
 * wall-clock order is the true order except within one millisecond; there a write taken after a read
 * is moved one millisecond on. (Stamping a write when it became durable, as before, put an edit the
 * database was still storing after a version that already held it.)
 */
export class WriteClock {
  private lastWrite = 0;
  private lastRead = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** A write's time: after every read stamped so far. */
  write(): Date {
    const t = Math.max(this.now(), this.lastRead + 1);
    this.lastWrite = Math.max(this.lastWrite, t);
    return new Date(t);
  }

  /** A read's time: at or after every write stamped so far. */
  read(): Date {
    const t = Math.max(this.now(), this.lastWrite);
    this.lastRead = Math.max(this.lastRead, t);
    return new Date(t);
  }
}
