import { writeFileSync } from 'node:fs';

export type Properties = Record<string, string | number | boolean>;

/** Java `.properties` text; keys keep their order so a generated config reads like a hand-written one. */
export function renderProperties(properties: Properties, header?: string): string {
  const lines = header ? header.split('\n').map((line) => `# ${line}`) : [];
  for (const [key, value] of Object.entries(properties)) lines.push(`${key}=${String(value)}`);
  return `${lines.join('\n')}\n`;
}

export function writeProperties(path: string, properties: Properties, header?: string): void {
  writeFileSync(path, renderProperties(properties, header));
}
