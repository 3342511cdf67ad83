import { Command, InvalidArgumentError } from "commander";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { isUserFacingError, UserFacingError } from "../lib/errors";
import { execute } from "./execute";
import { compareTexts, isVersionId } from "./compare";
import type { MigrationResult } from "../db/migrate";
import type { BackupSummary } from "../ops/backup";
import type { RestoreSummary } from "../ops/restore";
import { loadConfig } from "../server/config";
import { readLock } from "../server/data-dir-lock";

// Every command prints its result on stdout (one JSON value with --json) and everything
// else (progress, logs, errors) on stderr, as the scripting contract in DESIGN.md requires.

const print = (text: string) => process.stdout.write(text + "\n");
const log = (text: string) => process.stderr.write(text + "\n");

function output(json: boolean | undefined, value: unknown, human: () => void) {
  if (json) print(JSON.stringify(value));
  else human();
}

/** A one-line progress bar on stderr (only on a terminal, so logs stay clean). */
function progress(done: number, total: number, current: string) {
  if (!process.stderr.isTTY) return;
  const width = 24;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${path.basename(current)}`.padEnd(80));
  if (done === total) process.stderr.write("\n");
}

/** A file the command made: to --out when given, else to stdout. */
async function writeOut(bytes: Buffer, out: string | undefined) {
  if (!out) {
    process.stdout.write(bytes);
    return;
  }
  await writeFile(path.resolve(out), bytes);
  log(`書き出しました: ${out}`);
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("正の整数を指定してください。");
  return n;
}

function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("0から65535までのポート番号を指定してください。");
  return n;
}

const program = new Command("kizuna")
  .description("Kizuna（絆）の管理コマンドです。KIZUNA_DATA_DIR または DATABASE_URL のデータベースを操作します。")
  .helpOption("-h, --help", "ヘルプを表示します")
  .helpCommand("help [command]", "コマンドのヘルプを表示します")
  .showHelpAfterError("(使い方は --help で表示されます)");

program
  .command("migrate")
  .description("データベースを最新の構造に更新します。")
  .option("--json", "結果をJSONで出力します")
  .action(async (opts) => {
    const result = (await execute("migrate")) as MigrationResult;
    output(opts.json, result, () =>
      print(result.applied.length ? `適用しました: ${result.applied.join(", ")}` : "データベースは最新です。"),
    );
  });

program
  .command("seed")
  .description("デモデータ(部局・会議体・デモ利用者)を読み込みます。何度実行しても重複しません。")
  .option("--json", "結果をJSONで出力します")
  .action(async (opts) => {
    const result = (await execute("seed")) as { createdUsers: { login: string; role: string; password: string }[] };
    output(opts.json, result, () => {
      print("デモデータを読み込みました。");
      for (const u of result.createdUsers) print(`  ${u.login.padEnd(8)} ${u.role.padEnd(6)} パスワード: ${u.password}`);
    });
  });

const user = program.command("user").description("利用者を管理します。");

user
  .command("add <login>")
  .description("利用者を追加します。--password を省くと生成したパスワードを表示します。")
  .requiredOption("--role <role>", "役割: admin | pt | study | staff")
  .option("--password <password>", "パスワード(10文字以上)")
  .option("--name <displayName>", "表示名")
  .option("--json", "結果をJSONで出力します")
  .action(async (login: string, opts) => {
    const result = (await execute("user.add", {
      login,
      role: opts.role,
      password: opts.password,
      displayName: opts.name,
    })) as { id: number; login: string; role: string; password?: string };
    output(opts.json, result, () => {
      print(`利用者 ${result.login} (${result.role}) を追加しました。`);
      if (result.password) print(`パスワード: ${result.password}`);
    });
  });

user
  .command("list")
  .description("利用者の一覧を表示します。")
  .option("--json", "結果をJSONで出力します")
  .action(async (opts) => {
    const users = (await execute("user.list")) as { login: string; role: string; displayName: string; active: boolean }[];
    output(opts.json, users, () => {
      for (const u of users) print(`${u.login.padEnd(12)} ${u.role.padEnd(6)} ${u.active ? "" : "(無効) "}${u.displayName}`);
    });
  });

program
  .command("import <files...>")
  .description("PDF・DOCX・テキスト・Markdown・e-Gov法令XMLを記録として取り込みます。失敗したファイルがあっても残りを続けます。")
  .option("--kind <kind>", "種別を指定します: measure | minutes | plan | survey | law | material")
  .option("--json", "結果をJSONで出力します")
  .action(async (files: string[], opts) => {
    const imported: { id: number; title: string; kind: string }[] = [];
    const failed: { file: string; error: string }[] = [];
    for (const [i, file] of files.entries()) {
      progress(i, files.length, file);
      try {
        imported.push((await execute("import.file", { path: path.resolve(file), kind: opts.kind })) as (typeof imported)[number]);
      } catch (error) {
        if (!isUserFacingError(error)) throw error;
        failed.push({ file, error: error.message });
      }
    }
    progress(files.length, files.length, "");
    output(opts.json, { imported, failed }, () => {
      for (const r of imported) print(`取り込みました: [${r.id}] ${r.title}`);
      for (const f of failed) print(`取り込めませんでした: ${f.file} — ${f.error}`);
    });
    if (failed.length) process.exitCode = 1;
  });

program
  .command("export <id>")
  .description("記録を書き出します(JSONまたはMarkdown)。")
  .option("--format <format>", "json | md", "json")
  .action(async (id: string, opts) => {
    if (opts.format !== "json" && opts.format !== "md") throw new UserFacingError("--format には json か md を指定してください。");
    const result = await execute("record.export", { id: positiveInt(id), format: opts.format });
    if (opts.format === "md") process.stdout.write(result as string);
    else print(JSON.stringify(result));
  });

program
  .command("search <query>")
  .description("ナレッジと条例案(条文・意見)を日本語で検索します(AND・\"語句\"・-除外・OR が使えます)。")
  .option("--kind <kind>", "種別で絞り込みます: measure | minutes | plan | survey | law | material | decision | clause(条例案の条文) | comment(意見)")
  .option("--limit <n>", "表示する件数(既定20)", positiveInt)
  .option("--json", "結果をJSONで出力します")
  .action(async (query: string, opts) => {
    const result = (await execute("search", { query, kind: opts.kind, limit: opts.limit })) as {
      total: number;
      notice?: string;
      hits: { kindLabel: string; title: string; snippet: string; locator: string | null; href: string }[];
    };
    output(opts.json, result, () => {
      if (result.notice) log(result.notice);
      print(`${result.total}件`);
      for (const h of result.hits) {
        print(`[${h.kindLabel}] ${h.title}${h.locator ? ` › ${h.locator}` : ""}  ${h.href}`);
        print(`    ${h.snippet}`);
      }
    });
  });

program
  .command("reindex")
  .description("検索索引を作り直します(辞書や正規化の規則を変えたときなど)。")
  .option("--json", "結果をJSONで出力します")
  .action(async (opts) => {
    log("検索索引を作り直しています…");
    const result = (await execute("reindex")) as { sources: number; chunks: number };
    output(opts.json, result, () => print(`作り直しました: ${result.sources}件の記録・決定事項・条例案・意見(${result.chunks}個の断片)`));
  });

program
  .command("backup <file>")
  .description("すべての表・取り込んだ元ファイル・条例案の共同編集の状態を、1つのファイル(gzip)にバックアップします。編集中でも取れます。")
  .option("--json", "結果をJSONで出力します")
  .action(async (file: string, opts) => {
    log("バックアップを作成しています…");
    const result = (await execute("backup", { path: path.resolve(file) })) as BackupSummary;
    const size = result.bytes < 1024 * 1024 ? `${Math.ceil(result.bytes / 1024)} KB` : `${(result.bytes / 1024 / 1024).toFixed(1)} MB`;
    output(opts.json, result, () => print(`バックアップしました: ${result.file}(${result.tables}表・${result.rows.toLocaleString("ja-JP")}行・${size})`));
  });

program
  .command("restore <file>")
  .description("バックアップを空のデータベースに復元し、検索索引を作り直します。Kizunaを止めてから実行してください。")
  .option("--force", "復元先のデータをすべて消してから復元します(消したデータは戻せません)")
  .option("--json", "結果をJSONで出力します")
  .action(async (file: string, opts) => {
    // Swapping the data under a running server would let its open drafts write old state back.
    const config = loadConfig();
    if (!config.databaseUrl && (await readLock(config.dataDir))) {
      throw new UserFacingError("このデータディレクトリは動いているKizuna(npm start など)が使っています。Kizunaを止めてから、もう一度 kizuna restore を実行してください。");
    }
    log("復元しています…");
    const result = (await execute("restore", { path: path.resolve(file), force: Boolean(opts.force) })) as RestoreSummary;
    output(opts.json, { file: result.file, tables: result.tables, rows: result.rows }, () =>
      print(`復元しました: ${result.file}(${result.tables}表・${result.rows.toLocaleString("ja-JP")}行)。検索索引も作り直しました。`),
    );
  });

const draft = program.command("draft").description("条例案を扱います。");

draft
  .command("list")
  .description("条例案の一覧を表示します(デモの条例案が最初です)。")
  .option("--json", "結果をJSONで出力します")
  .action(async (opts) => {
    const drafts = (await execute("draft.list")) as { id: number; title: string }[];
    output(opts.json, drafts, () => drafts.forEach((d) => print(`[${d.id}] ${d.title}`)));
  });

draft
  .command("import <file>")
  .description("e-Gov法令XMLから新しい条例案を作ります。")
  .option("--title <title>", "題名(省略するとXMLの題名)")
  .option("--json", "結果をJSONで出力します")
  .action(async (file: string, opts) => {
    const result = (await execute("draft.import", { path: path.resolve(file), title: opts.title })) as { draftId: number; articles: number };
    output(opts.json, result, () => print(`条例案 ${result.draftId} を作りました(本則 ${result.articles}条)。`));
  });

draft
  .command("export <draftId>")
  .description("条例案を書き出します: egov-xml | text | docx")
  .requiredOption("--format <format>", "egov-xml | text | docx")
  .option("--out <file>", "書き出すファイル(省略すると標準出力。docxでは必須)")
  .action(async (id: string, opts) => {
    if (!["egov-xml", "text", "docx"].includes(opts.format)) throw new UserFacingError("--format には egov-xml、text、docx のいずれかを指定してください。");
    if (opts.format === "docx" && !opts.out) throw new UserFacingError("docx は --out でファイル名を指定してください。");
    const file = (await execute("draft.export", { id: positiveInt(id), format: opts.format })) as { binary: boolean; body: string };
    const bytes = file.binary ? Buffer.from(file.body, "base64") : Buffer.from(file.body, "utf8");
    await writeOut(bytes, opts.out);
  });

draft
  .command("version <draftId>")
  .description("条例案のいまの条文を名前を付けた版として保存します(例: 第1次案)。")
  .requiredOption("--label <label>", "版の名前(例: 第1次案、研究会提示案)")
  .option("--note <note>", "メモ")
  .option("--json", "結果をJSONで出力します")
  .action(async (id: string, opts) => {
    const result = (await execute("draft.version", { draftId: positiveInt(id), label: opts.label, note: opts.note })) as { versionId: number; label: string };
    output(opts.json, { versionId: result.versionId }, () => print(`版「${result.label}」を保存しました(版の番号 ${result.versionId})。`));
  });

/** A version id as given, or a file path made absolute (the server may run it elsewhere). */
const textRef = (arg: string) => (isVersionId(arg) ? arg : path.resolve(arg));

/** Two e-Gov files are compared here, without opening the database; a version needs it. */
function compare(input: { a: string; b: string; format: string; order?: string; unchanged?: string }) {
  return isVersionId(input.a) || isVersionId(input.b) ? execute("compare", input) : compareTexts(input, null);
}

program
  .command("shinkyu <a> <b>")
  .description("新旧対照表を作ります。a(改正前)と b(改正後)には版の番号か e-Gov法令XMLのファイルを指定します。")
  .option("--format <format>", "json | html | docx", "json")
  .option("--out <file>", "書き出すファイル(省略すると標準出力。docxでは必須)")
  .option("--order <order>", "列の順序: beforeFirst(改正前｜改正後、既定) | afterFirst")
  .option("--omit-unchanged", "変更のない規定を（略）と示さずに省きます")
  .action(async (a: string, b: string, opts) => {
    if (!["json", "html", "docx"].includes(opts.format)) throw new UserFacingError("--format には json、html、docx のいずれかを指定してください。");
    if (opts.format === "docx" && !opts.out) throw new UserFacingError("docx は --out でファイル名を指定してください。");
    if (opts.order && !["beforeFirst", "afterFirst"].includes(opts.order)) throw new UserFacingError("--order には beforeFirst か afterFirst を指定してください。");
    const result = await compare({
      a: textRef(a),
      b: textRef(b),
      format: opts.format,
      order: opts.order,
      unchanged: opts.omitUnchanged ? "omit" : "abbreviate",
    });
    const bytes =
      opts.format === "json"
        ? Buffer.from(JSON.stringify(result) + "\n")
        : Buffer.from((result as { body: string }).body, opts.format === "docx" ? "base64" : "utf8");
    await writeOut(bytes, opts.out);
  });

program
  .command("aratame <a> <b>")
  .description("a(改正前)を b(改正後)に改める改め文を出力します。a と b には版の番号か e-Gov法令XMLのファイルを指定します。")
  .option("--json", "結果をJSONで出力します")
  .action(async (a: string, b: string, opts) => {
    const result = (await compare({
      a: textRef(a),
      b: textRef(b),
      format: "aratame",
    })) as { lines: string[]; unsupported: string[] };
    output(opts.json, result, () => {
      for (const line of result.lines) print(line);
      for (const line of result.unsupported) log(`注意: ${line}`);
    });
  });

const comments = program.command("comments").description("条例案への意見を扱います。");

comments
  .command("export <draftId>")
  .description("意見対応表を書き出します: csv | xlsx | docx")
  .requiredOption("--format <format>", "csv | xlsx | docx")
  .option("--out <file>", "書き出すファイル(省略すると現在のフォルダに iken-taiou-<番号>.<形式>)")
  .option("--from <date>", "この日以降に出された意見だけにします(2026-11-01 や 令和8年11月1日)")
  .option("--to <date>", "この日までに出された意見だけにします(その日を含みます)")
  .option("--version <versionId>", "この版に対する意見だけにします(版の番号)", positiveInt)
  .option("--anonymise", "提出者を「委員A」「委員B」…と匿名にします")
  .option("--json", "結果をJSONで出力します")
  .action(async (id: string, opts) => {
    if (!["csv", "xlsx", "docx"].includes(opts.format)) throw new UserFacingError("--format には csv、xlsx、docx のいずれかを指定してください。");
    const draftId = Number(id);
    if (!Number.isInteger(draftId) || draftId <= 0) throw new UserFacingError("条例案の番号には正の整数を指定してください(番号は kizuna draft list で確かめられます)。");
    const file = (await execute("comments.export", {
      draftId,
      format: opts.format,
      from: opts.from,
      to: opts.to,
      versionId: opts.version,
      anonymise: Boolean(opts.anonymise),
    })) as { fileName: string; body: string; rows: number };
    const out = path.resolve(opts.out ?? file.fileName);
    await writeFile(out, Buffer.from(file.body, "base64"));
    output(opts.json, { file: out, rows: file.rows }, () => print(`意見対応表を書き出しました: ${out}(${file.rows}件)`));
  });

program
  .command("token <login>")
  .description("スクリプトや共同編集クライアントが使う短期トークンを発行し、トークンだけを出力します。")
  .option("--ttl <minutes>", "有効期間(分)。既定は60分", positiveInt)
  .option("--json", "結果をJSONで出力します")
  .action(async (login: string, opts) => {
    const result = (await execute("token", { login, ttlMinutes: opts.ttl })) as { token: string };
    output(opts.json, result, () => print(result.token));
  });

program
  .command("collab")
  .description("共同編集サーバーだけを起動します(複数プロセス構成用。DATABASE_URL のサーバー版Postgresが必要です)。")
  .option("--port <port>", "待ち受けるポート(既定は PORT、なければ3001)", portNumber)
  .option("--host <host>", "待ち受けるアドレス(既定は HOST、なければ127.0.0.1)")
  .action(async (opts) => {
    // Loaded only here: the other commands need no WebSocket server.
    const { runStandaloneCollab } = await import("../collab-server/main");
    await runStandaloneCollab({ port: opts.port, host: opts.host });
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (isUserFacingError(error)) {
    log(`エラー: ${error.message}`);
    process.exitCode = 1;
  } else {
    log(`エラー: 処理に失敗しました。${(error as Error).message ?? error}`);
    if (process.env.KIZUNA_DEBUG) log(String((error as Error).stack));
    process.exitCode = 2;
  }
}
