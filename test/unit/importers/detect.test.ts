import { describe, expect, it } from "vitest";
import { detectFormat } from "../../../importers";

const utf8 = (text: string) => new TextEncoder().encode(text);
const PDF = utf8("%PDF-1.7\n1 0 obj\n<< >>\nendobj\n");
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]);
const OLE = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
const LAW = utf8('<?xml version="1.0" encoding="UTF-8"?>\n<Law Era="Reiwa" Lang="ja"><LawNum/></Law>');

describe("detectFormat", () => {
  it.each([
    ["資料1.pdf", PDF, "pdf"],
    ["REPORT.PDF", PDF, "pdf"],
    ["議事録.docx", ZIP, "docx"],
    ["memo.txt", utf8("鳥取県"), "text"],
    ["README.md", utf8("# 見出し"), "markdown"],
    ["notes.markdown", utf8("本文"), "markdown"],
    ["law.xml", LAW, "egov-xml"],
    ["C:\\fakepath\\資料.pdf", PDF, "pdf"],
  ] as const)("%s → %s", (name, bytes, format) => {
    expect(detectFormat(name, bytes)).toBe(format);
  });

  it("accepts a PDF header after leading junk, as PDF readers do", () => {
    expect(detectFormat("a.pdf", utf8("\n\n  %PDF-1.4\n"))).toBe("pdf");
  });

  it("hands any text .xml to the law parser, which explains a foreign one better", () => {
    expect(detectFormat("feed.xml", utf8('<?xml version="1.0"?><rss></rss>'))).toBe("egov-xml");
  });

  it("recognises law XML after a BOM, comments and a doctype", () => {
    const xml = utf8('\uFEFF<?xml version="1.0"?>\n<!-- e-Gov -->\n<!DOCTYPE Law>\n<Law>\n</Law>');
    expect(detectFormat("x.xml", xml)).toBe("egov-xml");
  });

  it.each([
    ["a .pdf that is not a PDF", "資料.pdf", utf8("これはPDFではない")],
    ["a .pdf that is a zip", "資料.pdf", ZIP],
    ["a .docx that is not a zip", "議事録.docx", PDF],
    ["an old binary Word file", "議事録.doc", OLE],
    ["a .txt with binary content", "memo.txt", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0])],
    ["a .txt that is really a PDF", "memo.txt", PDF],
    ["a binary .xml", "law.xml", new Uint8Array([0x3c, 0x4c, 0x61, 0x77, 0, 0])],
    ["an image", "photo.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ["a file without extension", "README", utf8("text")],
    ["an empty name", "", PDF],
  ])("refuses %s", (_, name, bytes) => {
    expect(detectFormat(name, bytes)).toBeNull();
  });
});
