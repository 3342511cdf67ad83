import type {
  afterUnloadDocumentPayload,
  beforeHandleMessagePayload,
  Document,
  Extension,
  onDisconnectPayload,
} from "@hocuspocus/server";
import type { MarkType, NodeType, AttributeSpec } from "prosemirror-model";
import * as Y from "yjs";
import { ordinanceSchema } from "../../ordinance/model/schema";
import { CloseCode, documentUpdateOf, PROSEMIRROR_FRAGMENT } from "../protocol";
import type { CollabContext } from "./auth";
import { log as processLog } from "../../server/log";

// The stored document always satisfies the ordinance schema. Each update is applied first to
// a shadow copy of the document, and only what it changed is checked against the schema, the
// way y-prosemirror reads the Yjs tree: an element per node (name = node type, attributes =
// attrs), a Y.XmlText per run of text (formatting attributes = marks). Anything y-prosemirror
// would drop or repair on a client (unknown names, missing or bad attributes, content the
// content expression refuses, writes beside the "prosemirror" fragment) refuses the update.

export class InvalidContentError extends Error {}

const schema = ordinanceSchema;
const invalid = (message: string) => new InvalidContentError(message);
type Container = Y.XmlFragment; // the root fragment or a Y.XmlElement (a subclass)
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any shared type, whatever its events
type Shared = Y.AbstractType<any>;

/** y-prosemirror stores overlapping marks as `name--hash`. */
function markName(attribute: string): string {
  return /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(attribute)?.[1] ?? attribute;
}

/** Unknown names, missing required attributes and values the spec's `validate` refuses. */
function checkAttrs(specs: Record<string, AttributeSpec> | undefined, values: Record<string, unknown>, owner: string): void {
  const declared = specs ?? {};
  for (const name of Object.keys(values)) {
    if (!Object.hasOwn(declared, name)) throw invalid(`unknown attribute ${name} on ${owner}`);
  }
  for (const [name, spec] of Object.entries(declared)) {
    if (!Object.hasOwn(values, name)) {
      if (!Object.hasOwn(spec, "default")) throw invalid(`missing attribute ${name} on ${owner}`);
      continue;
    }
    const value = values[name];
    if (typeof spec.validate === "string") {
      const kind = value === null ? "null" : typeof value;
      if (!spec.validate.split("|").includes(kind)) throw invalid(`attribute ${name} on ${owner} is not ${spec.validate}`);
    } else if (spec.validate) {
      try {
        spec.validate(value);
      } catch {
        throw invalid(`attribute ${name} on ${owner} is out of range`);
      }
    }
  }
}

function nodeTypeOf(element: Y.XmlElement): NodeType {
  const type = Object.hasOwn(schema.nodes, element.nodeName) ? schema.nodes[element.nodeName] : undefined;
  if (!type || type.isText || type === schema.topNodeType) throw invalid(`unknown element ${element.nodeName.slice(0, 40)}`);
  return type;
}

function markOf(attribute: string, value: unknown) {
  const name = markName(attribute);
  const type: MarkType | undefined = Object.hasOwn(schema.marks, name) ? schema.marks[name] : undefined;
  if (!type) throw invalid(`unknown mark ${name.slice(0, 40)}`);
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Y.AbstractType) {
    throw invalid(`mark ${name} has no attributes object`);
  }
  checkAttrs(type.spec.attrs, value as Record<string, unknown>, `mark ${name}`);
  return type.create(value as Record<string, unknown>);
}

/**
 * One element against the schema: its attributes and the sequence of its children (names,
 * text, marks). `deep` says which element children to check in turn, all the way down.
 */
