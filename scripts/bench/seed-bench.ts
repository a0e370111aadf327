// Benchmark data: the normal sample data (prisma/seed.ts) plus generated places, events and openings so the
// database holds ≥ 10,000 public-facing items, like a busy city after years of use.
//
//   DATABASE_PATH=tests/.artifacts/bench/bench.db node_modules/.bin/prisma migrate deploy
//   DATABASE_PATH=tests/.artifacts/bench/bench.db node_modules/.bin/tsx scripts/bench/seed-bench.ts
//
// Environment: DATABASE_PATH (required, a freshly migrated file), BENCH_PER_KIND (default 3400 of each kind),
// SEED_NOW (optional fixed "now"). Names are built from word pools (地域 × 種類 × 愛称 / 活動), spread over all
// areas, categories and audiences; ~95 % published. Rows go in with createMany in chunks inside transactions;
// the search index is then filled with indexItem (the same code the app runs on every save).
// Only writes to DATABASE_PATH. Called by scripts/bench/run.mjs; not part of the app.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { Prisma, PrismaClient } from "../../app/generated/prisma/client";
import { seed } from "../../prisma/seed";
import { mulberry32 } from "../../prisma/seed-helpers";
import { expandSchedule } from "../../app/modules/schedule/recurrence";
import {
  indexItem,
  type SearchableType,
} from "../../app/modules/search/documents.server";
import * as describe from "../../app/modules/schedule/describe";
import {
  addDays,
  fromTokyo,
  startOfTokyoDay,
  tokyoDateKey,
  tokyoParts,
} from "../../app/utils/dates";

const PER_KIND = Number(process.env.BENCH_PER_KIND ?? 3400);
const GROUPS = Math.max(40, Math.round(PER_KIND / 11));
const CHUNK = 500;
const TX = { timeout: 300_000, maxWait: 20_000 };

// ───────────── word pools ─────────────

type Word = readonly [kanji: string, kana: string];

/** Towns (町域) of each 地域支え合い協議会 area, with readings. */
const TOWNS: Record<string, Word[]> = {
  "tsurugashima-daini": [
    ["鶴ヶ丘", "つるがおか"],
    ["上広谷", "かみひろや"],
    ["藤金", "ふじがね"],
  ],
  fujimi: [
    ["富士見", "ふじみ"],
    ["若葉", "わかば"],
    ["富士見台", "ふじみだい"],
  ],
  southern: [
    ["太田ヶ谷", "おおたがや"],
    ["松ヶ丘", "まつがおか"],
    ["南町", "みなみちょう"],
  ],
  sugishita: [
    ["五味ヶ谷", "ごみがや"],
    ["杉下", "すぎした"],
    ["上広谷", "かみひろや"],
  ],
  seibu: [
    ["中新田", "なかしんでん"],
    ["新町", "しんまち"],
    ["上新田", "かみしんでん"],
    ["町屋", "まちや"],
    ["高倉", "たかくら"],
    ["一本松", "いっぽんまつ"],
  ],
  chuo: [
    ["三ツ木", "みつぎ"],
    ["鶴ヶ島中央", "つるがしまちゅうおう"],
    ["藤金", "ふじがね"],
  ],
  kita: [
    ["下新田", "しもしんでん"],
    ["羽折町", "はおりちょう"],
    ["中台", "なかだい"],
    ["はなみずき", "はなみずき"],
    ["三彩", "みさい"],
  ],
  suneori: [
    ["脚折町", "すねおりちょう"],
    ["脚折", "すねおり"],
    ["雷電池", "かんだちがいけ"],
  ],
};
const FACILITIES: Word[] = [
  ["集会所", "しゅうかいじょ"],
  ["公民館", "こうみんかん"],
  ["地域交流センター", "ちいきこうりゅうせんたー"],
  ["自治会館", "じちかいかん"],
  ["市民センター", "しみんせんたー"],
  ["コミュニティハウス", "こみゅにてぃはうす"],
];
const NICKNAMES: Word[] =
  "ひだまり にこにこ ぽかぽか さくら かがやき つばさ なかよし ほほえみ たんぽぽ ひまわり わいわい すまいる あおぞら こもれび いちょう けやき どんぐり ふたば えがお あじさい もみじ すずらん"
    .split(" ")
    .map((w) => [`「${w}」`, w] as const);

