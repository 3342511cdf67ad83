// Old and variant kanji folded to the form in everyday use, so 國 finds 国 and 渡邉 finds
// 渡辺. Each pair is old→new, one code point each; no target is itself a source, so one
// pass is enough. CJK Compatibility Ideographs (U+F900–U+FAFF) that have a canonical
// decomposition are already folded by NFKC; 﨑 (U+FA11) has none and is listed here.
// Left out on purpose: 龍/竜 (both current in names), 斎/斉 (different characters),
// 籠/篭 and other pairs where the "variant" is a word of its own.

/** Traditional forms (旧字体, 康熙字典体) of 常用漢字, with the 新字体 used today. */
const JOYO_OLD_FORMS = `
亞亜 惡悪 壓圧 圍囲 醫医 爲為 壹壱 榮栄 營営 驛駅 圓円 鹽塩 應応 歐欧 假仮 價価
畫画 會会 壞壊 懷懐 擴拡 覺覚 學学 樂楽 勸勧 卷巻 歡歓 觀観 關関 陷陥 舊旧 擧挙
據拠 峽峡 狹狭 曉暁 區区 驅駆 勳勲 徑径 經経 繼継 輕軽 溪渓 螢蛍 鷄鶏 藝芸 缺欠
劍剣 儉倹 權権 檢検 險険 顯顕 驗験 縣県 廣広 效効 恆恒 黃黄 號号 國国 黑黒 濟済
碎砕 齋斎 劑剤 雜雑 參参 慘惨 棧桟 蠶蚕 贊賛 殘残 絲糸 齒歯 兒児 辭辞 實実 寫写
釋釈 壽寿 收収 從従 澁渋 獸獣 縱縦 肅粛 處処 敍叙 獎奨 將将 燒焼 稱称 證証 乘乗
剩剰 壤壌 孃嬢 條条 淨浄 狀状 疊畳 讓譲 釀醸 觸触 囑嘱 愼慎 眞真 寢寝 盡尽 圖図
粹粋 醉酔 隨随 髓髄 數数 樞枢 聲声 靜静 齊斉 攝摂 竊窃 專専 戰戦 淺浅 潛潜 纖繊
踐践 錢銭 禪禅 雙双 壯壮 搜捜 插挿 爭争 總総 莊荘 裝装 騷騒 藏蔵 臟臓 屬属
續続 墮堕 體体 對対 帶帯 滯滞 臺台 瀧滝 擇択 澤沢 擔担 單単 膽胆 團団 彈弾 斷断
癡痴 遲遅 晝昼 蟲虫 鑄鋳 廳庁 聽聴 鎭鎮 轉転 傳伝 燈灯 當当 黨党 盜盗 稻稲 鬪闘
德徳 獨独 讀読 貳弐 惱悩 腦脳 霸覇 廢廃 拜拝 賣売 麥麦 發発 髮髪 拔抜 蠻蛮 祕秘
濱浜 甁瓶 拂払 佛仏 倂併 竝並 邊辺 辯弁 辨弁 瓣弁 舖舗 步歩 穗穂 寶宝 豐豊 沒没
飜翻 每毎 萬万 滿満 默黙 彌弥 譯訳 藥薬 與与 豫予 餘余 譽誉 搖揺 樣様 謠謡 來来
賴頼 亂乱 覽覧 兩両 獵猟 綠緑 壘塁 淚涙 勵励 禮礼 靈霊 齡齢 戀恋 爐炉 勞労 樓楼
錄録 灣湾 隱隠 衞衛 繪絵 增増 淸清 靑青 卽即 旣既 舍舎 巢巣 涉渉 瀨瀬 惠恵 渴渇
稅税 脫脱 說説 銳鋭 閱閲 姬姫 櫻桜 龜亀 曾曽
`;

/** 異体字 common in names and signage, folded to the usual character. */
const NAME_VARIANTS = `
髙高 﨑崎 嵜崎 邉辺 濵浜 冨富 舘館 嶋島 聰聡 遙遥 𠮷吉 𠮟叱
`;

function parsePairs(...sources: string[]): Map<string, string> {
  const table = new Map<string, string>();
  for (const source of sources) {
    for (const pair of source.split(/\s+/u)) {
      if (pair === "") continue;
      const [from, to] = Array.from(pair);
      table.set(from, to);
    }
  }
  return table;
}

export const KANJI_VARIANT_FOLDS: ReadonlyMap<string, string> = parsePairs(JOYO_OLD_FORMS, NAME_VARIANTS);

export function foldKanjiVariant(ch: string): string {
  return KANJI_VARIANT_FOLDS.get(ch) ?? ch;
}
