/** A token-level reader of content streams (ISO 32000-2 §7.8.2): operands and operators. */

/** An operand of a content-stream operator. */
export type Operand = number | string | Uint8Array | readonly Operand[] | { readonly dict: true };

/** One operator with its operands; strings are raw bytes, names are `/`-prefixed strings. */
export interface ContentOperation {
  readonly operator: string;
  readonly operands: readonly Operand[];
}

const WS = new Set([0, 9, 10, 12, 13, 32]);
const DELIM = new Set("()<>[]{}/%".split("").map((c) => c.charCodeAt(0)));

function readLiteralString(b: Uint8Array, start: number): [Uint8Array, number] {
  const out: number[] = [];
  let depth = 1;
  let i = start;
  while (i < b.length && depth > 0) {
    const c = b[i++] as number;
    if (c === 0x5c) {
      const n = b[i++] as number;
      const esc: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12 };
      if (esc[n] !== undefined) out.push(esc[n] as number);
      else if (n >= 0x30 && n <= 0x37) {
        let v = n - 0x30;
        for (let k = 0; k < 2 && (b[i] ?? 0) >= 0x30 && (b[i] ?? 0) <= 0x37; k++)
          v = v * 8 + ((b[i++] as number) - 0x30);
        out.push(v & 0xff);
      } else if (n === 13 || n === 10) {
        if (n === 13 && b[i] === 10) i++;
      } else out.push(n);
    } else {
      if (c === 0x28) depth++;
      if (c === 0x29) depth--;
      if (depth > 0) out.push(c);
    }
  }
  return [Uint8Array.from(out), i];
}

function readHexString(b: Uint8Array, start: number): [Uint8Array, number] {
  const digits: number[] = [];
  let i = start;
  for (; i < b.length && b[i] !== 0x3e; i++) {
    const v = Number.parseInt(String.fromCharCode(b[i] as number), 16);
    if (!Number.isNaN(v)) digits.push(v);
  }
  if (digits.length % 2) digits.push(0);
  const out = new Uint8Array(digits.length / 2);
  for (let k = 0; k < out.length; k++)
    out[k] = ((digits[2 * k] as number) << 4) | (digits[2 * k + 1] as number);
  return [out, i + 1];
}

/** Skips an inline image's data up to `EI` (§8.9.7), returning the position after it. */
function skipInlineImage(b: Uint8Array, start: number): number {
  for (let i = start; i < b.length - 2; i++) {
    if (
      b[i] === 0x45 &&
      b[i + 1] === 0x49 &&
      WS.has(b[i - 1] ?? 32) &&
      (WS.has(b[i + 2] ?? 32) || i + 2 >= b.length)
    )
      return i + 2;
  }
  return b.length;
}

/** Splits a decoded content stream into operations; unknown syntax is skipped, never thrown. */
export function* readContent(b: Uint8Array): Generator<ContentOperation> {
  const stack: Operand[][] = [[]];
  let i = 0;
  const push = (v: Operand) => (stack[stack.length - 1] as Operand[]).push(v);
  while (i < b.length) {
    const c = b[i] as number;
    if (WS.has(c)) i++;
    else if (c === 0x25) while (i < b.length && b[i] !== 10 && b[i] !== 13) i++;
    else if (c === 0x28) {
      const [s, next] = readLiteralString(b, i + 1);
      push(s);
      i = next;
    } else if (c === 0x3c && b[i + 1] === 0x3c) {
      stack.push([]);
      i += 2;
    } else if (c === 0x3e && b[i + 1] === 0x3e) {
      if (stack.length > 1) stack.pop();
      push({ dict: true });
      i += 2;
    } else if (c === 0x3c) {
      const [s, next] = readHexString(b, i + 1);
      push(s);
      i = next;
    } else if (c === 0x5b) {
      stack.push([]);
      i++;
    } else if (c === 0x5d) {
      const arr = stack.length > 1 ? (stack.pop() as Operand[]) : [];
      push(arr);
      i++;
    } else {
      let j = i + 1;
      while (j < b.length && !WS.has(b[j] as number) && !DELIM.has(b[j] as number)) j++;
      const word = String.fromCharCode(...b.subarray(i, j));
      i = j;
      if (c === 0x2f) push(word);
      else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) push(Number.parseFloat(word));
      else if (stack.length === 1) {
        if (word === "ID") {
          i = skipInlineImage(b, i + 1);
          stack[0] = [];
          continue;
        }
        yield { operator: word, operands: stack[0] as Operand[] };
        stack[0] = [];
      } else push(word);
    }
  }
}
