import { describe, expect, it } from 'vitest';
import { bytes, count, rate } from './format';

describe('format', () => {
  it('shows a dash for unknown numbers, never a fake zero', () => {
    expect(count(undefined)).toBe('–');
    expect(count(null)).toBe('–');
    expect(count(0)).toBe('0');
    expect(count(1234567)).toBe('1,234,567');
    expect(rate(undefined)).toBe('–');
    expect(bytes(undefined)).toBe('–');
  });

  it('rounds rates above 100 and keeps one decimal below', () => {
    expect(rate(12345.6)).toBe('12,346/s');
    expect(rate(2.345)).toBe('2.3/s');
  });

  it('sizes in B, KiB and MiB', () => {
    expect(bytes(512)).toBe('512 B');
    expect(bytes(1843)).toBe('1.8 KiB');
    expect(bytes(3 * 1024 * 1024)).toBe('3.0 MiB');
  });
});