type PlaceKind = {
  type: string;
  words: Word[];
  categories: string[];
  audiences: string[];
  summaries: string[];
  meals?: boolean;
  showAreaOnly?: number;
};
const PLACE_KINDS: PlaceKind[] = [
  {
    type: "fureai-salon",
    words: [
      ["ふれあいサロン", "ふれあいさろん"],
      ["いきいきサロン", "いきいきさろん"],
      ["お茶のみサロン", "おちゃのみさろん"],
      ["おしゃべりサロン", "おしゃべりさろん"],
    ],
    categories: ["elderly", "ibasho"],
    audiences: ["elderly", "everyone"],
    summaries: [
      "お茶を飲みながら、歌や手遊び、おしゃべりを楽しむサロンです。",
      "ご近所同士が気軽に集まれる、月に数回の集いの場です。",
      "季節の行事や手芸、ときどき料理の会もある、にぎやかなサロンです。",
    ],
  },
  {
    type: "kodomo-shokudo",
    words: [
      ["子ども食堂", "こどもしょくどう"],
      ["こども食堂", "こどもしょくどう"],
      ["みんなの食堂", "みんなのしょくどう"],
      ["地域食堂", "ちいきしょくどう"],
    ],
    categories: ["children", "food"],
    audiences: ["children", "parenting", "multigenerational"],
    summaries: [
      "子どもも大人も、みんなで温かい夕ごはんを囲む子ども食堂です。",
      "地域のボランティアが手づくりの料理でお迎えします。ひとりでも、親子でもどうぞ。",
      "旬の野菜を使った料理を、子どもたちと一緒に作って食べます。",
    ],
    meals: true,
    showAreaOnly: 0.5,
  },
  {
    type: "community-cafe",
    words: [
      ["コミュニティカフェ", "こみゅにてぃかふぇ"],
      ["まちかどカフェ", "まちかどかふぇ"],
      ["地域カフェ", "ちいきかふぇ"],
      ["縁側カフェ", "えんがわかふぇ"],
    ],
    categories: ["ibasho", "community-safety"],
    audiences: ["everyone", "multigenerational"],
    summaries: [
      "だれでも立ち寄れる、まちかどのカフェです。",
      "コーヒー一杯から、地域のつながりが生まれる居場所です。",
      "季節の料理やお菓子を囲んで、世代をこえて話せるカフェです。",
    ],
  },
  {
    type: "dementia-cafe",
    words: [
      ["オレンジカフェ", "おれんじかふぇ"],
      ["認知症カフェ", "にんちしょうかふぇ"],
      ["ほっとカフェ", "ほっとかふぇ"],
    ],
    categories: ["elderly", "health"],
    audiences: ["elderly", "everyone"],
    summaries: [
      "認知症の方とご家族、地域の人が、お茶を飲みながら話せるカフェです。",
      "専門職も参加する、介護の悩みを気軽に相談できるカフェです。",
    ],
  },
  {
    type: "kayoi-no-ba",
    words: [
      ["いきいき百歳体操", "いきいきひゃくさいたいそう"],
      ["通いの場", "かよいのば"],
      ["健康体操の会", "けんこうたいそうのかい"],
      ["ラジオ体操の会", "らじおたいそうのかい"],
    ],
    categories: ["health", "elderly"],
    audiences: ["elderly"],
    summaries: [
      "おもりを使った筋力体操で、足腰を元気に保つ通いの場です。",
      "ラジオ体操と脳トレで、週に一度からだを動かします。",
    ],
  },
  {
    type: "multicultural",
    words: [
      ["にほんご教室", "にほんごきょうしつ"],
      ["多文化サロン", "たぶんかさろん"],
      ["国際交流ひろば", "こくさいこうりゅうひろば"],
    ],
    categories: ["multicultural", "culture-sports-learning"],
    audiences: ["foreign-roots", "everyone"],
    summaries: [
      "外国から来た人が、ボランティアと一対一で日本語を学べる教室です。",
      "いろいろな国の人と地域の人が、料理や遊びを通して仲良くなるサロンです。",
    ],
  },
  {
    type: "study-support",
    words: [
      ["学習教室", "がくしゅうきょうしつ"],
      ["寺子屋", "てらこや"],
      ["学びの部屋", "まなびのへや"],
      ["宿題ひろば", "しゅくだいひろば"],
    ],
    categories: ["children", "culture-sports-learning"],
    audiences: ["children"],
    summaries: [
      "宿題や苦手な科目を、ボランティアと一緒に勉強できます。",
      "小中学生がのびのび過ごせる、放課後の学びの場です。",
    ],
  },
  {
    type: "food-pantry",
    words: [
      ["フードパントリー", "ふーどぱんとりー"],
      ["食品配布会", "しょくひんはいふかい"],
      ["おすそわけ食品庫", "おすそわけしょくひんこ"],
    ],
    categories: ["food", "children"],
    audiences: ["parenting", "everyone"],
    summaries: [
      "お米や缶詰などの食品を、子育て中のご家庭に無料でお渡ししています。",
      "寄付された食品を、必要な方にそっとお届けします。",
    ],
    showAreaOnly: 0.7,
  },
  {
    type: "hikikomori-salon",
    words: [
      ["ひとやすみサロン", "ひとやすみさろん"],
      ["こころのサロン", "こころのさろん"],
      ["ほっとひと息の会", "ほっとひといきのかい"],
    ],
    categories: ["ibasho", "health"],
    audiences: ["everyone", "disability"],
    summaries: [
      "家から出にくい方や、そのご家族が安心して過ごせるサロンです。",
      "話しても、話さなくても大丈夫。静かに過ごせる居場所です。",
    ],
    showAreaOnly: 0.6,
  },
  {
    type: "parenting-salon",
    words: [
      ["子育てサロン", "こそだてさろん"],
      ["親子ひろば", "おやこひろば"],
      ["赤ちゃんサロン", "あかちゃんさろん"],
    ],
    categories: ["children", "ibasho"],
    audiences: ["parenting", "children"],
    summaries: [
      "赤ちゃんや小さなお子さんと保護者が、のんびり過ごせる場です。",
      "親子でのんびり遊んで、子育ての話をしましょう。",
    ],
  },
];

type Activity = {
  words: Word;
  categories: string[];
  audiences: string[];
  summary: string;
};
const EVENT_ACTIVITIES: Activity[] = [
  {
    words: ["親子料理教室", "おやこりょうりきょうしつ"],
    categories: ["children", "food"],
    audiences: ["parenting", "children"],
    summary: "季節の野菜を使って、親子で料理を作ります。",
  },
  {
    words: ["男の料理サロン", "おとこのりょうりさろん"],
    categories: ["elderly", "food"],
    audiences: ["elderly"],
    summary: "はじめての方も大歓迎。みんなで料理を作って食べましょう。",
  },
  {
    words: ["多文化料理交流会", "たぶんかりょうりこうりゅうかい"],
    categories: ["multicultural", "food"],
    audiences: ["foreign-roots", "everyone"],
    summary: "いろいろな国の家庭料理を一緒に作って味わいます。",
  },
  {
    words: ["防災講座", "ぼうさいこうざ"],
    categories: ["disaster"],
    audiences: ["everyone"],
    summary: "家庭でできる備えと、避難所の過ごし方を学びます。",
  },
  {
    words: ["防災訓練", "ぼうさいくんれん"],
    categories: ["disaster", "community-safety"],
    audiences: ["everyone", "multigenerational"],
    summary: "消火器や担架の使い方を体験します。",
  },
  {
    words: ["スマホ相談会", "すまほそうだんかい"],
    categories: ["elderly", "skills"],
    audiences: ["elderly"],
    summary: "スマートフォンの使い方を、ボランティアが一対一でお手伝いします。",
  },
  {
    words: ["健康マージャン", "けんこうまーじゃん"],
    categories: ["health", "elderly"],
    audiences: ["elderly"],
    summary: "賭けない・飲まない・吸わないマージャンで頭の体操をします。",
  },
  {
    words: ["折り紙教室", "おりがみきょうしつ"],
    categories: ["culture-sports-learning"],
    audiences: ["children", "multigenerational"],
    summary: "季節の折り紙を、子どもからお年寄りまで一緒に楽しみます。",
  },
  {
    words: ["はじめての手話教室", "はじめてのしゅわきょうしつ"],
    categories: ["disability", "culture-sports-learning"],
    audiences: ["everyone"],
    summary: "聞こえない人と一緒に、あいさつの手話から練習します。",
  },
  {
    words: ["うたごえ喫茶", "うたごえきっさ"],
    categories: ["elderly", "culture-sports-learning"],
    audiences: ["elderly", "everyone"],
    summary: "なつかしい歌をみんなで歌い、お茶を楽しみます。",
  },
  {
    words: ["認知症サポーター養成講座", "にんちしょうさぽーたーようせいこうざ"],
    categories: ["elderly", "health"],
    audiences: ["everyone"],
    summary: "認知症について正しく知り、地域でできる手助けを学びます。",
  },
  {
    words: ["ごみ拾いウォーク", "ごみひろいうぉーく"],
    categories: ["environment"],
    audiences: ["everyone", "multigenerational"],
    summary: "まちを歩きながらごみを拾い、きれいにします。",
  },
  {
    words: ["将棋クラブ", "しょうぎくらぶ"],
    categories: ["culture-sports-learning"],
    audiences: ["children", "elderly"],
    summary: "子どもと大人が将棋で真剣勝負。初心者には指し方から教えます。",
  },
  {
    words: ["いす ヨガ", "いす よが"],
    categories: ["health"],
    audiences: ["elderly", "disability"],
    summary: "いすに座ったままできるヨガで、からだをほぐします。",
  },
  {
    words: ["介護予防講座", "かいごよぼうこうざ"],
    categories: ["health", "elderly"],
    audiences: ["elderly"],
    summary: "転ばないからだづくりと、食事のこつを学びます。",
  },
  {
    words: ["ボッチャ体験会", "ぼっちゃたいけんかい"],
    categories: ["disability", "culture-sports-learning"],
    audiences: ["disability", "everyone"],
    summary: "障害のある人もない人も、一緒にボッチャを楽しみます。",
  },
  {
    words: ["夏休み宿題会", "なつやすみしゅくだいかい"],
    categories: ["children", "culture-sports-learning"],
    audiences: ["children"],
    summary: "夏休みの宿題を、大学生ボランティアと一緒に進めます。",
  },
  {
    words: ["落語を楽しむ会", "らくごをたのしむかい"],
    categories: ["culture-sports-learning"],
    audiences: ["everyone", "elderly"],
    summary: "地域の落語好きによる寄席です。笑って元気になりましょう。",
  },
  {
    words: ["花壇づくり", "かだんづくり"],
    categories: ["environment", "community-safety"],
    audiences: ["everyone", "multigenerational"],
    summary: "公園の花壇に季節の花を植えます。",
  },
  {
    words: ["防犯パトロール講習", "ぼうはんぱとろーるこうしゅう"],
    categories: ["community-safety"],
    audiences: ["everyone"],
    summary: "子どもの見守りと、防犯パトロールのポイントを学びます。",
  },
  {
    words: ["子育て相談会", "こそだてそうだんかい"],
    categories: ["children"],
    audiences: ["parenting"],
    summary: "保健師と先輩ママ・パパに、子育ての悩みを気軽に相談できます。",
  },
  {
    words: ["こども食堂 夏まつり", "こどもしょくどう なつまつり"],
    categories: ["children", "food"],
    audiences: ["children", "parenting", "multigenerational"],
    summary: "子ども食堂の仲間とヨーヨー釣りやかき氷を楽しみます。",
  },
  {
    words: ["フードドライブ", "ふーどどらいぶ"],
    categories: ["food"],
    audiences: ["everyone"],
    summary: "家庭で余っている食品を持ち寄り、フードパントリーに届けます。",
  },
  {
    words: ["ふれあい音楽会", "ふれあいおんがくかい"],
    categories: ["culture-sports-learning", "disability"],
    audiences: ["everyone", "multigenerational"],
    summary: "地域の合唱団と施設の利用者による音楽会です。",
  },
  {
    words: ["写真教室", "しゃしんきょうしつ"],
    categories: ["culture-sports-learning", "skills"],
    audiences: ["everyone"],
    summary: "スマホでもきれいに撮れるこつを、写真の好きな仲間が教えます。",
  },
  {
    words: ["やさしい日本語講座", "やさしいにほんごこうざ"],
    categories: ["multicultural"],
    audiences: ["everyone", "foreign-roots"],
    summary: "外国の人に伝わる、やさしい日本語の話し方を学びます。",
  },
  {
    words: ["布ぞうり教室", "ぬのぞうりきょうしつ"],
    categories: ["culture-sports-learning", "elderly"],
    audiences: ["elderly", "everyone"],
    summary: "古布で布ぞうりを作ります。材料はこちらで用意します。",
  },
  {
    words: ["傾聴講座", "けいちょうこうざ"],
    categories: ["health", "skills"],
    audiences: ["everyone"],
    summary: "相手の話をじっくり聴くこつを、ロールプレイで学びます。",
  },
];
const SEASONS: Word[] = [
  ["春の", "はるの"],
  ["夏の", "なつの"],
  ["秋の", "あきの"],
  ["冬の", "ふゆの"],
  ["", ""],
  ["", ""],
  ["", ""],
];

