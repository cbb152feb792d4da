import { describe, expect, it } from 'vitest';
import { EventHub, EventOutlet } from './event-outlet';

describe('EventOutlet and EventHub', () => {
  it('queues events until the UI reports ready, then delivers them in order', () => {
    const sent: unknown[] = [];
    const hub = new EventHub();
    const outlet = new EventOutlet((channel, payload) => sent.push([channel, payload]));
    hub.connect(outlet);
    hub.emit('app:notice', { level: 'info', message: 'one' });
    hub.emit('jobs:warning', { name: 'j', message: 'two', at: 1 });
    expect(sent).toEqual([]);
    outlet.ready();
    hub.emit('app:notice', { level: 'info', message: 'three' });
    expect(sent.map((s) => (s as [string, { message: string }])[1].message)).toEqual(['one', 'two', 'three']);
  });

  it('does not send a payload that breaks the contract, and reports it', () => {
    const sent: unknown[] = [];
    const invalid: string[] = [];
    const hub = new EventHub((m) => invalid.push(m));
    const outlet = new EventOutlet((channel, payload) => sent.push([channel, payload]));
    outlet.ready();
    hub.connect(outlet);
    hub.emit('app:notice', { level: 'loud' as never, message: 'x' });
    expect(sent).toEqual([]);
    expect(invalid[0]).toMatch(/app:notice/);
  });
});
