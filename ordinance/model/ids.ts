import type { Node } from "prosemirror-model";
import { Plugin, PluginKey, type Transaction } from "prosemirror-state";
import { Mapping, Transform } from "prosemirror-transform";
import { ID_TYPES } from "./schema";

// Provisions carry stable ids so comments survive renumbering (DESIGN.md). An id is given
// once, when a node is made, and renewed only when a copy would otherwise share it.

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
const ID_LENGTH = 10;
// 252 is the largest multiple of 36 below 256: bytes past it are drawn again, so every
// character is equally likely.
const UNBIASED_LIMIT = 252;

/** A short random id, 10 characters of base36 (about 51 bits); Web Crypto, so browser and Node alike. */
export function newId(): string {
  let id = "";
  const bytes = new Uint8Array(ID_LENGTH * 2);
  while (id.length < ID_LENGTH) {
    globalThis.crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      if (byte < UNBIASED_LIMIT && id.length < ID_LENGTH) id += ALPHABET[byte % 36];
    }
  }
  return id;
}

export function hasIdAttr(node: Node): boolean {
  return ID_TYPES.has(node.type.name) && "id" in node.attrs;
}

/**
 * Positions of nodes that need a fresh id: those without one, and every occurrence of a
 * shared id but the kept one. `keep` names, per id, the position that holds it rightfully;
 * otherwise the first occurrence in document order keeps it.
 */
export function positionsNeedingIds(doc: Node, keep: ReadonlyMap<string, number> = new Map()): number[] {
  const occurrences = new Map<string, number[]>();
  const renew: number[] = [];
  doc.descendants((node, pos) => {
    if (!hasIdAttr(node)) return;
    const id = node.attrs.id as string | null;
    if (!id) renew.push(pos);
    else occurrences.set(id, [...(occurrences.get(id) ?? []), pos]);
  });
  for (const [id, positions] of occurrences) {
    if (positions.length < 2) continue;
    const preferred = keep.get(id);
    const kept = preferred !== undefined && positions.includes(preferred) ? preferred : positions[0];
    renew.push(...positions.filter((pos) => pos !== kept));
  }
  return renew.sort((a, b) => a - b);
}

/** Sets fresh ids; attribute steps keep positions, so one list of positions serves them all. */
function renewIds<T extends Transform>(tr: T, positions: readonly number[], makeId: () => string): T {
  for (const pos of positions) tr.setNodeAttribute(pos, "id", makeId());
  return tr;
}

/**
 * The document with an id on every provision: missing ids are made, duplicated ones renewed
 * (the first occurrence keeps its id). Existing unique ids are never touched, and the same
 * document object is returned when nothing needed doing.
 */
export function ensureIds(doc: Node, makeId: () => string = newId): Node {
  const positions = positionsNeedingIds(doc);
  return positions.length === 0 ? doc : renewIds(new Transform(doc), positions, makeId).doc;
}

export interface UniqueIdOptions {
  /**
   * Transactions to leave alone. The editor passes the ones y-prosemirror applies from
   * other clients: the client that made a change fixes its ids, and fixing them again on
   * every receiver would race and make the ids flip.
   */
  readonly ignoreTransaction?: (tr: Transaction) => boolean;
  readonly makeId?: () => string;
}

export const uniqueIdPluginKey = new PluginKey("ordinanceUniqueId");

/**
 * Gives ids to provisions created without one and fresh ids to pasted copies. When a copy
 * is pasted above its original, the node that was already in the document keeps the id,
 * not whichever comes first, so comments stay on the original.
 */
export function uniqueIdPlugin(options: UniqueIdOptions = {}): Plugin {
  const makeId = options.makeId ?? newId;
  return new Plugin({
    key: uniqueIdPluginKey,
    appendTransaction(transactions, oldState, newState) {
      const relevant = transactions.filter(
        (tr) => tr.docChanged && !tr.getMeta(uniqueIdPluginKey) && !options.ignoreTransaction?.(tr)
      );
      if (relevant.length === 0) return null;
      const mapping = new Mapping();
      for (const tr of transactions) mapping.appendMapping(tr.mapping);
      const keep = new Map<string, number>();
      oldState.doc.descendants((node, pos) => {
        const id = hasIdAttr(node) ? (node.attrs.id as string | null) : null;
        if (!id || keep.has(id)) return;
        const mapped = mapping.mapResult(pos, 1);
        if (!mapped.deleted) keep.set(id, mapped.pos);
      });
      const positions = positionsNeedingIds(newState.doc, keep);
      if (positions.length === 0) return null;
      const tr = renewIds(newState.tr, positions, makeId);
      return tr.setMeta(uniqueIdPluginKey, true).setMeta("addToHistory", false);
    },
  });
}
