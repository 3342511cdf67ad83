// Text files from prefectural PCs are UTF-8 (often with a BOM, as Notepad writes it),
// Shift_JIS from older tools, or UTF-16 with a BOM ("Unicode" in Notepad's save dialog).

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "shift_jis";

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/**
 * Decodes strictly, so a wrong guess fails instead of producing mojibake. Returns null
 * when no encoding we know fits. EUC-JP is not tried: most EUC-JP bytes are also valid
 * Shift_JIS, so telling the two apart would need a statistical guess.
 */
export function decodeText(bytes: Uint8Array): DecodedText | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return tryDecode(bytes, "utf-16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return tryDecode(bytes, "utf-16be");
  return tryDecode(bytes, "utf-8") ?? tryDecode(bytes, "shift_jis");
}

function tryDecode(bytes: Uint8Array, encoding: TextEncodingName): DecodedText | null {
  try {
    // TextDecoder drops a leading BOM of its own encoding.
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return { text, encoding };
  } catch {
    return null;
  }
}
