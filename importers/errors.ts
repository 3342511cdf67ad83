// Every message an import can show a person, in one place so the wording stays consistent:
// each names the file, says what happened and what to do next.

import { UserFacingError } from "../lib/errors";

const ACCEPTED = "PDF、Word（.docx）、テキスト（.txt）、Markdown（.md）、e-Gov法令XML（.xml）";

/** The base name only: browsers may send "C:\fakepath\…", and a message must stay short. */
export function displayName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/\p{Cc}/gu, "").trim() || "（名前のないファイル）";
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
}

export function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb < 1) return `${Math.ceil(bytes / 1024)} KB`;
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1)} MB`;
}

export function fileTooLarge(fileName: string, size: number, limit: number): UserFacingError {
  return new UserFacingError(
    `「${displayName(fileName)}」は${formatSize(size)}あり、上限の${formatSize(limit)}を超えています。` +
      "ファイルを分割するか、画像を減らしてから取り込んでください。",
    413,
    "file_too_large"
  );
}

export function unsupportedFormat(fileName: string): UserFacingError {
  return new UserFacingError(
    `「${displayName(
      fileName
    )}」は取り込めない形式です。${ACCEPTED}のいずれかで保存してから取り込んでください。`,
    415,
    "unsupported_format"
  );
}

export function legacyWordFormat(fileName: string): UserFacingError {
  return new UserFacingError(
    `「${displayName(fileName)}」は古い形式のWord文書（.doc）のため取り込めません。` +
      "Wordで開き、「.docx」形式で保存し直してから取り込んでください。",
    415,
    "unsupported_format"
  );
}

export function contentMismatch(fileName: string, extension: string): UserFacingError {
  return new UserFacingError(
    `「${displayName(fileName)}」は拡張子が「.${extension}」ですが、中身がその形式ではありません。` +
      "元のアプリで開けるか確かめ、正しい形式で保存し直してから取り込んでください。",
    415,
    "content_mismatch"
  );
}

export function encryptedPdf(fileName: string): UserFacingError {
  return new UserFacingError(
    `「${displayName(fileName)}」はパスワードで保護されているため読み取れません。` +
      "パスワードを解除したPDFを作成してから取り込んでください。",
    422,
    "encrypted_pdf"
  );
}

export function corruptPdf(fileName: string): UserFacingError {
  return new UserFacingError(
    `「${displayName(fileName)}」はPDFとして壊れているため読み取れません。` +
      "PDFを開けるか確かめ、作成し直すか元のファイルから保存し直してから取り込んでください。",
    422,
    "corrupt_file"
  );
}

export function corruptDocx(fileName: string): UserFacingError {
  return new UserFacingError(
    `「${displayName(fileName)}」はWord文書（.docx）として壊れているため読み取れません。` +
      "Wordで開けるか確かめ、「名前を付けて保存」で保存し直してから取り込んでください。",
    422,
    "corrupt_file"
  );
}

export function unsafeArchive(fileName: string): UserFacingError {
  return new UserFacingError(
    `「${displayName(
      fileName
    )}」は展開すると極端に大きくなる（または部品が多すぎる）ため、安全のため取り込みを中止しました。` +
      "Wordで開いて必要な部分だけを新しい文書に保存し、その文書を取り込んでください。",
    422,
    "unsafe_archive"
  );
}

export function undecodableText(fileName: string): UserFacingError {
  return new UserFacingError(
    `「${displayName(fileName)}」の文字コードを判別できませんでした。` +
      "メモ帳などで開き、文字コード「UTF-8」で保存し直してから取り込んでください。",
    422,
    "unknown_encoding"
  );
}

export function lawXmlNotUtf8(fileName: string): UserFacingError {
  return new UserFacingError(
    `「${displayName(fileName)}」はUTF-8で書かれていないため、法令XMLとして読み取れません。` +
      "e-Gov法令検索から取得したXMLをそのまま取り込んでください。",
    422,
    "unknown_encoding"
  );
}