function checkContainer(container: Container, deep: (child: Y.XmlElement) => boolean): void {
  const isRoot = !(container instanceof Y.XmlElement);
  const type = isRoot ? schema.topNodeType : nodeTypeOf(container);
  if (!isRoot) checkAttrs(type.spec.attrs, container.getAttributes(), type.name);
  let match = type.contentMatch;
  for (const child of container.toArray() as unknown[]) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof op.insert !== "string") throw invalid(`embedded object in the text of ${type.name}`);
        const marks = Object.entries(op.attributes ?? {}).map(([name, value]) => markOf(name, value));
        const text = schema.text(op.insert, marks);
        try {
          text.check(); // mark attributes and excluded combinations (sup with sub)
        } catch {
          throw invalid(`invalid marks in ${type.name}`);
        }
        if (!type.allowsMarks(text.marks)) throw invalid(`marks not allowed in ${type.name}`);
        const next = match.matchType(schema.nodes.text!);
        if (!next) throw invalid(`text not allowed in ${type.name}`);
        match = next;
      }
    } else if (child instanceof Y.XmlElement) {
      const childType = nodeTypeOf(child);
      const next = match.matchType(childType);
      if (!next) throw invalid(`${childType.name} not allowed in ${type.name}`);
      match = next;
      if (deep(child)) checkContainer(child, () => true);
    } else {
      throw invalid(`a ${describe(child)} inside ${type.name}`);
    }
  }
  if (!match.validEnd) throw invalid(`${type.name} is incomplete`);
}

function describe(value: unknown): string {
  if (value instanceof Y.AbstractType) return value.constructor.name;
  return value === null ? "null" : typeof value;
}

/** The whole fragment against the schema. */
export function checkFragment(fragment: Y.XmlFragment): void {
  checkContainer(fragment, () => true);
}

/**
 * What one transaction changed, against the schema: every element whose children or
 * attributes changed, every element holding a text that changed, and all of each new subtree.
 * Unchanged parts were valid before, so they stay valid.
 */
export function checkTransaction(fragment: Y.XmlFragment, transaction: Y.Transaction): void {
  const targets = new Set<Container>();
  for (const type of transaction.changed.keys()) {
    let root: Shared = type;
    let removed = false;
    while (root._item) {
      removed ||= root._item.deleted;
      root = root._item.parent as Shared;
    }
    if (root !== fragment) throw invalid("a write outside the ordinance fragment");
    if (removed) continue;
    if (type instanceof Y.XmlText) targets.add(type._item!.parent as Container);
    else if (type instanceof Y.XmlElement || root === type) targets.add(type as Container);
    else throw invalid(`a ${describe(type)} inside the ordinance`);
  }
  const isNew = (element: Y.XmlElement) => element._item!.id.clock >= (transaction.beforeState.get(element._item!.id.client) ?? 0);
  for (const target of targets) checkContainer(target, isNew);
}

const GUARD_ORIGIN = Symbol("schema-guard");
/** How long an accepted update is kept for rebuilding the shadow; storing it takes milliseconds. */
const ACCEPTED_KEEP_MS = 60_000;

/**
 * The document as it will be once every accepted update is applied. Hocuspocus applies an
 * update only after persistence has stored it, so the next update must be checked against
 * this, not against the document. Yjs cannot undo an applied update: a refused update
 * makes the shadow be rebuilt from the document and the updates accepted meanwhile.
 */
class Shadow {
  doc!: Y.Doc;
  fragment!: Y.XmlFragment;
  private accepted: { socketId: string; update: Uint8Array; at: number }[] = [];
  private readonly follow = (update: Uint8Array) => Y.applyUpdate(this.doc, update);

  constructor(readonly source: Document) {
    this.rebuild();
    source.on("update", this.follow);
  }

