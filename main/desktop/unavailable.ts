/** Error name for a channel this shell does not offer; the renderer then takes its fallback route. */
export const UNAVAILABLE_IN_SHELL = 'UnavailableInShell';

export function unavailableInShell(channel: string): Error {
  const error = new Error(`${channel} is only available in the desktop app`);
  error.name = UNAVAILABLE_IN_SHELL;
  return error;
}