type Role = Activity & { mode: string; skills: string; purpose: string };
const OPENING_ROLES: Role[] = [
  {
    words: [
      "子ども食堂の調理ボランティア",
      "こどもしょくどうのちょうりぼらんてぃあ",
    ],
    categories: ["children", "food"],
    audiences: ["children"],
    mode: "in-person",
    skills: "調理",
    summary: "子どもたちの夕ごはん作りを一緒にしませんか。",
    purpose:
      "毎回40食ほどを用意しています。手が多いほど、子どもたちと話す時間が増えます。",
  },
  {
    words: ["サロンのお茶出し・受付", "さろんのおちゃだし・うけつけ"],
    categories: ["elderly", "ibasho"],
    audiences: ["elderly"],
    mode: "in-person",
    skills: "",
    summary: "サロンでお茶を出し、来た人をお迎えします。",
    purpose: "世話役の高齢化で、手伝ってくれる人を探しています。",
  },
  {
    words: ["配食ボランティア", "はいしょくぼらんてぃあ"],
    categories: ["elderly", "food"],
    audiences: ["elderly"],
    mode: "in-person",
    skills: "運転",
    summary: "ひとり暮らしの高齢の方にお弁当を届けます。",
    purpose: "お弁当を手渡しすることが、見守りにもなります。",
  },
  {
    words: ["傾聴ボランティア", "けいちょうぼらんてぃあ"],
    categories: ["elderly", "health"],
    audiences: ["elderly"],
    mode: "in-person",
    skills: "傾聴",
    summary: "施設や自宅で、お年寄りのお話をじっくり聴きます。",
    purpose: "話を聴いてもらえるだけで、元気になる方がたくさんいます。",
  },
  {
    words: ["学習支援ボランティア", "がくしゅうしえんぼらんてぃあ"],
    categories: ["children", "culture-sports-learning"],
    audiences: ["children"],
    mode: "in-person",
    skills: "学習支援",
    summary: "小中学生の宿題や勉強をサポートします。",
    purpose: "一人ひとりに寄り添える大人を増やしたいと考えています。",
  },
  {
    words: ["日本語教室のサポーター", "にほんごきょうしつのさぽーたー"],
    categories: ["multicultural"],
    audiences: ["foreign-roots"],
    mode: "in-person",
    skills: "",
    summary: "外国から来た人の日本語の練習相手になります。",
    purpose: "学習者が増え、サポーターが足りません。",
  },
  {
    words: ["フードパントリーの仕分け", "ふーどぱんとりーのしわけ"],
    categories: ["food"],
    audiences: ["parenting"],
    mode: "in-person",
    skills: "",
    summary: "寄付された食品を仕分けし、袋に詰めます。",
    purpose: "配布日の前日は特に人手が必要です。",
  },
  {
    words: ["送迎ドライバー", "そうげいどらいばー"],
    categories: ["elderly", "community-safety"],
    audiences: ["elderly", "disability"],
    mode: "in-person",
    skills: "運転",
    summary: "サロンに通う方の送り迎えをお願いします。",
    purpose: "足がなくて来られない方がいます。",
  },
  {
    words: ["イベント設営スタッフ", "いべんとせつえいすたっふ"],
    categories: ["community-safety"],
    audiences: ["everyone"],
    mode: "in-person",
    skills: "",
    summary: "地域のお祭りのテント張りや片付けを手伝います。",
    purpose: "若い人の力が必要です。",
  },
  {
    words: ["チラシ作り（在宅）", "ちらしづくり（ざいたく）"],
    categories: ["skills"],
    audiences: ["everyone"],
    mode: "at-home",
    skills: "パソコン、チラシづくり",
    summary: "催しのチラシを、自宅のパソコンで作ります。",
    purpose: "わかりやすいチラシで、参加する人を増やしたいです。",
  },
  {
    words: [
      "翻訳ボランティア（オンライン）",
      "ほんやくぼらんてぃあ（おんらいん）",
    ],
    categories: ["multicultural", "skills"],
    audiences: ["foreign-roots"],
    mode: "online",
    skills: "英語、ベトナム語、中国語",
    summary: "お知らせや案内を、やさしい日本語や外国語に訳します。",
    purpose: "外国にルーツのある家庭にも情報を届けたいです。",
  },
  {
    words: ["見守り訪問", "みまもりほうもん"],
    categories: ["elderly", "community-safety"],
    audiences: ["elderly"],
    mode: "in-person",
    skills: "",
    summary: "ひとり暮らしのお年寄りのお宅を訪ね、声をかけます。",
    purpose: "ちょっとした変化に気づける地域にしたいです。",
  },
  {
    words: ["手話通訳ボランティア", "しゅわつうやくぼらんてぃあ"],
    categories: ["disability", "skills"],
    audiences: ["disability"],
    mode: "skills",
    skills: "手話",
    summary: "講座や催しで手話通訳をお願いします。",
    purpose: "聞こえない人も参加できる催しを増やしたいです。",
  },
  {
    words: ["写真撮影ボランティア", "しゃしんさつえいぼらんてぃあ"],
    categories: ["skills", "culture-sports-learning"],
    audiences: ["everyone"],
    mode: "skills",
    skills: "写真",
    summary: "催しの様子を撮影し、広報に使わせていただきます。",
    purpose: "活動の様子を伝えて、仲間を増やしたいです。",
  },
  {
    words: ["花壇の手入れ", "かだんのていれ"],
    categories: ["environment"],
    audiences: ["everyone"],
    mode: "in-person",
    skills: "園芸",
    summary: "駅前の花壇の水やりと草取りをします。",
    purpose: "花のあるまちは、人を元気にします。",
  },
  {
    words: ["パソコン教室の講師補助", "ぱそこんきょうしつのこうしほじょ"],
    categories: ["skills", "elderly"],
    audiences: ["elderly"],
    mode: "skills",
    skills: "パソコン",
    summary: "シニア向けパソコン教室で、受講者の隣でサポートします。",
    purpose: "一人ひとりに教える手が足りません。",
  },
  {
    words: ["食品の寄付（物品）", "しょくひんのきふ（ぶっぴん）"],
    categories: ["food"],
    audiences: ["everyone"],
    mode: "goods",
    skills: "",
    summary: "お米や缶詰など、賞味期限の長い食品を寄付してください。",
    purpose: "食品の寄付がフードパントリーを支えています。",
  },
  {
    words: ["防災訓練の運営スタッフ", "ぼうさいくんれんのうんえいすたっふ"],
    categories: ["disaster"],
    audiences: ["everyone"],
    mode: "in-person",
    skills: "防災士",
    summary: "地域の防災訓練で、受付や誘導をします。",
    purpose: "いざというときに動ける人を地域に増やしたいです。",
  },
];

