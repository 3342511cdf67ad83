import { describe, expect, it } from "vitest";
import { extractDocument } from "../../../importers";
import { UserFacingError } from "../../../lib/errors";
import { buildDocx } from "../../support/fixtures/docx";
import { buildZip, deflateEntry, zerosEntry } from "../../support/fixtures/zip";

async function refusal(bytes: Uint8Array, limits = {}): Promise<UserFacingError> {
  const error = await extractDocument({ fileName: "爆弾.docx", bytes }, limits).then(
    () => null,
    (caught: unknown) => caught
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return error as UserFacingError;
}

const CONTENT_TYPES = deflateEntry("[Content_Types].xml", new TextEncoder().encode("<Types/>"));

describe("extractDocument: DOCX archives that would expand too far", () => {
  it("refuses an entry that declares 200 MB", async () => {
    const bytes = buildZip([CONTENT_TYPES, zerosEntry("word/document.xml", 200)]);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const error = await refusal(bytes);
    expect(error.message).toMatch(/^「爆弾\.docx」は展開すると極端に大きくなる/);
    expect(error.code).toBe("unsafe_archive");
  });

  it("refuses an entry that lies about its size, by counting what really comes out", async () => {
    const bomb = { ...zerosEntry("word/document.xml", 200), declaredSize: 1000 };
    const error = await refusal(buildZip([CONTENT_TYPES, bomb]));
    expect(error.code).toBe("unsafe_archive");
  });

  it("refuses an entry compressed more than 100:1 even when the total is small", async () => {
    const bomb = { ...zerosEntry("word/media/image1.bmp", 5), declaredSize: 4096 };
    const error = await refusal(buildZip([CONTENT_TYPES, bomb]));
    expect(error.code).toBe("unsafe_archive");
  });

  it("refuses more than 2,000 entries", async () => {
    const entries = Array.from({ length: 2001 }, (_, i) =>
      deflateEntry(`word/part${i}.xml`, new Uint8Array([0x3c]))
    );
    const error = await refusal(buildZip(entries));
    expect(error.code).toBe("unsafe_archive");
  });

  it("applies configured limits to an ordinary document", async () => {
    const bytes = await buildDocx([{ paragraph: "本文である。" }]);
    await expect(extractDocument({ fileName: "ok.docx", bytes })).resolves.toMatchObject({
      text: "本文である。",
    });
    const error = await refusal(bytes, { maxUnzippedBytes: 1000 });
    expect(error.code).toBe("unsafe_archive");
  });

  it("refuses a zip that is not a Word document as broken", async () => {
    const bytes = buildZip([deflateEntry("hello.txt", new TextEncoder().encode("hello"))]);
    const error = await refusal(bytes);
    expect(error.code).toBe("corrupt_file");
  });
});
