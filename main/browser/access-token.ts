import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A per-launch secret the browser must present; 32 random bytes, URL-safe. */
export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time: hashing first makes both sides the same length whatever was sent. */
export function tokenMatches(expected: string, presented: string | null | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}