const GROUP_SUFFIXES: Word[] = [
  ["ふれあいの会", "ふれあいのかい"],
  ["支え合いの会", "ささえあいのかい"],
  ["ボランティアの会", "ぼらんてぃあのかい"],
  ["子育てネット", "こそだてねっと"],
  ["健康づくりクラブ", "けんこうづくりくらぶ"],
  ["まちづくりの会", "まちづくりのかい"],
  ["食堂の会", "しょくどうのかい"],
  ["サロン連絡会", "さろんれんらくかい"],
  ["国際交流の会", "こくさいこうりゅうのかい"],
  ["見守り隊", "みまもりたい"],
];
const GROUP_KINDS = [
  "市民活動団体",
  "自治会",
  "サロン",
  "こども食堂",
  "NPO法人",
  "社会福祉法人",
  "その他",
];
const RULES = [
  "FREQ=WEEKLY;BYDAY=TU,TH",
  "FREQ=WEEKLY;BYDAY=SA",
  "FREQ=MONTHLY;BYDAY=2WE,4WE",
  "FREQ=MONTHLY;BYDAY=1FR",
  "FREQ=MONTHLY;BYDAY=3SU",
  "FREQ=WEEKLY;BYDAY=MO,WE,FR",
  "FREQ=MONTHLY;BYDAY=2SA",
  "FREQ=MONTHLY;BYDAY=1TU,3TU",
  "FREQ=WEEKLY;BYDAY=WE",
];
const TIMES: [string, string][] = [
  ["10:00", "12:00"],
  ["13:30", "15:30"],
  ["17:00", "19:00"],
  ["09:30", "11:30"],
  ["14:00", "16:00"],
  ["18:00", "19:30"],
];
const FEES = [0, 0, 0, 0, 100, 100, 200, 300, 500, 1000];
const LANGUAGES = [
  ",ja,",
  ",ja,",
  ",ja,",
  ",ja,",
  ",ja,en,",
  ",ja,vi,",
  ",ja,zh-Hans,",
  ",ja,en,vi,zh-Hans,",
];

// ───────────── helpers ─────────────

const rand = mulberry32(20261128);
const between = (lo: number, hi: number) =>
  lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(list: readonly T[]): T =>
  list[Math.floor(rand() * list.length)]!;
const chance = (p: number) => rand() < p;
/** ~95 % published; the rest spread over the states a real database has. */
const itemStatus = (others: string[]) =>
  chance(0.95) ? "published" : pick(others);
function unique<T>(list: T[]): T[] {
  return [...new Set(list)];
}
function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function requireDatabasePath(): string {
  const file = process.env.DATABASE_PATH;
  if (!file)
    throw new Error(
      "seed-bench: set DATABASE_PATH (a freshly migrated SQLite file)"
    );
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved))
    throw new Error(
      `seed-bench: ${resolved} does not exist; run prisma migrate deploy first`
    );
  return resolved;
}

