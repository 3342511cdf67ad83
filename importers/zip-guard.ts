// A DOCX is a zip archive, and mammoth inflates all of it in memory. A crafted archive
// (a "zip bomb") can expand a few hundred kilobytes into gigabytes, so before mammoth
// sees a file we inflate every entry ourselves, counting the bytes that really come out —
// sizes declared in the archive can lie — and stop as soon as a limit is passed.

import yauzl, { type Entry, type ZipFile } from "yauzl";
import { corruptDocx, unsafeArchive } from "./errors";
import type { ImportLimits } from "./types";

/** Entries smaller than this are exempt from the ratio check: tiny XML parts compress well. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

type ZipLimits = Pick<ImportLimits, "maxUnzippedBytes" | "maxCompressionRatio" | "maxZipEntries">;

export async function assertSafeZip(fileName: string, bytes: Uint8Array, limits: ZipLimits): Promise<void> {
  const zip = await openZip(bytes).catch(() => {
    throw corruptDocx(fileName);
  });
  try {
    if (zip.entryCount > limits.maxZipEntries) throw unsafeArchive(fileName);
    let total = 0;
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      // Declared sizes are checked first only because it is cheap; the count below is what holds.
      if (
        total + entry.uncompressedSize > limits.maxUnzippedBytes ||
        exceedsRatio(entry.uncompressedSize, entry.compressedSize, limits)
      ) {
        throw unsafeArchive(fileName);
      }
      if (entry.fileName.endsWith("/")) continue;
      total += await inflateCounting(zip, entry, limits.maxUnzippedBytes - total, limits, fileName);
    }
  } catch (error) {
    throw error instanceof Error && error.name === "UserFacingError" ? error : corruptDocx(fileName);
  } finally {
    zip.close();
  }
}

function exceedsRatio(inflated: number, compressed: number, limits: ZipLimits): boolean {
  return inflated > RATIO_FLOOR_BYTES && inflated > Math.max(compressed, 1) * limits.maxCompressionRatio;
}

function openZip(bytes: Uint8Array): Promise<ZipFile> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Promise((resolve, reject) => {
    // validateEntrySizes is off so that our own count, not yauzl's, decides: a lying
    // header then surfaces as "too large", which is what it is.
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: false }, (error, zip) =>
      error || !zip ? reject(error) : resolve(zip)
    );
  });
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off("entry", onEntry).off("end", onEnd).off("error", onError);
    };
    const onEntry = (entry: Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (error: Error) => (cleanup(), reject(error));
    zip.on("entry", onEntry).on("end", onEnd).on("error", onError);
    zip.readEntry();
  });
}

/** Inflates one entry, discarding the output; returns its real size. */
function inflateCounting(
  zip: ZipFile,
  entry: Entry,
  budget: number,
  limits: ZipLimits,
  fileName: string
): Promise<number> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error);
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > budget || exceedsRatio(size, entry.compressedSize, limits)) {
          stream.destroy();
          reject(unsafeArchive(fileName));
        }
      });
      stream.on("error", reject);
      stream.on("end", () => resolve(size));
    });
  });
}
