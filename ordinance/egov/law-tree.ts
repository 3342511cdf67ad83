import type { ProvisionUnit } from "../numbering";

/**
 * A neutral, typed tree of one law in the shape of e-Gov 法令標準XML (XMLSchemaForJapaneseLaw
 * v3). Element names map to types one to one, so reading and writing stay mechanical; what
 * Kizuna does not model (tables, figures, 目次, 別表, amendment clauses) is kept as `RawNode`,
 * so parse → serialize never loses a word. Num attributes stay strings ("2_2", "1:25").
 */

/** Attributes the tree has no field for, kept as read so they are written back. */
export type Attributes = Readonly<Record<string, string>>;

/** Unmodelled XML (TableStruct, List, TOC, AppdxTable …), kept verbatim. */
export interface RawNode {
  readonly type: "raw";
  /** The element name, so a caller can tell a table from a figure without parsing. */
  readonly tag: string;
  readonly xml: string;
}

export type InlineTag = "Ruby" | "Rt" | "Sup" | "Sub" | "Line";

/** Ruby, Rt, Sup, Sub and Line inside running text. */
export interface InlineElement {
  readonly type: "inline";
  readonly tag: InlineTag;
  readonly attributes?: Attributes;
  readonly content: readonly Inline[];
}

/** A run of running text: plain text, markup, or raw XML such as QuoteStruct. */
export type Inline = string | InlineElement | RawNode;

/**
 * A title, caption or label. Almost always a plain string; runs only when the label
 * carries ruby or other markup, so the common case stays easy to read and to build.
 */
export type RichText = string | readonly Inline[];

export interface Sentence {
  readonly type: "sentence";
  readonly num?: string;
  /** 本文 ("main") and ただし書 ("proviso"). */
  readonly function?: "main" | "proviso";
  /** e-Gov's default is vertical; a 条例 written 横書き says "horizontal". */
  readonly writingMode?: "vertical" | "horizontal";
  /** Indent and anything else. */
  readonly attributes?: Attributes;
  readonly content: readonly Inline[];
}

/** One of the space-separated parts of a sentence, e.g. a term and its definition. */
export interface Column {
  readonly type: "column";
  readonly num?: string;
  readonly lineBreak?: boolean;
  /** Align and anything else. */
  readonly attributes?: Attributes;
  readonly sentences: readonly Sentence[];
}

/** The body of ParagraphSentence, ItemSentence …: sentences, columns, or a raw Table. */
export type SentenceBlock = Sentence | Column | RawNode;

interface Enumerated {
  readonly num: string;
  /** ItemTitle / SubitemNTitle: "一", "(1)", "イ", "ア". Optional in the schema. */
  readonly title?: RichText;
  readonly deleted?: boolean;
  readonly hidden?: boolean;
  readonly attributes?: Attributes;
  readonly sentences: readonly SentenceBlock[];
  readonly subitems: readonly Subitem[];
  /** TableStruct, FigStruct, StyleStruct and List, which the schema puts after the subitems. */
  readonly rawAfterSubitems?: readonly RawNode[];
}

/** 号. */
export interface Item extends Enumerated {
  readonly type: "item";
}

/** 号の細分, Subitem1 … Subitem10. `level` mirrors the nesting; the writer goes by nesting. */
export interface Subitem extends Enumerated {
  readonly type: "subitem";
  readonly level: number;
}

/** 項. The first paragraph of an article has an empty paragraphNum. */
export interface Paragraph {
  readonly type: "paragraph";
  readonly num: string;
  readonly caption?: RichText;
  readonly captionAttributes?: Attributes;
  readonly paragraphNum: RichText;
  readonly oldStyle?: boolean;
  readonly oldNum?: boolean;
  readonly hidden?: boolean;
  readonly attributes?: Attributes;
  readonly sentences: readonly SentenceBlock[];
  readonly items: readonly Item[];
  /** AmendProvision, Class, TableStruct …, in the places the schema allows them. */
  readonly rawBeforeItems?: readonly RawNode[];
  readonly rawAfterItems?: readonly RawNode[];
}

