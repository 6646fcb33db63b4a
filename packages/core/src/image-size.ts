/** Pixel dimensions of an image. */
export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

/** Reads a big-endian unsigned integer of `n` bytes, or undefined past the end. */
function uint(bytes: Uint8Array, offset: number, n: 2 | 4): number | undefined {
  if (offset + n > bytes.length) return undefined;
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + (bytes[offset + i] ?? 0);
  return v;
}

/** Width and height from the PNG IHDR chunk, which must come first (ISO/IEC 15948 §11.2.2). */
export function pngSize(bytes: Uint8Array): ImageSize | undefined {
  const ihdr = String.fromCharCode(...bytes.subarray(12, 16));
  const width = uint(bytes, 16, 4);
  const height = uint(bytes, 20, 4);
  if (uint(bytes, 8, 4) !== 13 || ihdr !== "IHDR" || !width || !height) return undefined;
  return { width, height };
}

/** Start-of-frame markers: baseline, extended, progressive, lossless, arithmetic (ITU-T T.81 Table B.1). */
function isSof(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Width and height from the first SOFn segment, walking the JPEG marker segments (ITU-T T.81 §B.2). */
export function jpegSize(bytes: Uint8Array): ImageSize | undefined {
  let i = 2;
  while (i + 1 < bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    let marker = bytes[i + 1] ?? 0;
    while (marker === 0xff && i + 2 < bytes.length) marker = bytes[++i + 1] ?? 0;
    if (marker === 0xd9 || marker === 0xda) return undefined; // EOI or scan data before any frame
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const length = uint(bytes, i + 2, 2);
    if (length === undefined || length < 2) return undefined;
    if (isSof(marker)) {
      const height = uint(bytes, i + 5, 2);
      const width = uint(bytes, i + 7, 2);
      return width && height ? { width, height } : undefined;
    }
    i += 2 + length;
  }
  return undefined;
}
