import { describe, expect, it } from 'vitest';
import { byteSize } from './workspace-export';

describe('byteSize', () => {
  it('writes sizes as people read them', () => {
    expect(byteSize(820)).toBe('820 B');
    expect(byteSize(14_200)).toBe('14 KB');
    expect(byteSize(2_345_678)).toBe('2.3 MB');
  });
});