  rebuild(): void {
    this.doc?.destroy();
    this.doc = new Y.Doc();
    this.fragment = this.doc.getXmlFragment(PROSEMIRROR_FRAGMENT);
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(this.source));
    for (const { update } of this.accepted) Y.applyUpdate(this.doc, update);
  }

  /** Applies the update if the result is still an ordinance; otherwise throws, the shadow unchanged. */
  admit(update: Uint8Array, socketId: string): void {
    const store = this.doc.store;
    const hadPending = store.pendingStructs !== null || store.pendingDs !== null;
    let transaction: Y.Transaction | null = null;
    const capture = (tr: Y.Transaction) => {
      if (tr.origin === GUARD_ORIGIN) transaction = tr;
    };
    this.doc.on("afterTransaction", capture);
    try {
      Y.applyUpdate(this.doc, update, GUARD_ORIGIN);
      if (!hadPending && (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null)) {
        throw invalid("an update that depends on changes the server does not have");
      }
      if (transaction) checkTransaction(this.fragment, transaction);
    } catch (error) {
      this.doc.off("afterTransaction", capture);
      this.rebuild();
      throw error instanceof InvalidContentError ? error : invalid(`an undecodable update (${(error as Error).message})`);
    }
    this.doc.off("afterTransaction", capture);
    const now = Date.now();
    this.accepted = this.accepted.filter((entry) => now - entry.at < ACCEPTED_KEEP_MS);
    this.accepted.push({ socketId, update, at: now });
  }

  /** Forgets a closed socket's updates; those never applied (persistence failed) leave the shadow. */
  forget(socketId: string): void {
    const mine = this.accepted.filter((entry) => entry.socketId === socketId);
    if (!mine.length) return;
    this.accepted = this.accepted.filter((entry) => entry.socketId !== socketId);
    const applied = Y.snapshot(this.source);
    if (mine.some(({ update }) => !Y.snapshotContainsUpdate(applied, update))) this.rebuild();
  }

  destroy(): void {
    this.source.off("update", this.follow);
    this.doc.destroy();
  }
}

const log = processLog.child({ component: "collab" });

/**
 * Refuses document updates that would make the draft break the ordinance schema, and
 * malformed update messages. A refused update is neither stored nor applied, and the
 * socket that sent it is closed with CloseCode.InvalidContent.
 */
export class SchemaGuardExtension implements Extension {
  extensionName = "kizuna-schema-guard";
  // After the limits, before persistence stores the update.
  priority = 500;

  private readonly shadows = new Map<string, Shadow>();
  private readonly refusedSockets = new WeakSet<object>();

  async beforeHandleMessage({ connection, update: message, document, documentName, socketId, context }: beforeHandleMessagePayload): Promise<void> {
    if (connection.readOnly) return; // Hocuspocus will not apply it either
    const refuse = (reason: string): never => {
      const user = (context as CollabContext | undefined)?.user;
      log.warn({ document: documentName, userId: user?.id, reason }, "refused an update that breaks the schema");
      this.refusedSockets.add(connection.webSocket);
      connection.webSocket.close(CloseCode.InvalidContent, "invalid content");
      throw Object.assign(new Error(`invalid content: ${reason}`), { code: CloseCode.InvalidContent, reason: "invalid content" });
    };
    // Frames already on their way after a refusal depend on what was refused.
    if (this.refusedSockets.has(connection.webSocket)) refuse("sent after a refused update");
    let update: Uint8Array | null;
    try {
      update = documentUpdateOf(message);
    } catch {
      return refuse("a malformed message");
    }
    if (!update) return;
    try {
      this.shadowOf(document, documentName).admit(update, socketId);
    } catch (error) {
      refuse((error as Error).message);
    }
  }

  private shadowOf(document: Document, documentName: string): Shadow {
    const existing = this.shadows.get(documentName);
    if (existing?.source === document) return existing;
    existing?.destroy();
    const shadow = new Shadow(document);
    this.shadows.set(documentName, shadow);
    try {
      checkFragment(shadow.fragment);
    } catch (error) {
      // Stored before this guard existed: edits are still checked, change by change.
      log.warn({ document: documentName, error: (error as Error).message }, "draft as stored does not satisfy the schema");
    }
    return shadow;
  }

  async onDisconnect({ documentName, socketId, clientsCount }: onDisconnectPayload): Promise<void> {
    const shadow = this.shadows.get(documentName);
    if (!shadow) return;
    if (clientsCount === 0) this.drop(documentName);
    else shadow.forget(socketId);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.drop(documentName);
  }

  async onDestroy(): Promise<void> {
    for (const name of [...this.shadows.keys()]) this.drop(name);
  }

  private drop(documentName: string): void {
    this.shadows.get(documentName)?.destroy();
    this.shadows.delete(documentName);
  }
}
