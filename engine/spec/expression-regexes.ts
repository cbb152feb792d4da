import type jsonata from 'jsonata';
import { jsRegExpProblem } from './re2.js';

// JSONata /regex/ literals run on RE2 in a job (engine/transform/re2-regex-engine.ts): validation
// refuses the ones RE2 cannot run, with the reason and the literal's position in the expression.

interface Node {
  type?: unknown;
  value?: unknown;
  position?: unknown;
}

/** The first regex literal of a compiled expression that RE2 cannot run, described; else undefined. */
export function expressionRegexProblem(
  expression: ReturnType<typeof jsonata>,
): { message: string; position?: number } | undefined {
  for (const node of regexNodes(expression.ast())) {
    const regex = node.value as RegExp;
    const problem = jsRegExpProblem(regex);
    if (problem !== undefined) {
      return {
        message: `regular expression /${regex.source}/ cannot run on RE2: ${problem}`,
        ...(typeof node.position === 'number' ? { position: node.position } : {}),
      };
    }
  }
  return undefined;
}

function* regexNodes(value: unknown, seen = new Set<unknown>()): Generator<Node> {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  const node = value as Node;
  if (node.type === 'regex' && node.value instanceof RegExp) yield node;
  for (const child of Object.values(value)) yield* regexNodes(child, seen);
}
