// JSON.parse's messages in Node 20 name a position only for some errors ("Unexpected token '}',
// ... is not valid JSON" names none), so when parsing fails, a small strict scanner finds
// where and why, for a message an operator can act on: `job.json:4:12: expected a value`.

export interface JsonSyntaxProblem {
  line: number;
  column: number;
  offset: number;
  message: string;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** Where the first JSON syntax error in `text` is, or undefined when `text` is valid JSON. */
export function locateJsonError(text: string): JsonSyntaxProblem | undefined {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new Stop(at, at >= text.length ? `unexpected end of input (${message}; is the file cut short?)` : message);
  };
  const describeAt = () => (i >= text.length ? 'end of input' : JSON.stringify(text[i]));
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) if (text[i++] !== ch) fail(`expected "${word}"`, i - 1);
  };
  const digits = (what: string) => {
    const start = i;
    while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++;
    if (i === start) fail(`expected a digit ${what}`);
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits('in number');
    if (text[i] === '.') {
      i++;
      digits('after the decimal point');
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits('in the exponent');
    }
  };
  const string = () => {
    const start = i++;
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const ch = text[i]!;
      if (ch === '"') return void i++;
      if (ch < ' ') fail('control character in string (write it as an escape such as \\n)');
      if (ch === '\\') {
        const esc = text[i + 1];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('invalid \\u escape');
          i += 6;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i += 2;
        else fail('invalid escape in string');
      } else i++;
    }
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') return object();
    if (ch === '[') return array();
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number();
    fail(`expected a value, found ${describeAt()}`);
  };
  const object = () => {
    i++;
    ws();
    if (text[i] === '}') return void i++;
    for (;;) {
      ws();
      if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describeAt()}`);
      string();
      ws();
      if (text[i] !== ':') fail(`expected ":" after the property name, found ${describeAt()}`);
      i++;
      value();
      ws();
      if (text[i] === '}') return void i++;
      if (text[i] !== ',') fail(`expected "," or "}" after a property value, found ${describeAt()}`);
      i++;
      ws();
      if (text[i] === '}') fail('trailing comma before "}"', i);
    }
  };
  const array = () => {
    i++;
    ws();
    if (text[i] === ']') return void i++;
    for (;;) {
      value();
      ws();
      if (text[i] === ']') return void i++;
      if (text[i] !== ',') fail(`expected "," or "]" after an array element, found ${describeAt()}`);
      i++;
      ws();
      if (text[i] === ']') fail('trailing comma before "]"', i);
    }
  };

  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1; // a BOM is not JSON, but editors write it
    value();
    ws();
    if (i < text.length) fail(`unexpected ${describeAt()} after the JSON value`);
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { ...lineColumn(text, error.offset), offset: error.offset, message: error.message };
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
