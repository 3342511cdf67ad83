import type { SearchDocument, SearchEngine, SearchRequest, SearchResponse, SourceDocuments } from "../engine";
import { MeiliClient, MeiliError } from "./meili-client";
import { INDEX_SETTINGS, meiliDocuments, primaryKeyOf, sourceKeyOf } from "./meili-documents";
import { isIn, notIn } from "./meili-query";
import type { MeiliIndex, MeiliQuery, MeiliResult } from "./meili-records";
import { searchIndex } from "./meili-search";

// The Meilisearch engine (MEILI_URL): chunks stored with ASCII-spelled grams so that its
// phrase search matches exactly what the Postgres engine matches. Writes wait for their
// Meilisearch task, so a search that follows sees them; search lives in meili-search.ts.

export const DEFAULT_INDEX_UID = "kizuna_chunks";
/** Chunks per documents request (about 8 KB of JSON each): Meilisearch indexes few large batches faster than many small ones. */
const UPLOAD_BATCH = 5000;
/** Chunks prepared between two turns of the event loop while a request is being sent. */
const PREPARE_SLICE = 100;

export class MeiliSearchEngine implements SearchEngine {
  readonly name = "meilisearch";

  private constructor(
    private readonly client: MeiliClient,
    readonly indexUid: string,
  ) {}

  /** Opens the index, creating it and applying its settings (waits until they are in effect). */
  static async connect(options: { url: string; apiKey?: string; indexUid?: string }): Promise<MeiliSearchEngine> {
    const client = new MeiliClient(options.url, options.apiKey);
    const uid = options.indexUid ?? DEFAULT_INDEX_UID;
    try {
      await client.write("POST", "/indexes", { uid, primaryKey: "pk" }).catch((error) => {
        if (!(error instanceof MeiliError && error.code === "index_already_exists")) throw error;
      });
      await client.write("PATCH", `/indexes/${uid}/settings`, INDEX_SETTINGS);
    } catch (error) {
      throw new Error(
        `Meilisearch（${options.url}）の索引 ${uid} を準備できませんでした。MEILI_URL と MEILI_MASTER_KEY を確認してください。（${(error as Error).message}）`,
        { cause: error },
      );
    }
    return new MeiliSearchEngine(client, uid);
  }

  private get path() {
    return `/indexes/${encodeURIComponent(this.indexUid)}`;
  }

  /** The settings Meilisearch reports for the index (for checks and diagnostics). */
  settings(): Promise<Record<string, unknown>> {
    return this.client.request("GET", `${this.path}/settings`);
  }

  /** Deletes the whole index (tests give each database an index of its own). */
  async deleteIndex(): Promise<void> {
    await this.client.write("DELETE", this.path);
  }

  async upsert(docs: SearchDocument[]): Promise<void> {
    await this.client.waitForTasks(await this.enqueueAdds(docs));
  }

  replaceSource(sourceType: SearchDocument["sourceType"], sourceId: number, docs: SearchDocument[]): Promise<void> {
    return this.replaceSources([{ sourceType, sourceId, docs }]);
  }

  async replaceSources(sources: SourceDocuments[]): Promise<void> {
    if (!sources.length) return;
    // New chunks first, then the ones no longer there: a search in between sees each source
    // whole (old and new chunks of a record collapse into one hit), never half gone.
    const docs = sources.flatMap((s) => s.docs);
    const tasks = await this.enqueueAdds(docs);
    const filter = [isIn("sourceKey", sources.map((s) => sourceKeyOf(s.sourceType, s.sourceId))), ...notIn("pk", docs.map((d) => primaryKeyOf(d.id)))];
    tasks.push((await this.client.request<{ taskUid: number }>("POST", `${this.path}/documents/delete`, { filter })).taskUid);
    await this.client.waitForTasks(tasks);
  }

  /**
   * Sends the chunks in requests of UPLOAD_BATCH without waiting for Meilisearch to index
   * them: it batches what has queued up, and the next request is prepared while it indexes.
   */
  private async enqueueAdds(docs: SearchDocument[]): Promise<number[]> {
    const tasks: Promise<number>[] = [];
    for (let i = 0; i < docs.length; i += UPLOAD_BATCH) {
      const body: ReturnType<typeof meiliDocuments> = [];
      for (let j = i; j < Math.min(i + UPLOAD_BATCH, docs.length); j += PREPARE_SLICE) {
        // Between slices the previous request's body can go out (it is larger than the socket buffer).
        if (tasks.length) await new Promise((resolve) => setImmediate(resolve));
        body.push(...meiliDocuments(docs.slice(j, Math.min(j + PREPARE_SLICE, i + UPLOAD_BATCH, docs.length))));
      }
      await tasks[tasks.length - 1];
      const task = this.client.request<{ taskUid: number }>("POST", `${this.path}/documents`, body).then((r) => r.taskUid);
      task.catch(() => {}); // awaited below; not unhandled while the next body is prepared
      tasks.push(task);
    }
    return Promise.all(tasks);
  }

  async clear(): Promise<void> {
    await this.client.write("DELETE", `${this.path}/documents`);
  }

  async count(): Promise<number> {
    return (await this.client.request<{ numberOfDocuments: number }>("GET", `${this.path}/stats`)).numberOfDocuments;
  }

  search(request: SearchRequest): Promise<SearchResponse> {
    return searchIndex(this.searcher, request);
  }

  private readonly searcher: MeiliIndex = {
    multi: async (queries: MeiliQuery[]) => {
      const body = { queries: queries.map((q) => ({ indexUid: this.indexUid, ...q })) };
      return (await this.client.request<{ results: MeiliResult[] }>("POST", "/multi-search", body)).results;
    },
  };
}
