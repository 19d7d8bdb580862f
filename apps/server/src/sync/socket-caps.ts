/**
 * How many sync sockets each member (a user, or an API token) and each address holds, so that one
 * session or one machine cannot open thousands (issue 11.6: 3,000 from one session were accepted).
 * A slot is taken before the upgrade and given back when the socket closes.
 */
export class SocketCaps {
  private readonly members = new Map<string, number>();
  private readonly addresses = new Map<string, number>();

  constructor(private readonly limits: { perMember: number; perAddress: number }) {}

  /** Takes a slot, or says which cap is full. `release` gives the slot back (once). */
  take(member: string, address: string): { ok: true; release: () => void } | { ok: false; cap: 'member' | 'address' } {
    if ((this.members.get(member) ?? 0) >= this.limits.perMember) return { ok: false, cap: 'member' };
    if ((this.addresses.get(address) ?? 0) >= this.limits.perAddress) return { ok: false, cap: 'address' };
    bump(this.members, member, 1);
    bump(this.addresses, address, 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        bump(this.members, member, -1);
        bump(this.addresses, address, -1);
      },
    };
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}
