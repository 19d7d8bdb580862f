const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A random id of base36 characters (default 16, about 82 bits), for users, workspaces and Yjs entries. */
export function newId(length = 16): string {
  let id = '';
  while (id.length < length) {
    const bytes = new Uint8Array(length * 2);
    globalThis.crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      // 252 is the largest multiple of 36 that fits a byte: skipping the rest keeps every character equally likely.
      if (byte < 252 && id.length < length) id += ALPHABET[byte % 36];
    }
  }
  return id;
}
