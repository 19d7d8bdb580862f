import { describe, expect, it } from 'vitest';
import { WriteClock } from './write-clock';

describe('WriteClock', () => {
  it('keeps writes before a read at or before it, and writes after it strictly after, within one millisecond', () => {
    const clock = new WriteClock(() => 1_000);
    const before = clock.write();
    const read = clock.read();
    const after = clock.write();
    expect(before.getTime()).toBeLessThanOrEqual(read.getTime());
    expect(after.getTime()).toBeGreaterThan(read.getTime());
    // Another read in that millisecond holds the write just stamped.
    expect(clock.read().getTime()).toBeGreaterThanOrEqual(after.getTime());
  });

  it('follows the wall clock when it moves on, and never goes back when it steps back', () => {
    let now = 5_000;
    const clock = new WriteClock(() => now);
    expect(clock.write().getTime()).toBe(5_000);
    now = 6_000;
    expect(clock.read().getTime()).toBe(6_000);
    now = 4_000;
    expect(clock.write().getTime()).toBe(6_001);
    expect(clock.read().getTime()).toBe(6_001);
  });

  it('does not run ahead of the wall clock while only reads or only writes happen', () => {
    const clock = new WriteClock(() => 7_000);
    for (let i = 0; i < 100; i++) clock.read();
    expect(clock.read().getTime()).toBe(7_000);
    for (let i = 0; i < 100; i++) clock.write();
    expect(clock.write().getTime()).toBe(7_001);
  });
});
