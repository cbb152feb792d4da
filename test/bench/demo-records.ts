/**
 * Demo data for `npm run sandbox`: a few topics that look like a small shop, with keys, JSON values
 * and timestamps spread over the last hour, so every screen of the console has something to show.
 * Generated from a fixed seed, so a fresh sandbox always holds the same records (bar the times).
 */

export interface DemoRecord {
  key: string;
  value: string;
  timestamp: number;
}

export interface DemoTopic {
  topic: string;
  partitions: number;
  records: (now: number) => DemoRecord[];
}

const HOUR_MS = 3_600_000;

/** A small deterministic generator (LCG); Math.random would make every sandbox different. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

/** `count` timestamps from an hour ago up to now, in order, with a little jitter. */
function spread(now: number, count: number, random: () => number): number[] {
  const step = HOUR_MS / count;
  return Array.from({ length: count }, (_, index) => Math.floor(now - HOUR_MS + index * step + random() * step * 0.8));
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)] as T;
const cents = (value: number): number => Math.round(value * 100) / 100;

/** Order number `index` at `timestamp`: a customer, some items, an amount and a status. */
function order(index: number, timestamp: number, random: () => number): DemoRecord {
  const customer = `customer-${1 + Math.floor(random() * 40)}`;
  const items = 1 + Math.floor(random() * 4);
  const value = {
    orderId: `o-${10_000 + index}`,
    customer,
    items,
    amount: cents(items * (5 + random() * 60)),
    currency: pick(['EUR', 'USD', 'GBP'], random),
    status: pick(['created', 'created', 'paid', 'shipped', 'cancelled'], random),
  };
  return { key: customer, value: JSON.stringify(value), timestamp };
}

function orders(now: number): DemoRecord[] {
  const random = seeded(1);
  return spread(now, 240, random).map((timestamp, index) => order(index, timestamp, random));
}

/** Orders that keep coming (`npm run sandbox -- --live`), numbered on from the seeded hour. */
export function liveOrders(): (now: number) => DemoRecord {
  const random = seeded(Date.now() % 2 ** 32);
  let index = 240 + Math.floor(random() * 1_000_000);
  return (now) => order(index++, now, random);
}

function payments(now: number): DemoRecord[] {
  const random = seeded(2);
  return spread(now, 180, random).map((timestamp, index) => {
    const orderId = `o-${10_000 + Math.floor(random() * 240)}`;
    const value = {
      paymentId: `p-${50_000 + index}`,
      orderId,
      amount: cents(5 + random() * 200),
      method: pick(['card', 'card', 'paypal', 'bank-transfer'], random),
      status: pick(['authorized', 'captured', 'captured', 'declined'], random),
    };
    return { key: orderId, value: JSON.stringify(value), timestamp };
  });
}

function metrics(seed: number, metric: 'cpu' | 'mem'): (now: number) => DemoRecord[] {
  return (now) => {
    const random = seeded(seed);
    const hosts = ['web-1', 'web-2', 'worker-1', 'worker-2'];
    return spread(now, 160, random).map((timestamp, index) => {
      const host = hosts[index % hosts.length] as string;
      const value =
        metric === 'cpu'
          ? { host, metric: 'cpu.usage', unit: 'percent', value: cents(10 + random() * 80) }
          : { host, metric: 'mem.used', unit: 'MiB', value: Math.round(900 + random() * 2_500) };
      return { key: host, value: JSON.stringify(value), timestamp };
    });
  };
}

export const demoTopics: DemoTopic[] = [
  { topic: 'orders', partitions: 3, records: orders },
  { topic: 'payments', partitions: 1, records: payments },
  { topic: 'metrics-cpu', partitions: 1, records: metrics(3, 'cpu') },
  { topic: 'metrics-mem', partitions: 1, records: metrics(4, 'mem') },
  // Empty: where the console's first-run demo job writes the paid orders.
  { topic: 'orders-paid', partitions: 3, records: () => [] },
];

/** The topic the live orders go to. */
export const LIVE_TOPIC = 'orders';
