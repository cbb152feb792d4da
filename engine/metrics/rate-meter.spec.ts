import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate-meter.js';

describe('RateMeter', () => {
  it('works out the rate over the time since the last tick', () => {
    const meter = new RateMeter(0);
    meter.add(50);
    meter.add(50);
    meter.tick(500);
    expect(meter.perSecond).toBe(200);
    meter.tick(1500);
    expect(meter.perSecond).toBe(0);
    expect(meter.total).toBe(100);
  });

  it('ignores a tick that did not move the clock', () => {
    const meter = new RateMeter(10);
    meter.add(3);
    meter.tick(10);
    expect(meter.perSecond).toBe(0);
  });
});
