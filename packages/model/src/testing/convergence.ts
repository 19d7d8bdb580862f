import * as Y from 'yjs';

/** A seeded PRNG (mulberry32), so a failing random run can be replayed from its seed. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof seededRandom>;

/**
 * N replicas that exchange updates like clients of one server, with the network's worst habits:
 * messages delivered in random order, replicas going offline (their edits wait in an outbox) and
 * coming back with a full state exchange. After `settle()`, every replica must be equal.
 */
export class ReplicaNetwork {
  readonly docs: Y.Doc[];
  private readonly inboxes: Uint8Array[][];
  private readonly online: boolean[];

  constructor(
    count: number,
    private readonly random: Random,
  ) {
    this.docs = Array.from({ length: count }, (_, i) => {
      const doc = new Y.Doc();
      doc.clientID = i + 1;
      return doc;
    });
    this.inboxes = this.docs.map(() => []);
    this.online = this.docs.map(() => true);
    this.docs.forEach((doc, i) =>
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === this || !this.online[i]) return;
        this.docs.forEach((_, j) => j !== i && this.online[j] && this.inboxes[j]!.push(update));
      }),
    );
  }

  /** Delivers one pending message to a random replica, picked at random from its inbox. */
  deliverOne(): boolean {
    const candidates = this.inboxes.map((box, i) => (box.length > 0 ? i : -1)).filter((i) => i >= 0);
    if (candidates.length === 0) return false;
    const i = this.random.pick(candidates);
    const box = this.inboxes[i]!;
    const [update] = box.splice(this.random.int(box.length), 1);
    Y.applyUpdate(this.docs[i]!, update!, this);
    return true;
  }

  deliverSome(max: number): void {
    for (let k = this.random.int(max + 1); k > 0 && this.deliverOne(); k--);
  }

  goOffline(i: number): void {
    this.online[i] = false;
    this.inboxes[i] = [];
  }

  /** Reconnects a replica: like y-websocket's sync steps, both sides send what the other lacks. */
  goOnline(i: number): void {
    this.online[i] = true;
    const doc = this.docs[i]!;
    this.docs.forEach((other, j) => {
      if (j === i || !this.online[j]) return;
      Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)), this);
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), this);
    });
  }

  /** Randomly takes replicas off- and online. */
  churn(): void {
    const i = this.random.int(this.docs.length);
    if (this.online[i]) {
      if (this.random.chance(0.5)) this.goOffline(i);
    } else {
      this.goOnline(i);
    }
  }

  /** Brings everyone online and delivers everything. */
  settle(): void {
    this.docs.forEach((_, i) => !this.online[i] && this.goOnline(i));
    while (this.deliverOne());
    this.docs.forEach((_, i) => this.goOnline(i));
  }
}
