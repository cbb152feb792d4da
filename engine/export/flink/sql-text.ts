// Quoting for Flink SQL text. Identifiers are always backquoted (Flink's `key`, `value`,
// `partition` and `offset` are reserved words); string literals use doubled single quotes.

/** A Flink SQL identifier: `name`, with backquotes inside doubled. */
export function quoteIdentifier(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** A Flink SQL string literal: 'text', with single quotes inside doubled. */
export function quoteString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A SQL line comment: newlines in the text would end the comment and run as SQL, so they are folded. */
export function sqlComment(text: string): string {
  return `-- ${text.replace(/\r?\n|\r/g, ' ')}`;
}

/** `'key' = 'value'` lines of a WITH clause. */
export function withClause(options: readonly (readonly [string, string])[]): string {
  return options.map(([key, value]) => `  ${quoteString(key)} = ${quoteString(value)}`).join(',\n');
}