async function main() {
  const file = requireDatabasePath();
  const started = Date.now();
  const lap = (what: string, since: number) =>
    console.log(
      `seed-bench: ${what} in ${((Date.now() - since) / 1000).toFixed(1)} s`
    );
  // WAL like the app (db.server.ts); persists in the file and makes the many small index commits cheaper.
  const boot = new Database(file);
  boot.pragma("journal_mode = WAL");
  boot.close();
  const prisma = new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url: `file:${file}` }),
  });
  try {
    const now = process.env.SEED_NOW
      ? new Date(process.env.SEED_NOW)
      : new Date();
    if (Number.isNaN(now.getTime()))
      throw new Error(
        `seed-bench: SEED_NOW is not a date: ${process.env.SEED_NOW}`
      );
    if ((await prisma.area.count()) > 0)
      throw new Error(
        `seed-bench: ${file} already has data; start from a freshly migrated file`
      );

    let t0 = Date.now();
    await seed(prisma, { now });
    lap("sample data (prisma/seed.ts)", t0);

    t0 = Date.now();
    await addGenerated(prisma, now);
    lap(`generated rows (${PER_KIND} places, events and openings each)`, t0);

    t0 = Date.now();
    const indexed = await indexGenerated(prisma);
    lap(`search index (${indexed} items through indexItem)`, t0);

    const [places, events, openings, eventDates, shifts, docs, groups] =
      await Promise.all([
        prisma.place.count(),
        prisma.event.count(),
        prisma.opening.count(),
        prisma.eventDate.count(),
        prisma.shift.count(),
        prisma.searchDocument.count(),
        prisma.group.count(),
      ]);
    const published = await Promise.all([
      prisma.place.count({ where: { status: "published" } }),
      prisma.event.count({ where: { status: "published" } }),
      prisma.opening.count({ where: { status: "published" } }),
    ]);
    const total = places + events + openings;
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `seed-bench: ${places} places, ${events} events (${eventDates} dates), ${openings} openings (${shifts} shifts) = ${total} items; ` +
        `${
          published[0] + published[1] + published[2]
        } published; ${groups} groups; ${docs} search documents; total ${seconds.toFixed(
          1
        )} s`
    );
    console.log(
      JSON.stringify({
        benchSeed: {
          places,
          events,
          openings,
          eventDates,
          shifts,
          groups,
          searchDocuments: docs,
          total,
          seconds,
          now: now.toISOString(),
        },
      })
    );
    // A smaller --per-kind is allowed for trying things out; the default must reach the 10,000 of the issue.
    if (total < 10_000 && !process.env.BENCH_PER_KIND)
      throw new Error(`seed-bench: only ${total} items (< 10,000)`);
  } finally {
    await prisma.$disconnect();
  }
}

