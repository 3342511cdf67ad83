import type { SearchDocument, SearchEngine, SearchRequest, SearchResponse, SourceDocuments } from "../engine";
import { MeiliClient, MeiliError } from "./meili-client";
import { groupChunks, INDEX_SETTINGS, meiliDocument, primaryKeyOf, sourceKeyOf, type MeiliDocument } from "./meili-documents";
import { isIn, notIn } from "./meili-query";
import { searchIndex, type MeiliIndex, type MeiliQuery, type MeiliResult } from "./meili-search";

// The Meilisearch engine (MEILI_URL): one document per record (meili-documents.ts) with
// ASCII-spelled grams, so that its phrase search matches exactly what the Postgres engine
// matches. Writes wait for their Meilisearch task, so a search that follows sees them;
// search lives in meili-search.ts.

export const DEFAULT_INDEX_UID = "kizuna_records";
/** The index of chunk documents used before records were stored whole; removed when found. */
const LEGACY_INDEX_UID = "kizuna_chunks";
/** Chunks per documents request: Meilisearch indexes few large batches faster than many small ones. */
const UPLOAD_BATCH = 5000;
/** Chunks prepared between two turns of the event loop while a request is being sent. */
const PREPARE_SLICE = 100;

export class MeiliSearchEngine implements SearchEngine {
  readonly name = "meilisearch";
  /** 2: year marks (meili-grams.ts). */
  readonly documentFormat = "records-2";

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
      // Its successor (this index) is rebuilt from the database at start: the old one is only space.
      if (!options.indexUid) {
        const legacy = await client.request("GET", `/indexes/${LEGACY_INDEX_UID}`).catch(() => null);
        if (legacy) await client.request("DELETE", `/indexes/${LEGACY_INDEX_UID}`);
      }
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

  /** Replaces whole records: every chunk of a record comes in the same call. */
  async upsert(docs: SearchDocument[]): Promise<void> {
    await this.client.waitForTasks(await this.enqueueAdds([...groupChunks(docs).values()]));
  }

  replaceSource(sourceType: SearchDocument["sourceType"], sourceId: number, docs: SearchDocument[]): Promise<void> {
    return this.replaceSources([{ sourceType, sourceId, docs }]);
  }

  async replaceSources(sources: SourceDocuments[]): Promise<void> {
    if (!sources.length) return;
    // Each record is replaced whole by its new document; then the records no longer there
    // go. A search in between sees each record either as it was or as it is.
    const groups = groupChunks(sources.flatMap((s) => s.docs));
    const tasks = await this.enqueueAdds([...groups.values()]);
    const filter = [isIn("sourceKey", sources.map((s) => sourceKeyOf(s.sourceType, s.sourceId))), ...notIn("pk", [...groups.keys()].map(primaryKeyOf))];
    tasks.push((await this.client.request<{ taskUid: number }>("POST", `${this.path}/documents/delete`, { filter })).taskUid);
    await this.client.waitForTasks(tasks);
  }

  /**
   * Sends the records in requests of about UPLOAD_BATCH chunks without waiting for
   * Meilisearch to index them: it batches what has queued up, and the next request is
   * prepared while it indexes.
   */
  private async enqueueAdds(groups: SearchDocument[][]): Promise<number[]> {
    const tasks: Promise<number>[] = [];
    let body: MeiliDocument[] = [];
    let chunks = 0;
    let prepared = 0;
    const send = async () => {
      await tasks[tasks.length - 1];
      const task = this.client.request<{ taskUid: number }>("POST", `${this.path}/documents`, body).then((r) => r.taskUid);
      task.catch(() => {}); // awaited below; not unhandled while the next body is prepared
      tasks.push(task);
      body = [];
      chunks = 0;
    };
    for (const group of groups) {
      body.push(meiliDocument(group));
      chunks += group.length;
      prepared += group.length;
      // Between slices the previous request's body can go out (it is larger than the socket buffer).
      if (tasks.length && prepared >= PREPARE_SLICE) {
        prepared = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (chunks >= UPLOAD_BATCH) await send();
    }
    if (body.length) await send();
    return Promise.all(tasks);
  }

  async clear(): Promise<void> {
    await this.client.write("DELETE", `${this.path}/documents`);
  }

  /** Chunks stored: each record document says how many it holds. */
  async count(): Promise<number> {
    const [result] = await this.searcher.multi([{ q: "", limit: 0, facets: ["chunkCount"] }]);
    return Object.entries(result!.facetDistribution?.chunkCount ?? {}).reduce((n, [chunks, records]) => n + Number(chunks) * records, 0);
  }

  search(request: SearchRequest): Promise<SearchResponse> {
    return searchIndex(this.searcher, request);
  }

  private readonly searcher: MeiliIndex = {
    search: (query: MeiliQuery) => this.client.request<MeiliResult>("POST", `${this.path}/search`, query),
    multi: async (queries: MeiliQuery[]) => {
      const body = { queries: queries.map((q) => ({ indexUid: this.indexUid, ...q })) };
      return (await this.client.request<{ results: MeiliResult[] }>("POST", "/multi-search", body)).results;
    },
    federated: (queries, { offset, limit, facets }) => {
      const federation = { offset, limit, facetsByIndex: { [this.indexUid]: facets }, mergeFacets: {} };
      return this.client.request<MeiliResult>("POST", "/multi-search", { federation, queries: queries.map((q) => ({ indexUid: this.indexUid, ...q })) });
    },
  };
}
