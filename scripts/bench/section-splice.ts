/**
 * `markdown` with the `## ` section that `section` starts with replaced by `section` (up to the
 * next `## ` heading or the end), or appended when the file has no such section yet. Lets a run
 * of one bench section refresh its part of BENCHMARKS.md and keep the rest.
 */
export function spliceSection(markdown: string, section: string): string {
  const heading = section.split('\n', 1)[0]!;
  if (!heading.startsWith('## ')) throw new Error(`a section must start with a "## " heading, not "${heading}"`);
  const body = `${section.replace(/\n*$/, '')}\n`;
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start === -1) return markdown.trim() === '' ? body : `${markdown.replace(/\n*$/, '')}\n\n${body}`;
  const next = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  const before = lines
    .slice(0, start)
    .map((line) => `${line}\n`)
    .join('');
  const after = next === -1 ? '' : `\n${lines.slice(next).join('\n')}`;
  return before + body + after;
}
