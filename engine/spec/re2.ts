import { RE2JS } from 're2js';

// Regular expressions from operators (topic patterns, JSONata regexes) run on RE2 (re2js): time
// linear in the input, so no pattern can stall a job with catastrophic backtracking.

/**
 * Syntax RE2 refuses by design (it needs backtracking), named plainly: RE2's parser says less,
 * and translating a JavaScript pattern would silently turn `\k<name>` into letters.
 */
function unsupportedSyntax(source: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<'))) {
        return 'backreferences are not supported';
      }
      i++;
    } else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(' && /^\(\?<?[=!]/.test(source.slice(i, i + 4))) return 'lookarounds are not supported';
  }
  return undefined;
}

/** Why RE2 cannot run the pattern `source` (RE2 syntax), or undefined when it can. */
export function re2Problem(source: string, flags = 0): string | undefined {
  const plain = unsupportedSyntax(source);
  try {
    RE2JS.compile(source, flags);
    return plain;
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    return plain === undefined ? reason : `${plain} (${reason})`;
  }
}

// JavaScript's `.` stops at every line terminator and its `\s` takes Unicode spaces; RE2's stop at
// "\n" and take ASCII spaces only. Written out, they mean the same on both.
const JS_DOT = '[^\\n\\r\\u2028\\u2029]';
const JS_SPACES = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';

/** `.`, `\s` and `\S` of a JavaScript pattern spelled out, so RE2 matches what RegExp would. */
function withJsClasses(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      i++;
      if (next === 's') out += inClass ? JS_SPACES : `[${JS_SPACES}]`;
      else if (next === 'S' && !inClass) out += `[^${JS_SPACES}]`;
      else out += c + next;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      // A leading "]" or "^]" is part of the class in some engines; JavaScript closes the class at it.
    } else out += c === '.' ? JS_DOT : c;
  }
  return out;
}

/** A JavaScript regular expression (as JSONata parses its /regex/flags) in RE2 syntax, with RE2 flags. */
export function fromJsRegExp(regex: RegExp): { source: string; flags: number } {
  let flags = 0;
  if (regex.flags.includes('i')) flags |= RE2JS.CASE_INSENSITIVE;
  if (regex.flags.includes('m')) flags |= RE2JS.MULTILINE;
  return { source: RE2JS.translateRegExp(withJsClasses(regex.source)), flags };
}

/** Why RE2 cannot run a JavaScript regular expression, or undefined when it can. */
export function jsRegExpProblem(regex: RegExp): string | undefined {
  const plain = unsupportedSyntax(regex.source);
  if (plain !== undefined) return plain;
  const { source, flags } = fromJsRegExp(regex);
  return re2Problem(source, flags);
}
