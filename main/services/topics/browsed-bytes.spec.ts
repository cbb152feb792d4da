import { describe, expect, it } from 'vitest';
import { browsedBytes, browsedHeaders } from './browsed-bytes';

describe('browsedBytes', () => {
  it('keeps every byte and gives text only for UTF-8', () => {
    expect(browsedBytes(Buffer.from('héllo'))).toEqual({ base64: 'aMOpbGxv', text: 'héllo', size: 6 });
    expect(browsedBytes(Buffer.from([0xff, 0x00, 0xc3]))).toEqual({ base64: '/wDD', text: null, size: 3 });
    expect(browsedBytes(Buffer.alloc(0))).toEqual({ base64: '', text: '', size: 0 });
    expect(browsedBytes(null)).toBeNull();
  });

  it('lists repeated and null headers', () => {
    const headers = browsedHeaders({ a: [Buffer.from('1'), Buffer.from([0xfe])], b: null as unknown as Buffer });
    expect(headers.map(([name, v]) => [name, v?.text ?? null, v?.base64 ?? null])).toEqual([
      ['a', '1', 'MQ=='],
      ['a', null, '/g=='],
      ['b', null, null],
    ]);
  });
});
