// Compact binary primitives for the lag history: unsigned varints (LEB128) and zigzag-signed
// varints over whole numbers up to 2^53, so epoch milliseconds and offsets fit without BigInt.
// Arithmetic, not bit operators: those truncate to 32 bits.

export class ByteWriter {
  private buffer = Buffer.allocUnsafe(4096);
  private length = 0;

  get size(): number {
    return this.length;
  }

  byte(value: number): void {
    this.ensure(1);
    this.buffer[this.length++] = value;
  }

  /** A whole number >= 0. */
  uvarint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a whole number >= 0: ${value}`);
    this.ensure(8);
    while (value >= 0x80) {
      this.buffer[this.length++] = (value % 0x80) + 0x80;
      value = Math.floor(value / 0x80);
    }
    this.buffer[this.length++] = value;
  }

  /** A whole number of either sign below 2^52 in magnitude, small magnitudes in few bytes. */
  svarint(value: number): void {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not a whole number: ${value}`);
    if (Math.abs(value) >= 2 ** 52) throw new RangeError(`out of range (2^52): ${value}`);
    this.uvarint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  string(value: string): void {
    const bytes = Buffer.from(value, 'utf8');
    this.uvarint(bytes.length);
    this.bytes(bytes);
  }

  bytes(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  finish(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + extra));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}

/** Thrown when bytes end early or hold a value no writer produces. */
export class ByteFormatError extends Error {}

export class ByteReader {
  position = 0;
  constructor(private readonly buffer: Uint8Array) {}

  get done(): boolean {
    return this.position >= this.buffer.length;
  }

  byte(): number {
    if (this.position >= this.buffer.length) throw new ByteFormatError(`ends early at byte ${this.position}`);
    return this.buffer[this.position++]!;
  }

  uvarint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      value += (b % 0x80) * scale;
      if (b < 0x80) break;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new ByteFormatError(`varint too long at byte ${this.position}`);
    }
    return value;
  }

  svarint(): number {
    const z = this.uvarint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  string(): string {
    const length = this.uvarint();
    return Buffer.from(this.bytes(length)).toString('utf8');
  }

  bytes(length: number): Uint8Array {
    if (this.position + length > this.buffer.length)
      throw new ByteFormatError(`${length} bytes wanted at byte ${this.position}, ${this.buffer.length} there`);
    const out = this.buffer.subarray(this.position, this.position + length);
    this.position += length;
    return out;
  }

  skip(length: number): void {
    this.bytes(length);
  }
}