/** 条. `num` is the Num attribute: "36_2" for 第三十六条の二. */
export interface Article {
  readonly type: "article";
  readonly num: string;
  /** 見出し, e.g. "（目的）". */
  readonly caption?: RichText;
  readonly captionAttributes?: Attributes;
  /** The schema lets a caption follow the title; true keeps that order. */
  readonly captionAfterTitle?: boolean;
  /** "第二条の二" or "第2条の2", as written. */
  readonly title: RichText;
  readonly deleted?: boolean;
  readonly hidden?: boolean;
  readonly attributes?: Attributes;
  readonly paragraphs: readonly Paragraph[];
  /** SupplNote: the （罰則 …） note 道路交通法 hangs after an article. */
  readonly supplNote?: RichText;
}

/** 編, 章, 節, 款, 目: e-Gov Part, Chapter, Section, Subsection, Division. */
export type ContainerKind = Exclude<ProvisionUnit, "article">;

export interface Container {
  readonly type: "container";
  readonly kind: ContainerKind;
  readonly num: string;
  /** "第一章　総則". */
  readonly title: RichText;
  readonly deleted?: boolean;
  readonly hidden?: boolean;
  readonly attributes?: Attributes;
  readonly children: readonly (Container | Article)[];
}

/** What a MainProvision or SupplProvision holds: the schema picks one kind, order is kept. */
export type ProvisionNode = Container | Article | Paragraph;

/** 附則. An amendment's 附則 carries its law number and, when abridged (抄), extract. */
export interface SupplProvision {
  readonly type: "supplProvision";
  /** "附則" or "附　則". */
  readonly label: RichText;
  readonly amendLawNum?: string;
  readonly extract?: boolean;
  /** Type ("New" / "Amend") and anything else. */
  readonly attributes?: Attributes;
  readonly children: readonly ProvisionNode[];
  /** SupplProvisionAppdxTable, SupplProvisionAppdxStyle, SupplProvisionAppdx. */
  readonly appendices?: readonly RawNode[];
}

/**
 * 別表, 別記, 様式 … (AppdxTable, AppdxNote, AppdxStyle, Appdx, AppdxFig, AppdxFormat).
 * The schema lets them sit between 附則; `afterSupplProvisions` (how many 附則 precede it)
 * is set only when one does, and otherwise they follow the last 附則.
 */
export interface Appendix extends RawNode {
  readonly afterSupplProvisions?: number;
}

/** The Law element's attributes as read; a 条例 uses LawType "Misc". */
export interface LawAttributes {
  readonly Era?: string;
  readonly Year?: string;
  readonly Num?: string;
  readonly LawType?: string;
  readonly Lang?: string;
  readonly PromulgateMonth?: string;
  readonly PromulgateDay?: string;
  readonly [name: string]: string | undefined;
}

export interface LawDocument {
  /** LawNum, e.g. "平成五年法律第八十八号"; absent for a draft not yet numbered. */
  readonly lawNum?: string;
  readonly attributes: LawAttributes;
  /** LawTitle. */
  readonly title: RichText;
  /** Kana, Abbrev, AbbrevKana, as read. */
  readonly titleAttributes?: Attributes;
  /** LawBody's own attributes (Subject). */
  readonly lawBodyAttributes?: Attributes;
  /** 制定文. */
  readonly enactStatements?: readonly RichText[];
  /** 目次, kept raw: it restates the chapter titles and is rebuilt by whoever edits them. */
  readonly toc?: RawNode;
  /** 前文. */
  readonly preamble?: readonly Paragraph[];
  /** MainProvision's own attributes (Extract). */
  readonly mainProvisionAttributes?: Attributes;
  /** 本則. */
  readonly main: readonly ProvisionNode[];
  /** 附則, the original first and then each amendment's, in document order. */
  readonly supplProvisions: readonly SupplProvision[];
  readonly appendices?: readonly Appendix[];
}