/** Generated rows; ids are assigned here (after the sample data's) so relations and join rows need no read-back. */
async function addGenerated(prisma: PrismaClient, now: Date) {
  const today = startOfTokyoDay(now);
  const at = (offset: number, time: string) => {
    const p = tokyoParts(addDays(today, offset));
    const [h, m] = time.split(":").map(Number) as [number, number];
    return fromTokyo(p.year, p.month, p.day, h, m);
  };
  const daysAgo = (n: number) => addDays(now, -n);

  // Taxonomy ids as seed() created them.
  const [areas, categories, audiences, types] = await Promise.all([
    prisma.area.findMany({
      select: { id: true, slug: true, lat: true, lng: true },
    }),
    prisma.category.findMany({
      select: { id: true, slug: true, planMeasures: { select: { id: true } } },
    }),
    prisma.audience.findMany({ select: { id: true, slug: true } }),
    prisma.placeType.findMany({ select: { id: true, slug: true, name: true } }),
  ]);
  if (!areas.length || !categories.length || !audiences.length || !types.length)
    throw new Error("seed-bench: taxonomies missing after seed()");
  const categoryId = new Map(categories.map((c) => [c.slug, c.id]));
  const audienceId = new Map(audiences.map((a) => [a.slug, a.id]));
  const typeBySlug = new Map(types.map((t) => [t.slug, t]));
  const measuresOfCategory = new Map(
    categories.map((c) => [c.id, c.planMeasures.map((m) => m.id)])
  );
  const allCategoryIds = categories.map((c) => c.id);
  const allAudienceIds = audiences.map((a) => a.id);
  const townsOf = (slug: string): Word[] => TOWNS[slug] ?? [[slug, slug]];

  const [groupBase, placeBase, eventBase, openingBase] = (
    await Promise.all([
      prisma.group.aggregate({ _max: { id: true } }),
      prisma.place.aggregate({ _max: { id: true } }),
      prisma.event.aggregate({ _max: { id: true } }),
      prisma.opening.aggregate({ _max: { id: true } }),
    ])
  ).map((a) => a._max.id ?? 0) as [number, number, number, number];

  /** Categories from the kind plus, now and then, one more from the whole list, so every category appears. */
  const catIds = (slugs: string[]) =>
    unique([
      ...slugs.map((s) => categoryId.get(s)!).filter(Boolean),
      ...(chance(0.25) ? [pick(allCategoryIds)] : []),
    ]);
  const audIds = (slugs: string[]) => {
    const base = slugs.map((s) => audienceId.get(s)!).filter(Boolean);
    const kept = base.filter((_, i) => i === 0 || chance(0.7));
    return unique([...kept, ...(chance(0.25) ? [pick(allAudienceIds)] : [])]);
  };
  const measureIds = (cats: number[]) =>
    unique(cats.flatMap((c) => measuresOfCategory.get(c) ?? [])).slice(0, 3);

  // ── groups ──
  type GroupRow = {
    id: number;
    areaId: number;
    areaSlug: string;
    name: string;
    contactName: string;
    contactPhone: string;
    contactEmail: string;
    approved: boolean;
  };
  const groups: GroupRow[] = [];
  const groupData: Prisma.GroupCreateManyInput[] = [];
  for (let i = 0; i < GROUPS; i++) {
    const area = areas[i % areas.length]!;
    const town = pick(townsOf(area.slug));
    const suffix = pick(GROUP_SUFFIXES);
    const kind = pick(GROUP_KINDS);
    const prefix =
      kind === "NPO法人" || kind === "社会福祉法人" ? `${kind} ` : "";
    const id = groupBase + 1 + i;
    const approved = chance(0.97);
    const createdAt = daysAgo(between(100, 900));
    const row: GroupRow = {
      id,
      areaId: area.id,
      areaSlug: area.slug,
      name: `${prefix}${town[0]}${suffix[0]}${
        i >= GROUP_SUFFIXES.length * 8 ? ` ${Math.floor(i / 80) + 1}` : ""
      }`,
      contactName: `${town[0]} 担当${(i % 50) + 1}`,
      contactPhone: `049-2${String(between(0, 99)).padStart(2, "0")}-${String(
        1000 + i
      ).slice(-4)}`,
      contactEmail: `group${id}@example.jp`,
      approved,
    };
    groups.push(row);
    groupData.push({
      id,
      name: row.name,
      nameKana: `${town[1]}${suffix[1]}`,
      description: `${town[0]}を中心に活動している${kind}です。${suffix[0]}として、地域のつながりづくりに取り組んでいます。`,
      kind,
      areaId: area.id,
      contactName: row.contactName,
      contactEmail: row.contactEmail,
      contactPhone: row.contactPhone,
      status: approved ? "approved" : "pending",
      createdAt,
      approvedAt: approved ? addDays(createdAt, 3) : null,
    });
  }
  const groupsByArea = new Map<number, GroupRow[]>();
  for (const g of groups)
    groupsByArea.set(g.areaId, [...(groupsByArea.get(g.areaId) ?? []), g]);
  const groupFor = (areaId: number) => pick(groupsByArea.get(areaId) ?? groups);

  // ── places ──
  type Join = [number, number];
  const joins: Record<string, Join[]> = {
    _CategoryToPlace: [],
    _AudienceToPlace: [],
    _PlaceToPlanMeasure: [],
    _CategoryToEvent: [],
    _AudienceToEvent: [],
    _EventToPlanMeasure: [],
    _CategoryToOpening: [],
    _AudienceToOpening: [],
    _OpeningToPlanMeasure: [],
  };
  const placeRows: Prisma.PlaceCreateManyInput[] = [];
  const publicPlacesByArea = new Map<number, { id: number; name: string }[]>();
  const translations: {
    entityType: string;
    entityId: number;
    field: string;
    locale: string;
    value: string;
    source: string;
    status: string;
    createdAt: Date;
  }[] = [];
  for (let i = 0; i < PER_KIND; i++) {
    const area = areas[i % areas.length]!;
    const kind =
      PLACE_KINDS[Math.floor(i / areas.length) % PLACE_KINDS.length]!;
    const type = typeBySlug.get(kind.type) ?? types[i % types.length]!;
    const town = pick(townsOf(area.slug));
    const word = pick(kind.words);
    const nick = pick(NICKNAMES);
    const facility = pick(FACILITIES);
    const group = groupFor(area.id);
    const id = placeBase + 1 + i;
    const status = itemStatus(["draft", "pending", "archived", "hidden"]);
    const createdAt = daysAgo(between(30, 700));
    const [start, end] = pick(TIMES);
    const hasSchedule = chance(0.9);
    const rule = hasSchedule ? pick(RULES) : "";
    const showAreaOnly = chance(kind.showAreaOnly ?? 0);
    const name = `${town[0]} ${word[0]}${nick[0]}`;
    const summary = pick(kind.summaries);
    placeRows.push({
      id,
      groupId: group.id,
      typeId: type.id,
      name,
      nameKana: `${town[1]} ${word[1]} ${nick[1]}`,
      summary,
      description: `${summary}\n${town[0]}${
        facility[0]
      }で開いています。はじめての方も、どうぞお気軽にお越しください。${
        kind.meals
          ? "食事の用意があります。アレルギーのある方はお知らせください。"
          : ""
      }`,
      areaId: area.id,
      address: `鶴ヶ島市${town[0]}${between(1, 9)}-${between(1, 30)}-${between(
        1,
        20
      )} ${town[0]}${facility[0]}`,
      showAreaOnly,
      lat:
        area.lat == null
          ? null
          : Math.round((area.lat + (rand() - 0.5) * 0.012) * 1e5) / 1e5,
      lng:
        area.lng == null
          ? null
          : Math.round((area.lng + (rand() - 0.5) * 0.014) * 1e5) / 1e5,
      access: chance(0.5)
        ? `つるバス「${town[0]}」下車 徒歩${between(2, 12)}分`
        : "",
      parking: chance(0.5) ? `${between(2, 15)}台` : "",
      fee: chance(0.1) ? null : pick(FEES),
      feeNote: "",
      bookingRequired: chance(0.2),
      mealsProvided: kind.meals ?? chance(0.1),
      transportOffered: chance(0.1),
      wheelchairAccess: chance(0.4),
      accessibleToilet: chance(0.3),
      beginnerFriendly: chance(0.8),
      languages: pick(LANGUAGES),
      whatToBring: chance(0.3) ? "飲みもの、タオル" : "",
      contactName: group.contactName,
      contactPhone: group.contactPhone,
      contactEmail: group.contactEmail,
      scheduleRule: rule,
      scheduleStart: hasSchedule ? start : "",
      scheduleEnd: hasSchedule ? end : "",
      skipHolidays: hasSchedule && chance(0.4),
      lastConfirmedAt: daysAgo(between(1, 400)),
      status,
      publishedAt:
        status === "published" || status === "hidden"
          ? addDays(createdAt, 2)
          : null,
      createdAt,
    });
    const cats = catIds(kind.categories);
    for (const c of cats) joins._CategoryToPlace!.push([c, id]);
    for (const a of audIds(kind.audiences))
      joins._AudienceToPlace!.push([a, id]);
    for (const m of measureIds(cats)) joins._PlaceToPlanMeasure!.push([id, m]);
    if (status === "published" && group.approved)
      publicPlacesByArea.set(area.id, [
        ...(publicPlacesByArea.get(area.id) ?? []),
        { id, name },
      ]);
    if (chance(0.1)) {
      translations.push(
        {
          entityType: "place",
          entityId: id,
          field: "name",
          locale: "en",
          value: `${town[1]} ${type.slug.replace(/-/g, " ")} ${nick[1]}`,
          source: "organizer",
          status: "approved",
          createdAt: daysAgo(5),
        },
        {
          entityType: "place",
          entityId: id,
          field: "summary",
          locale: "en",
          value: "A friendly neighbourhood place. Everyone is welcome.",
          source: "organizer",
          status: "approved",
          createdAt: daysAgo(5),
        }
      );
    }
  }

  // ── events and their dates ──
  const eventRows: Prisma.EventCreateManyInput[] = [];
  const dateRows: {
    eventId: number;
    startsAt: Date;
    endsAt: Date;
    status: string;
    note: string;
  }[] = [];
  for (let i = 0; i < PER_KIND; i++) {
    const area = areas[i % areas.length]!;
    const activity =
      EVENT_ACTIVITIES[Math.floor(i / areas.length) % EVENT_ACTIVITIES.length]!;
    const town = pick(townsOf(area.slug));
    const season = pick(SEASONS);
    const group = groupFor(area.id);
    const id = eventBase + 1 + i;
    const status = itemStatus(["draft", "pending", "archived", "hidden"]);
    const createdAt = daysAgo(between(5, 90));
    const atPlace = chance(0.4)
      ? pick(publicPlacesByArea.get(area.id) ?? [null])
      : null;
    const facility = pick(FACILITIES);
    const online = !atPlace && chance(0.05);
    const capacity = chance(0.5) ? between(10, 40) : null;
    const [start, end] = pick(TIMES);
    const numbered = chance(0.3) ? `（第${between(2, 30)}回）` : "";
    // A quarter are short series (with their rule), the rest one-offs on 1–4 dates in the next 120 days.
    let rule = "";
    let dates: { startsAt: Date; endsAt: Date }[];
    const count = between(1, 4);
    if (chance(0.25)) {
      rule = pick(RULES);
      const first = between(0, 60);
      dates = expandSchedule(
        {
          rule,
          startTime: start,
          endTime: end,
          skipHolidays: false,
          startDate: tokyoDateKey(addDays(today, first)),
          endDate: tokyoDateKey(addDays(today, 119)),
        },
        now,
        addDays(today, 120)
      ).slice(0, count);
    } else {
      const days = unique(
        Array.from({ length: count }, () => between(0, 119))
      ).sort((a, b) => a - b);
      dates = days
        .map((d) => ({ startsAt: at(d, start), endsAt: at(d, end) }))
        .filter((d) => d.startsAt > now);
    }
    if (!dates.length) {
      const day = between(1, 119);
      dates = [{ startsAt: at(day, start), endsAt: at(day, end) }];
    }
    const cancelledIndex = chance(0.05) ? between(0, dates.length - 1) : -1;
    dates.forEach((d, j) =>
      dateRows.push({
        eventId: id,
        ...d,
        status: j === cancelledIndex ? "cancelled" : "scheduled",
        note: j === cancelledIndex ? "講師の都合により休みます" : "",
      })
    );
    const title = `${season[0]}${activity.words[0]}${numbered}${
      chance(0.5) ? ` in ${town[0]}` : ""
    }`;
    eventRows.push({
      id,
      groupId: group.id,
      placeId: atPlace?.id ?? null,
      title,
      titleKana: `${season[1]}${activity.words[1]}`,
      summary: activity.summary,
      description: `${activity.summary}\n${town[0]}の${group.name}が開きます。${
        capacity
          ? `定員${capacity}名、先着順です。`
          : "申し込みは不要です。直接お越しください。"
      }`,
      areaId: area.id,
      venueName: atPlace
        ? ""
        : online
        ? "オンライン（Zoom）"
        : `${town[0]}${facility[0]}`,
      venueAddress:
        atPlace || online
          ? ""
          : `鶴ヶ島市${town[0]}${between(1, 9)}-${between(1, 30)}`,
      onlineUrl: online ? `https://example.jp/online/${id}` : "",
      fee: pick(FEES),
      capacity,
      registrationRequired: capacity !== null,
      registrationCloseHours: capacity !== null ? 24 : 0,
      beginnerFriendly: chance(0.6),
      languages: pick(LANGUAGES),
      whatToBring: chance(0.3) ? "筆記用具、飲みもの" : "",
      contactName: group.contactName,
      contactPhone: group.contactPhone,
      contactEmail: group.contactEmail,
      recurrenceRule: rule,
      recurrenceStart: rule ? tokyoDateKey(dates[0]!.startsAt) : "",
      recurrenceEnd: rule
        ? tokyoDateKey(dates[dates.length - 1]!.startsAt)
        : "",
      status,
      publishedAt:
        status === "published" || status === "hidden"
          ? addDays(createdAt, 1)
          : null,
      createdAt,
    });
    const cats = catIds(activity.categories);
    for (const c of cats) joins._CategoryToEvent!.push([c, id]);
    for (const a of audIds(activity.audiences))
      joins._AudienceToEvent!.push([a, id]);
    for (const m of measureIds(cats)) joins._EventToPlanMeasure!.push([id, m]);
  }

  // ── openings and their shifts ──
  const openingRows: Prisma.OpeningCreateManyInput[] = [];
  const shiftRows: {
    openingId: number;
    startsAt: Date;
    endsAt: Date | null;
    slots: number | null;
    note: string;
  }[] = [];
  for (let i = 0; i < PER_KIND; i++) {
    const area = areas[i % areas.length]!;
    const role =
      OPENING_ROLES[Math.floor(i / areas.length) % OPENING_ROLES.length]!;
    const town = pick(townsOf(area.slug));
    const group = groupFor(area.id);
    const id = openingBase + 1 + i;
    const status = itemStatus(["draft", "pending", "closed", "hidden"]);
    const createdAt = daysAgo(between(5, 80));
    const atPlace =
      role.mode === "in-person" && chance(0.4)
        ? pick(publicPlacesByArea.get(area.id) ?? [null])
        : null;
    const facility = pick(FACILITIES);
    const ongoing = role.mode !== "in-person" || chance(0.1);
    if (ongoing)
      shiftRows.push({
        openingId: id,
        startsAt: now,
        endsAt: null,
        slots: null,
        note: "",
      });
    else {
      const [start, end] = pick(TIMES);
      const days = unique(
        Array.from({ length: between(1, 3) }, () => between(1, 119))
      ).sort((a, b) => a - b);
      for (const d of days)
        shiftRows.push({
          openingId: id,
          startsAt: at(d, start),
          endsAt: at(d, end),
          slots: chance(0.2) ? null : between(2, 10),
          note: "",
        });
    }
    openingRows.push({
      id,
      groupId: group.id,
      placeId: atPlace?.id ?? null,
      title: `${town[0]} ${role.words[0]}`,
      titleKana: `${town[1]} ${role.words[1]}`,
      summary: role.summary,
      description: `${role.summary}\nはじめての方には、経験のあるメンバーが一緒に入ります。`,
      purpose: role.purpose,
      areaId: area.id,
      participationMode: role.mode,
      venueName:
        atPlace || role.mode !== "in-person" ? "" : `${town[0]}${facility[0]}`,
      venueAddress: "",
      skills: role.skills,
      minAge: chance(0.3) ? pick([12, 15, 18]) : null,
      insuranceRequired: chance(0.4),
      needsApproval: chance(0.3),
      ongoing,
      beginnerFriendly: chance(0.7),
      schoolFriendly: chance(0.3),
      languages: pick(LANGUAGES),
      contactName: group.contactName,
      contactPhone: group.contactPhone,
      contactEmail: group.contactEmail,
      applyBy: chance(0.3) ? at(between(10, 100), "23:59") : null,
      status,
      publishedAt:
        status === "draft" || status === "pending"
          ? null
          : addDays(createdAt, 1),
      createdAt,
    });
    const cats = catIds(role.categories);
    for (const c of cats) joins._CategoryToOpening!.push([c, id]);
    for (const a of audIds(role.audiences))
      joins._AudienceToOpening!.push([a, id]);
    for (const m of measureIds(cats))
      joins._OpeningToPlanMeasure!.push([id, m]);
  }

  // ── write ──
  await prisma.$transaction(async (tx) => {
    for (const part of chunks(groupData))
      await tx.group.createMany({ data: part });
    for (const part of chunks(placeRows))
      await tx.place.createMany({ data: part });
    for (const part of chunks(eventRows))
      await tx.event.createMany({ data: part });
    for (const part of chunks(dateRows))
      await tx.eventDate.createMany({ data: part });
    for (const part of chunks(openingRows))
      await tx.opening.createMany({ data: part });
    for (const part of chunks(shiftRows))
      await tx.shift.createMany({ data: part });
    for (const part of chunks(translations))
      await tx.translation.createMany({ data: part });
    for (const [table, rows] of Object.entries(joins)) {
      for (const part of chunks(rows, 400))
        await insertJoinRows(
          tx,
          table,
          Prisma.join(part.map(([a, b]) => Prisma.sql`(${a}, ${b})`))
        );
    }
  }, TX);

  await fillDerivedColumns(prisma, { placeBase, eventBase, openingBase });
  console.log(
    `seed-bench: +${groupData.length} groups, +${placeRows.length} places, +${eventRows.length} events (+${dateRows.length} dates), ` +
      `+${openingRows.length} openings (+${shiftRows.length} shifts), +${translations.length} translations, ` +
      `+${Object.values(joins).reduce(
        (n, r) => n + r.length,
        0
      )} category/audience/measure links`
  );
}

