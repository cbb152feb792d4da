import { RE2JS } from 're2js';
import { fromJsRegExp, jsRegExpProblem } from '../spec/re2.js';

// JSONata runs its /regex/ literals through a RegexEngine option (RegExp by default). A backtracking
// match runs synchronously to its end, so no per-record budget can stop one: this engine runs them
// on RE2 instead, with the part of RegExp's interface JSONata uses (exec and lastIndex).

const compiled = new Map<string, RE2JS>();
// Regexes built at run time ($eval) could otherwise grow the cache without end.
const CACHE_LIMIT = 256;

function compile(regex: RegExp): RE2JS {
  const key = `${regex.flags}/${regex.source}`;
  let re = compiled.get(key);
  if (!re) {
    // Validation refuses these; a regex built at run time ($eval) meets the same refusal here.
    const problem = jsRegExpProblem(regex);
    if (problem !== undefined) throw new Error(`regular expression /${regex.source}/ cannot run on RE2: ${problem}`);
    const { source, flags } = fromJsRegExp(regex);
    re = RE2JS.compile(source, flags);
    if (compiled.size >= CACHE_LIMIT) compiled.clear();
    compiled.set(key, re);
  }
  return re;
}

export class Re2RegexEngine {
  lastIndex = 0;
  readonly #re: RE2JS;

  constructor(regex: RegExp) {
    this.#re = compile(regex);
  }

  exec(input: string): RegExpExecArray | null {
    const matcher = this.#re.matcher(input);
    if (this.lastIndex > input.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [matcher.group(0) ?? ''];
    for (let i = 1; i <= matcher.groupCount(); i++) groups.push(matcher.group(i) ?? undefined);
    this.lastIndex = matcher.end();
    return Object.assign(groups, { index: matcher.start(), input }) as unknown as RegExpExecArray;
  }
}
