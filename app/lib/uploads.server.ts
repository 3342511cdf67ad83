import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
import { DEFAULT_IMPORT_LIMITS } from "../../importers";
import { UserFacingError } from "../../lib/errors";

/** Parses an upload form, keeping files in memory up to the import size limit. */
export async function readUploadForm(request: Request): Promise<FormData> {
  try {
    return await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: DEFAULT_IMPORT_LIMITS.maxFileBytes }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      throw new UserFacingError("50MBを超えるファイルは取り込めません。ファイルを分割するか、小さくしてからお試しください。", 413, "too_large");
    }
    // Remix's multipart parser splits part headers on ";" and "=", so a file name holding
    // either (or a hand-made body) is unreadable to it: say so instead of a server error.
    if (error instanceof Error && /^malformed multipart|^malformed content-disposition/.test(error.message)) {
      throw new UserFacingError(
        "送信されたファイルを読み取れませんでした。ファイル名に「;」や「=」が含まれている場合は、名前を変えてからもう一度お試しください。",
        400,
        "bad_upload",
      );
    }
    throw error;
  }
}

export async function filesOf(form: FormData): Promise<{ fileName: string; bytes: Uint8Array }[]> {
  const files = form.getAll("files").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && f.size > 0);
  return Promise.all(files.map(async (f) => ({ fileName: f.name || "無題", bytes: new Uint8Array(await f.arrayBuffer()) })));
}