/** Rows of Prisma's implicit many-to-many tables (no model, so SQL; one static statement per table). */
function insertJoinRows(
  tx: Prisma.TransactionClient,
  table: string,
  values: Prisma.Sql
) {
  switch (table) {
    case "_CategoryToPlace":
      return tx.$executeRaw`INSERT INTO "_CategoryToPlace" ("A", "B") VALUES ${values}`;
    case "_AudienceToPlace":
      return tx.$executeRaw`INSERT INTO "_AudienceToPlace" ("A", "B") VALUES ${values}`;
    case "_PlaceToPlanMeasure":
      return tx.$executeRaw`INSERT INTO "_PlaceToPlanMeasure" ("A", "B") VALUES ${values}`;
    case "_CategoryToEvent":
      return tx.$executeRaw`INSERT INTO "_CategoryToEvent" ("A", "B") VALUES ${values}`;
    case "_AudienceToEvent":
      return tx.$executeRaw`INSERT INTO "_AudienceToEvent" ("A", "B") VALUES ${values}`;
    case "_EventToPlanMeasure":
      return tx.$executeRaw`INSERT INTO "_EventToPlanMeasure" ("A", "B") VALUES ${values}`;
    case "_CategoryToOpening":
      return tx.$executeRaw`INSERT INTO "_CategoryToOpening" ("A", "B") VALUES ${values}`;
    case "_AudienceToOpening":
      return tx.$executeRaw`INSERT INTO "_AudienceToOpening" ("A", "B") VALUES ${values}`;
    case "_OpeningToPlanMeasure":
      return tx.$executeRaw`INSERT INTO "_OpeningToPlanMeasure" ("A", "B") VALUES ${values}`;
    default:
      throw new Error(`seed-bench: unknown join table ${table}`);
  }
}

