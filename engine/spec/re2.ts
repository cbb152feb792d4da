import { RE2JS } from 're2js';

// Regular expressions from operators (topic patterns, JSONata regexes) run on RE2 (re2js): time
// linear in the input, so no pattern can stall a job with catastrophic backtracking.

// RE2 refuses these by design (they need backtracking); its parser's own words are less plain.
const UNSUPPORTED: readonly [RegExp, string][] = [
  [/\(\?<?[=!]/, 'lookarounds are not supported'],
  [/\\[1-9]|\\k</, 'backreferences are not supported'],
];

/** Why RE2 cannot run the pattern `source` (RE2 syntax), or undefined when it can. */
export function re2Problem(source: string, flags = 0): string | undefined {
  try {
    RE2JS.compile(source, flags);
    return undefined;
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    const plain = UNSUPPORTED.find(([syntax]) => syntax.test(source))?.[1];
    return plain === undefined ? reason : `${plain} (${reason})`;
  }
}

/** A JavaScript regular expression (as JSONata parses its /regex/flags) in RE2 syntax, with RE2 flags. */
export function fromJsRegExp(regex: RegExp): { source: string; flags: number } {
  let flags = 0;
  if (regex.flags.includes('i')) flags |= RE2JS.CASE_INSENSITIVE;
  if (regex.flags.includes('m')) flags |= RE2JS.MULTILINE;
  return { source: RE2JS.translateRegExp(regex.source), flags };
}
