// Numbering errors can surface in the editor, so their messages are in Japanese and say
// what to do. They are RangeErrors because a caller asked for a label that cannot exist.

export function assertPositiveInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${what}は1以上の整数で指定してください（指定された値: ${String(value)}）。`);
  }
}

export function outOfSequence(what: string, max: number, index: number): RangeError {
  return new RangeError(
    `${what}は${max}番目までしかありません（指定された番号: ${index}）。号や細分の構成を見直してください。`,
  );
}
