import type { SearchDocument, SearchEngine, SearchRequest, SearchResponse } from "../engine";
import { MeiliClient, MeiliError } from "./meili-client";
import { INDEX_SETTINGS, meiliDocument, primaryKeyOf, sourceKeyOf } from "./meili-documents";
import { notIn, quoted } from "./meili-query";
import type { MeiliHit, MeiliIndex, MeiliQuery, MeiliResult } from "./meili-records";
import { searchIndex } from "./meili-search";

// The Meilisearch engine (MEILI_URL): chunks stored with ASCII-spelled grams so that its
// phrase search matches exactly what the Postgres engine matches. Writes wait for their
// Meilisearch task, so a search that follows sees them; search lives in meili-search.ts.

export const DEFAULT_INDEX_UID = "kizuna_chunks";
const UPLOAD_BATCH = 5000;

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
    const tasks: number[] = [];
    for (let i = 0; i < docs.length; i += UPLOAD_BATCH) tasks.push(await this.enqueueAdd(docs.slice(i, i + UPLOAD_BATCH)));
    for (const uid of tasks) await this.client.waitForTask(uid);
  }

  async replaceSource(sourceType: SearchDocument["sourceType"], sourceId: number, docs: SearchDocument[]): Promise<void> {
    // New chunks first, then the ones no longer there: a search in between sees the source
    // whole (old and new chunks of a record collapse into one hit), never half gone.
    const tasks: number[] = [];
    if (docs.length) tasks.push(await this.enqueueAdd(docs));
    const filter = [`sourceKey = ${quoted(sourceKeyOf(sourceType, sourceId))}`, ...notIn("pk", docs.map((d) => primaryKeyOf(d.id)))];
    tasks.push((await this.client.request<{ taskUid: number }>("POST", `${this.path}/documents/delete`, { filter })).taskUid);
    for (const uid of tasks) await this.client.waitForTask(uid);
  }

  private async enqueueAdd(docs: SearchDocument[]): Promise<number> {
    return (await this.client.request<{ taskUid: number }>("POST", `${this.path}/documents`, docs.map(meiliDocument))).taskUid;
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
    federated: async (queries: MeiliQuery[], limit: number) => {
      const body = { federation: { limit, offset: 0 }, queries: queries.map((q) => ({ indexUid: this.indexUid, ...q })) };
      return (await this.client.request<{ hits: MeiliHit[] }>("POST", "/multi-search", body)).hits;
    },
  };
}