/**
 * Columns derived on save by app code that may or may not exist in this checkout (weekday / time-of-day
 * filters). Filled with SQL only when the column is there, so the script works before and after that change.
 */
async function fillDerivedColumns(
  prisma: PrismaClient,
  base: { placeBase: number; eventBase: number; openingBase: number }
) {
  const columns = async (table: string) =>
    new Set(
      (
        await prisma.$queryRaw<
          { name: string }[]
        >`SELECT "name" FROM pragma_table_info(${table})`
      ).map((c) => c.name)
    );
  // The Tokyo weekday (Monday = 0) and start minute of "startsAt", as the app's tokyoSlot() computes them.
  // Prisma's SQLite adapter stores DateTime as ISO text here; unix milliseconds are handled too.
  const sample = await prisma.$queryRaw<
    { t: string }[]
  >`SELECT typeof("startsAt") AS t FROM "EventDate" LIMIT 1`;
  const asText = (sample[0]?.t ?? "text") === "text";
  const filled: string[] = [];
  if ((await columns("EventDate")).has("startMinute")) {
    await (asText
      ? prisma.$executeRaw`UPDATE "EventDate" SET
          "weekday" = (CAST(strftime('%w', "startsAt", '+9 hours') AS INTEGER) + 6) % 7,
          "startMinute" = CAST(strftime('%H', "startsAt", '+9 hours') AS INTEGER) * 60 + CAST(strftime('%M', "startsAt", '+9 hours') AS INTEGER)
          WHERE "eventId" > ${base.eventBase}`
      : prisma.$executeRaw`UPDATE "EventDate" SET
          "weekday" = (CAST(strftime('%w', "startsAt" / 1000, 'unixepoch', '+9 hours') AS INTEGER) + 6) % 7,
          "startMinute" = CAST(strftime('%H', "startsAt" / 1000, 'unixepoch', '+9 hours') AS INTEGER) * 60 + CAST(strftime('%M', "startsAt" / 1000, 'unixepoch', '+9 hours') AS INTEGER)
          WHERE "eventId" > ${base.eventBase}`);
    filled.push("EventDate.weekday/startMinute");
  }
  if ((await columns("Shift")).has("startMinute")) {
    await (asText
      ? prisma.$executeRaw`UPDATE "Shift" SET
          "weekday" = (CAST(strftime('%w', "startsAt", '+9 hours') AS INTEGER) + 6) % 7,
          "startMinute" = CAST(strftime('%H', "startsAt", '+9 hours') AS INTEGER) * 60 + CAST(strftime('%M', "startsAt", '+9 hours') AS INTEGER)
          WHERE "openingId" > ${base.openingBase}`
      : prisma.$executeRaw`UPDATE "Shift" SET
          "weekday" = (CAST(strftime('%w', "startsAt" / 1000, 'unixepoch', '+9 hours') AS INTEGER) + 6) % 7,
          "startMinute" = CAST(strftime('%H', "startsAt" / 1000, 'unixepoch', '+9 hours') AS INTEGER) * 60 + CAST(strftime('%M', "startsAt" / 1000, 'unixepoch', '+9 hours') AS INTEGER)
          WHERE "openingId" > ${base.openingBase}`);
    filled.push("Shift.weekday/startMinute");
  }
  const placeCols = await columns("Place");
  const slots = (describe as Record<string, unknown>).scheduleSlots as
    | ((
        rule: string,
        start: string
      ) => { scheduleDays: string; scheduleMinute: number | null })
    | undefined;
  if (
    placeCols.has("scheduleDays") &&
    placeCols.has("scheduleMinute") &&
    typeof slots === "function"
  ) {
    const combos = await prisma.$queryRaw<{ r: string; s: string }[]>`
      SELECT DISTINCT "scheduleRule" AS r, "scheduleStart" AS s FROM "Place" WHERE "id" > ${base.placeBase}`;
    await prisma.$transaction(async (tx) => {
      for (const { r, s } of combos) {
        const v = slots(r, s);
        await tx.$executeRaw`
          UPDATE "Place" SET "scheduleDays" = ${v.scheduleDays}, "scheduleMinute" = ${v.scheduleMinute}
          WHERE "id" > ${base.placeBase} AND "scheduleRule" = ${r} AND "scheduleStart" = ${s}`;
      }
    }, TX);
    filled.push("Place.scheduleDays/scheduleMinute");
  }
  if (filled.length)
    console.log(`seed-bench: derived columns filled: ${filled.join(", ")}`);
}

/** Index every generated item (seed() already indexed the sample data) with the app's own indexItem. */
async function indexGenerated(prisma: PrismaClient) {
  const indexed = await prisma.searchDocument.findMany({
    select: { entityType: true, entityId: true },
  });
  const done = new Set(indexed.map((d) => `${d.entityType}:${d.entityId}`));
  const [places, events, openings] = await Promise.all([
    prisma.place.findMany({
      where: { status: "published" },
      select: { id: true },
    }),
    prisma.event.findMany({
      where: { status: "published" },
      select: { id: true },
    }),
    prisma.opening.findMany({
      where: { status: "published" },
      select: { id: true },
    }),
  ]);
  const jobs: [SearchableType, number][] = [
    ...places.map((p) => ["place", p.id] as [SearchableType, number]),
    ...events.map((e) => ["event", e.id] as [SearchableType, number]),
    ...openings.map((o) => ["opening", o.id] as [SearchableType, number]),
  ].filter(([type, id]) => !done.has(`${type}:${id}`));
  const started = Date.now();
  let count = 0;
  for (const part of chunks(jobs, 250)) {
    await prisma.$transaction(async (tx) => {
      for (const [type, id] of part) await indexItem(type, id, tx);
    }, TX);
    count += part.length;
    const rate = count / ((Date.now() - started) / 1000);
    process.stdout.write(
      `\rseed-bench: indexed ${count}/${jobs.length} (${rate.toFixed(0)}/s)   `
    );
  }
  process.stdout.write("\n");
  return count;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
