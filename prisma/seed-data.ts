// Sample data for Tsunagu (鶴ヶ島市社会福祉協議会). Everything here is fictional: people, groups, addresses,
// phone numbers (049-2xx-xxxx) and e-mail addresses (@example.jp). Read by prisma/seed.ts.
//
// Dates are not stored here: items give day offsets from the seed's "now" (Tokyo calendar) so the data
// always looks current. Records refer to each other by `key`.

// ───────────── Types ─────────────

export type AreaSlug = "tsurugashima-daini" | "fujimi" | "southern" | "sugishita" | "seibu" | "chuo" | "kita" | "suneori";
export type CategorySlug =
  | "elderly"
  | "disability"
  | "children"
  | "multicultural"
  | "environment"
  | "disaster"
  | "community-safety"
  | "culture-sports-learning"
  | "health"
  | "ibasho"
  | "food"
  | "skills";
export type AudienceSlug = "children" | "parenting" | "elderly" | "disability" | "foreign-roots" | "multigenerational" | "everyone";
export type PlaceTypeSlug =
  | "fureai-salon"
  | "kodomo-shokudo"
  | "community-cafe"
  | "dementia-cafe"
  | "kayoi-no-ba"
  | "multicultural"
  | "study-support"
  | "food-pantry"
  | "hikikomori-salon"
  | "parenting-salon";
export type RoleName = "resident" | "staff" | "admin";
export type SeedLocale = "ja" | "en" | "vi" | "zh-Hans";

export type AreaSeed = {
  slug: AreaSlug;
  name: string;
  nameKana: string;
  towns: string;
  schoolDistrict: string;
  description: string;
  lat: number;
  lng: number;
  en: { name: string; description: string };
};
export type CategorySeed = { slug: CategorySlug; name: string; measures: number[]; en: string };
export type TaxonSeed<S extends string> = { slug: S; name: string; en: string };
export type PlanMeasureSeed = { number: number; title: string; en: string };

/** A recurring schedule: RRULE without DTSTART, Tokyo wall-clock times. */
export type ScheduleSeed = { rule: string; start: string; end: string; skipHolidays?: boolean; note?: string };

// ───────────── Taxonomies ─────────────

export const ROLES: { name: RoleName; description: string }[] = [
  { name: "resident", description: "市民（ログインしたすべての人）" },
  { name: "staff", description: "社協職員（審査・代理登録・集計）" },
  { name: "admin", description: "管理者（職員の権限に加えて設定・分類の管理）" },
];

/** The 8 地域支え合い協議会 (as of December 2019). lat/lng are rough centres for the map. */
export const AREAS: AreaSeed[] = [
  {
    slug: "tsurugashima-daini",
    name: "鶴ヶ島第二小学校区",
    nameKana: "つるがしまだいにしょうがっこうく",
    towns: "鶴ヶ丘、上広谷（一部）、藤金（一部）",
    schoolDistrict: "鶴ヶ島第二小学校区",
    description:
      "鶴ヶ島駅の西側に広がる地域です。NPO法人 鶴ヶ島第二小学校区地域支え合い協議会が、見守りや助け合い隊、サロンの運営などに取り組んでいます。",
    lat: 35.9381,
    lng: 139.4052,
    en: {
      name: "Tsurugashima Daini Elementary School District",
      description:
        "The area west of Tsurugashima Station. The Tsurugashima Daini Elementary School District Community Support Council (an NPO) runs neighbourhood watch, the Tasukeai-tai helpers and salons.",
    },
  },
  {
    slug: "fujimi",
    name: "富士見地区",
    nameKana: "ふじみちく",
    towns: "富士見1丁目、富士見2丁目、富士見3丁目、富士見4丁目、富士見5丁目",
    schoolDistrict: "栄小学校区",
    description:
      "若葉駅に近い住宅地です。富士見地区地域支え合い協議会が、サロンや子どもの居場所づくり、ちょっとした困りごとの助け合いを続けています。",
    lat: 35.9236,
    lng: 139.4031,
    en: {
      name: "Fujimi",
      description:
        "A residential area near Wakaba Station. The Fujimi Community Support Council runs salons, places for children and small everyday help between neighbours.",
    },
  },
  {
    slug: "southern",
    name: "サザン",
    nameKana: "さざん",
    towns: "太田ヶ谷、松ヶ丘、南町",
    schoolDistrict: "長久保小学校区",
    description:
      "市の南側、太田ヶ谷・松ヶ丘・南町の地域です。サザン地域支え合い協議会が、高齢の方の見守りや通いの場、認知症カフェを応援しています。",
    lat: 35.9148,
    lng: 139.3886,
    en: {
      name: "Southern",
      description:
        "The south of the city: Otagaya, Matsugaoka and Minamimachi. The Southern Community Support Council supports neighbourhood watch for older people, exercise groups and dementia cafés.",
    },
  },
  {
    slug: "sugishita",
    name: "杉下",
    nameKana: "すぎした",
    towns: "五味ヶ谷、上広谷（一部）",
    schoolDistrict: "杉下小学校区",
    description:
      "杉下小学校を中心とした地域です。杉下地域支え合い協議会が、サロンや子どもの見守り、ごみ出しなどの助け合いを行っています。",
    lat: 35.9447,
    lng: 139.4003,
    en: {
      name: "Sugishita",
      description:
        "The area around Sugishita Elementary School. The Sugishita Community Support Council runs salons, watches over children on their way to school and helps with small tasks such as taking out rubbish.",
    },
  },
  {
    slug: "seibu",
    name: "西部",
    nameKana: "せいぶ",
    towns: "中新田、新町、上新田、町屋、高倉、下新田（一部）",
    schoolDistrict: "新町小学校区",
    description:
      "一本松駅に近い、市の西側の地域です。西部地域支え合い協議会が、各地区のサロンや体操の会をつなぎ、移動の手助けにも取り組んでいます。",
    lat: 35.9302,
    lng: 139.3702,
    en: {
      name: "Seibu (West)",
      description:
        "The west of the city near Ipponmatsu Station. The Seibu Community Support Council links the salons and exercise groups of each neighbourhood and helps people get around.",
    },
  },
  {
    slug: "chuo",
    name: "つるがしま中央",
    nameKana: "つるがしまちゅうおう",
    towns: "藤金（一部）、脚折（一部）、三ツ木（一部）、上広谷（一部）",
    schoolDistrict: "鶴ヶ島第一小学校区",
    description:
      "市役所や中央図書館がある、まちの真ん中の地域です。つるがしま中央地域支え合い協議会が、多世代の交流や防災の取り組みを進めています。",
    lat: 35.9342,
    lng: 139.3929,
    en: {
      name: "Tsurugashima Chuo (Central)",
      description:
        "The centre of the city, with City Hall and the Central Library. The Tsurugashima Chuo Community Support Council promotes exchange between generations and disaster preparedness.",
    },
  },
  {
    slug: "kita",
    name: "北",
    nameKana: "きた",
    towns: "下新田第一、下新田第二、羽折町、中台団地、はなみずき、三彩",
    schoolDistrict: "藤小学校区",
    description:
      "市の北側、羽折町や団地のある地域です。北地域支え合い協議会が、子育て中の家庭や一人暮らしの方が気軽に集まれる場づくりをしています。",
    lat: 35.9486,
    lng: 139.3826,
    en: {
      name: "Kita (North)",
      description:
        "The north of the city, including Haorimachi and the housing estates. The Kita Community Support Council creates easy-going places for families with small children and people living alone.",
    },
  },
  {
    slug: "suneori",
    name: "すねおり",
    nameKana: "すねおり",
    towns: "脚折町、脚折（一部）",
    schoolDistrict: "鶴ヶ島第一小学校区（一部）",
    description:
      "雷電池や脚折雨乞で知られる地域です。2019年にできた、すねおり地域支え合い協議会が、商店や自治会と一緒に居場所づくりを進めています。",
    lat: 35.9412,
    lng: 139.3868,
    en: {
      name: "Suneori",
      description:
        "Known for Raiden Pond and the Suneori rain-making festival. The Suneori Community Support Council, founded in 2019, works with local shops and neighbourhood associations to create places to meet.",
    },
  },
];

/** ⑥–⑰ of the regional welfare plan. policy: ⑥–⑨ Ⅰ-1, ⑩–⑬ Ⅰ-2, ⑭–⑰ Ⅰ-3. */
export const PLAN_MEASURES: PlanMeasureSeed[] = [
  { number: 6, title: "参加し続けられる仕組みづくり", en: "Ways to keep taking part" },
  { number: 7, title: "福祉教育・ボランティア活動の支援", en: "Welfare education and support for volunteering" },
  { number: 8, title: "人を発見する場づくり", en: "Places where people and talents are discovered" },
  { number: 9, title: "参加の方法の提案", en: "Suggesting ways to take part" },
  { number: 10, title: "多世代・多文化の居場所づくり", en: "Places for all generations and cultures" },
  { number: 11, title: "居場所の立ち上げ・運営支援", en: "Help starting and running community places" },
  { number: 12, title: "多様な拠点づくり", en: "A variety of local hubs" },
  { number: 13, title: "来られない人へのアウトリーチ", en: "Reaching out to people who cannot come" },
  { number: 14, title: "はじめの一歩の後押し", en: "Encouraging the first step" },
  { number: 15, title: "わかりやすい情報発信", en: "Clear, easy-to-find information" },
  { number: 16, title: "多様な参加のかたち", en: "Many ways to take part" },
  { number: 17, title: "団体の広報支援", en: "Publicity support for groups" },
];

export function planMeasurePolicy(n: number): string {
  return n <= 9 ? "Ⅰ-1" : n <= 13 ? "Ⅰ-2" : "Ⅰ-3";
}

/** "Ⅰ-1-⑥": ① is U+2460. */
export function planMeasureCode(n: number): string {
  return `${planMeasurePolicy(n)}-${String.fromCodePoint(0x245f + n)}`;
}

export const CATEGORIES: CategorySeed[] = [
  { slug: "elderly", name: "高齢者", measures: [6, 13], en: "Older people" },
  { slug: "disability", name: "障害のある人", measures: [7, 13, 16], en: "People with disabilities" },
  { slug: "children", name: "子ども・子育て", measures: [8, 10], en: "Children and parenting" },
  { slug: "multicultural", name: "多文化共生・国際交流", measures: [10, 15], en: "Multicultural life and international exchange" },
  { slug: "environment", name: "環境・美化", measures: [9, 16], en: "Environment and clean-up" },
  { slug: "disaster", name: "防災・災害", measures: [8, 13], en: "Disaster preparedness and relief" },
  { slug: "community-safety", name: "まちづくり・防犯", measures: [12, 17], en: "Community building and safety" },
  { slug: "culture-sports-learning", name: "文化・スポーツ・学び", measures: [9, 14], en: "Culture, sports and learning" },
  { slug: "health", name: "健康・医療", measures: [6, 13], en: "Health and medical care" },
  { slug: "ibasho", name: "居場所・サロン運営", measures: [11, 12], en: "Running community places and salons" },
  { slug: "food", name: "食の支援", measures: [12, 13], en: "Food support" },
  { slug: "skills", name: "特技を活かす", measures: [14, 16], en: "Using your skills" },
];

export const AUDIENCES: TaxonSeed<AudienceSlug>[] = [
  { slug: "children", name: "こども", en: "Children" },
  { slug: "parenting", name: "子育て", en: "Parents and carers" },
  { slug: "elderly", name: "高齢者", en: "Older people" },
  { slug: "disability", name: "障害のある人", en: "People with disabilities" },
  { slug: "foreign-roots", name: "外国にルーツのある人", en: "People with roots abroad" },
  { slug: "multigenerational", name: "多世代", en: "All generations together" },
  { slug: "everyone", name: "だれでも", en: "Everyone" },
];

export const PLACE_TYPES: TaxonSeed<PlaceTypeSlug>[] = [
  { slug: "fureai-salon", name: "ふれあい・いきいきサロン", en: "Community salon" },
  { slug: "kodomo-shokudo", name: "こども食堂", en: "Children's cafeteria (kodomo shokudo)" },
  { slug: "community-cafe", name: "コミュニティカフェ", en: "Community café" },
  { slug: "dementia-cafe", name: "認知症カフェ", en: "Dementia café" },
  { slug: "kayoi-no-ba", name: "通いの場", en: "Neighbourhood exercise group (kayoi-no-ba)" },
  { slug: "multicultural", name: "多文化交流・日本語教室", en: "Multicultural exchange and Japanese class" },
  { slug: "study-support", name: "学習支援", en: "Study support" },
  { slug: "food-pantry", name: "フードパントリー", en: "Food pantry" },
  { slug: "hikikomori-salon", name: "心に寄りそうサロン", en: "Salon for people who find it hard to go out" },
  { slug: "parenting-salon", name: "子育てサロン", en: "Parent and child salon" },
];

// ───────────── People ─────────────

/** Password of every sample account (demo and extra residents). */
export const DEMO_PASSWORD = "tsunagu-demo-2026";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const BANDS = ["am", "pm", "eve"] as const;
/** Profile.availability bitmask from codes like "sat-am" (bit = weekday*3 + band, Monday = 0). */
export function availability(...codes: `${(typeof WEEKDAYS)[number]}-${(typeof BANDS)[number]}`[]): number {
  let mask = 0;
  for (const code of codes) {
    const [day, band] = code.split("-") as [(typeof WEEKDAYS)[number], (typeof BANDS)[number]];
    mask |= 1 << (WEEKDAYS.indexOf(day) * 3 + BANDS.indexOf(band));
  }
  return mask;
}

export type UserSeed = {
  key: string;
  email: string;
  name: string;
  nameKana: string;
  locale: SeedLocale;
  roles: RoleName[];
  /** Set for the demo accounts listed on the sign-in help and in the README (English). */
  demo?: string;
  area: AreaSlug;
  bio?: string;
  skills?: string;
  languages?: string;
  interests?: CategorySlug[];
  availability?: number;
  prefersAtHome?: boolean;
  prefersBeginner?: boolean;
  discoverableByStaff?: boolean;
  showFurigana?: boolean;
  largeText?: boolean;
  phone?: string;
  birthYear?: number;
};

export const USERS: UserSeed[] = [
  {
    key: "resident",
    email: "resident@example.jp",
    name: "鶴見 はるか",
    nameKana: "つるみ はるか",
    locale: "ja",
    roles: ["resident"],
    demo: "Resident with a profile, applications (accepted, waitlisted, one attended with verified hours) and event registrations.",
    area: "fujimi",
    bio: "子どもが小学生になり、平日の昼間に少し時間ができました。できることから始めてみたいです。",
    skills: "調理、パソコン",
    interests: ["children", "food", "ibasho"],
    availability: availability("tue-am", "wed-am", "thu-am", "sat-am", "sat-pm"),
    prefersBeginner: true,
    discoverableByStaff: true,
    phone: "049-285-4102",
    birthYear: 1988,
  },
  {
    key: "owner",
    email: "owner@example.jp",
    name: "富士見 健一",
    nameKana: "ふじみ けんいち",
    locale: "ja",
    roles: ["resident"],
    demo: "Owner of group 1 「富士見いきいきサロンの会」 (approved): manages its places, events, openings and members.",
    area: "fujimi",
    bio: "定年後に地域のサロンの世話役を始めました。お茶を飲みながらのおしゃべりが何よりの楽しみです。",
    skills: "司会、囲碁",
    interests: ["elderly", "ibasho"],
    availability: availability("mon-am", "wed-am", "fri-am"),
    phone: "049-286-3317",
    birthYear: 1956,
  },
  {
    key: "editor",
    email: "editor@example.jp",
    name: "若葉 みどり",
    nameKana: "わかば みどり",
    locale: "ja",
    roles: ["resident"],
    demo: "Editor of group 1 「富士見いきいきサロンの会」: can edit the group's listings but not manage members.",
    area: "fujimi",
    bio: "サロンのチラシづくりと受付を担当しています。",
    skills: "パソコン、チラシづくり",
    interests: ["elderly", "community-safety"],
    availability: availability("wed-am", "wed-pm"),
    phone: "049-286-5540",
    birthYear: 1972,
  },
  {
    key: "owner2",
    email: "owner2@example.jp",
    name: "杉下 まこと",
    nameKana: "すぎした まこと",
    locale: "ja",
    roles: ["resident"],
    demo: "Owner of group 2 「杉下地域支え合い協議会」 (approved).",
    area: "sugishita",
    bio: "杉下地域支え合い協議会の事務局をしています。助け合い隊の調整役です。",
    skills: "運転、大工仕事",
    interests: ["elderly", "disaster", "community-safety"],
    availability: availability("sat-am", "sun-am"),
    phone: "049-287-2201",
    birthYear: 1963,
  },
  {
    key: "staff",
    email: "staff@example.jp",
    name: "社協 さくら",
    nameKana: "しゃきょう さくら",
    locale: "ja",
    roles: ["resident", "staff"],
    demo: "社協 staff: reviews groups and listings, registers residents on their behalf, verifies hours, sees reports.",
    area: "chuo",
    bio: "鶴ヶ島市社会福祉協議会 ボランティアセンターの職員です。",
    skills: "手話",
    interests: ["ibasho", "disability"],
    phone: "049-271-0000",
  },
  {
    key: "admin",
    email: "admin@example.jp",
    name: "管理 たろう",
    nameKana: "かんり たろう",
    locale: "ja",
    roles: ["resident", "staff", "admin"],
    demo: "Administrator: everything staff can do, plus taxonomies, roles and settings.",
    area: "chuo",
    bio: "ポータルの管理を担当しています。",
  },
  {
    key: "tanaka",
    email: "tanaka.yoshiko@example.jp",
    name: "田中 よし子",
    nameKana: "たなか よしこ",
    locale: "ja",
    roles: ["resident"],
    area: "fujimi",
    bio: "わかば こども食堂の代表です。子どもたちの「いただきます」の声が元気のもとです。",
    skills: "調理、栄養",
    interests: ["children", "food"],
    availability: availability("fri-pm", "fri-eve", "sat-am"),
    phone: "049-285-7781",
    birthYear: 1961,
  },
  {
    key: "nguyen",
    email: "nguyen.lan@example.jp",
    name: "グエン・ティ・ラン",
    nameKana: "ぐえん てぃ らん",
    locale: "vi",
    roles: ["resident"],
    area: "chuo",
    bio: "Tôi đến Nhật năm 2015. Tôi giúp lớp tiếng Nhật và dịch tiếng Việt.",
    skills: "ベトナム語、通訳",
    languages: ",ja,vi,",
    interests: ["multicultural", "children"],
    availability: availability("sat-am", "sat-pm", "sun-pm"),
    discoverableByStaff: true,
    showFurigana: true,
    birthYear: 1990,
  },
  {
    key: "wang",
    email: "wang.mei@example.jp",
    name: "王 美",
    nameKana: "わん めい",
    locale: "zh-Hans",
    roles: ["resident"],
    area: "chuo",
    bio: "我在鹤岛生活了十年，希望帮助刚来日本的家庭。",
    skills: "中国語、調理",
    languages: ",ja,zh-Hans,",
    interests: ["multicultural", "food"],
    availability: availability("sun-am", "sun-pm"),
    showFurigana: true,
    birthYear: 1984,
  },
  {
    key: "emily",
    email: "emily.carter@example.jp",
    name: "Emily Carter",
    nameKana: "えみりー かーたー",
    locale: "en",
    roles: ["resident"],
    area: "southern",
    bio: "English teacher living in Matsugaoka. Happy to help with study sessions for kids.",
    skills: "英語、学習支援",
    languages: ",en,ja,",
    interests: ["children", "culture-sports-learning"],
    availability: availability("tue-eve", "thu-eve", "sat-am"),
    birthYear: 1993,
  },
  {
    key: "sato",
    email: "sato.ichiro@example.jp",
    name: "佐藤 一郎",
    nameKana: "さとう いちろう",
    locale: "ja",
    roles: ["resident"],
    area: "tsurugashima-daini",
    bio: "鶴ヶ丘自治会の会長です。防災訓練と見守り活動に力を入れています。",
    skills: "運転、防災士",
    interests: ["disaster", "community-safety", "elderly"],
    availability: availability("sat-am", "sun-am"),
    birthYear: 1952,
    largeText: true,
  },
  {
    key: "takahashi",
    email: "takahashi.emi@example.jp",
    name: "高橋 恵美",
    nameKana: "たかはし えみ",
    locale: "ja",
    roles: ["resident"],
    area: "southern",
    bio: "介護福祉士です。オレンジカフェの運営を担当しています。",
    skills: "介護、傾聴",
    interests: ["elderly", "health"],
    availability: availability("fri-pm"),
    birthYear: 1978,
  },
  {
    key: "yamamoto",
    email: "yamamoto.osamu@example.jp",
    name: "山本 修",
    nameKana: "やまもと おさむ",
    locale: "ja",
    roles: ["resident"],
    area: "suneori",
    bio: "脚折で喫茶店を営んでいます。店の2階を地域の集まりに開いています。",
    skills: "コーヒー、ギター",
    interests: ["ibasho", "culture-sports-learning"],
    availability: availability("tue-pm", "thu-pm"),
    birthYear: 1966,
  },
  {
    key: "nakamura",
    email: "nakamura.satomi@example.jp",
    name: "中村 さとみ",
    nameKana: "なかむら さとみ",
    locale: "ja",
    roles: ["resident"],
    area: "seibu",
    bio: "西部地区のサロンを回って、体操の指導をしています。",
    skills: "体操指導、歌",
    interests: ["elderly", "health"],
    availability: availability("mon-am", "tue-am", "thu-am"),
    discoverableByStaff: true,
    birthYear: 1959,
  },
  {
    key: "kobayashi",
    email: "kobayashi.yu@example.jp",
    name: "小林 ゆう",
    nameKana: "こばやし ゆう",
    locale: "ja",
    roles: ["resident"],
    area: "kita",
    bio: "2人の子の親です。子育て中の仲間と親子ひろばを開いています。",
    skills: "保育士、絵本の読み聞かせ",
    interests: ["children"],
    availability: availability("tue-am", "thu-am"),
    prefersAtHome: true,
    birthYear: 1987,
  },
];

/** The accounts to try the portal with (all share DEMO_PASSWORD). */
export const DEMO_USERS: { email: string; password: string; roles: RoleName[]; description: string }[] = USERS.filter(
  (u) => u.demo,
).map((u) => ({ email: u.email, password: DEMO_PASSWORD, roles: u.roles, description: u.demo ?? "" }));

// ───────────── Groups ─────────────

export type GroupKind = "市民活動団体" | "自治会" | "サロン" | "こども食堂" | "NPO法人" | "社会福祉法人" | "商店" | "その他";

export type GroupSeed = {
  key: string;
  name: string;
  nameKana: string;
  kind: GroupKind;
  area: AreaSlug;
  description: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  website?: string;
  status: "approved" | "pending" | "suspended";
  /** Days before now the group was approved (approved and suspended groups). */
  approvedDaysAgo?: number;
  owner: string;
  editors?: string[];
  en?: { name: string; description: string };
};

export const GROUPS: GroupSeed[] = [
  {
    key: "fujimi-salon",
    name: "富士見いきいきサロンの会",
    nameKana: "ふじみいきいきさろんのかい",
    kind: "サロン",
    area: "fujimi",
    description:
      "富士見地区の集会所で、ふれあいサロンや体操の会を開いている住民の会です。お茶を飲みながらおしゃべりしたり、季節の行事を楽しんだりしています。世話役は10人ほど。新しい仲間も大歓迎です。",
    contactName: "富士見 健一",
    contactEmail: "fujimi-salon@example.jp",
    contactPhone: "049-286-3317",
    status: "approved",
    approvedDaysAgo: 420,
    owner: "owner",
    editors: ["editor"],
    en: {
      name: "Fujimi Ikiiki Salon Association",
      description:
        "Residents who run community salons and exercise groups at the Fujimi community halls. We chat over tea and enjoy seasonal activities. About ten of us help out, and new members are always welcome.",
    },
  },
  {
    key: "sugishita-council",
    name: "杉下地域支え合い協議会",
    nameKana: "すぎしたちいきささえあいきょうぎかい",
    kind: "市民活動団体",
    area: "sugishita",
    description:
      "五味ヶ谷と上広谷の一部を対象に、2014年から活動している地域支え合い協議会です。サロン、助け合い隊、子どもの登下校の見守り、防災訓練などを行っています。",
    contactName: "杉下 まこと",
    contactEmail: "sugishita-sasaeai@example.jp",
    contactPhone: "049-287-2201",
    status: "approved",
    approvedDaysAgo: 400,
    owner: "owner2",
    en: {
      name: "Sugishita Community Support Council",
      description:
        "The community support council for Gomigaya and part of Kamihiroya, active since 2014: salons, the Tasukeai-tai helpers, watching over children on their way to school, and disaster drills.",
    },
  },
  {
    key: "wakaba-shokudo",
    name: "わかば こども食堂の会",
    nameKana: "わかば こどもしょくどうのかい",
    kind: "こども食堂",
    area: "fujimi",
    description:
      "若葉駅の近くで、こども食堂とフードパントリー、土曜の学習会を開いています。子どもも大人も、一人でも家族でも、どなたでも来られます。",
    contactName: "田中 よし子",
    contactEmail: "wakaba-shokudo@example.jp",
    contactPhone: "049-285-7781",
    status: "approved",
    approvedDaysAgo: 380,
    owner: "tanaka",
    en: {
      name: "Wakaba Kodomo Shokudo Association",
      description:
        "We run a children's cafeteria, a food pantry and Saturday study sessions near Wakaba Station. Children and adults, on their own or with family — everyone is welcome.",
    },
  },
  {
    key: "tabunka-net",
    name: "NPO法人 つるがしま多文化ネット",
    nameKana: "えぬぴーおーほうじん つるがしまたぶんかねっと",
    kind: "NPO法人",
    area: "chuo",
    description:
      "外国にルーツのある人と地域の人をつなぐNPO法人です。日本語教室、多文化サロン、子どもの学習支援、生活の相談の通訳などを行っています。",
    contactName: "グエン・ティ・ラン",
    contactEmail: "tabunka-net@example.jp",
    contactPhone: "049-279-6630",
    website: "https://example.jp/tabunka-net",
    status: "approved",
    approvedDaysAgo: 360,
    owner: "nguyen",
    editors: ["wang"],
    en: {
      name: "Tsurugashima Multicultural Network (NPO)",
      description:
        "An NPO connecting people with roots abroad and their neighbours: Japanese classes, a multicultural salon, study support for children, and interpreting for everyday consultations.",
    },
  },
  {
    key: "tsurugaoka-jichikai",
    name: "鶴ヶ丘自治会",
    nameKana: "つるがおかじちかい",
    kind: "自治会",
    area: "tsurugashima-daini",
    description:
      "鶴ヶ丘の自治会です。集会所でのサロンや体操、防災訓練、夜の防犯パトロールを続けています。こども食堂は地域の有志と一緒に運営しています。",
    contactName: "佐藤 一郎",
    contactEmail: "tsurugaoka-jichikai@example.jp",
    contactPhone: "049-284-1190",
    status: "approved",
    approvedDaysAgo: 300,
    owner: "sato",
    en: {
      name: "Tsurugaoka Neighbourhood Association",
      description:
        "The neighbourhood association of Tsurugaoka: salons and exercise at the community hall, disaster drills and evening safety patrols. The children's cafeteria is run together with local volunteers.",
    },
  },
  {
    key: "tsurumi-fukushikai",
    name: "社会福祉法人 つるみ福祉会",
    nameKana: "しゃかいふくしほうじん つるみふくしかい",
    kind: "社会福祉法人",
    area: "southern",
    description:
      "松ヶ丘でデイサービスと地域交流スペースを運営している社会福祉法人です。認知症カフェや通いの場、子育てサロンに場所と人を出しています。",
    contactName: "高橋 恵美",
    contactEmail: "tsurumi-fukushi@example.jp",
    contactPhone: "049-281-5525",
    website: "https://example.jp/tsurumi",
    status: "approved",
    approvedDaysAgo: 280,
    owner: "takahashi",
    en: {
      name: "Tsurumi Welfare Association (social welfare corporation)",
      description:
        "A social welfare corporation running a day-service centre and a community space in Matsugaoka. We provide rooms and staff for a dementia café, exercise groups and a parenting salon.",
    },
  },
  {
    key: "suneori-cafe",
    name: "すねおり手づくりカフェ",
    nameKana: "すねおりてづくりかふぇ",
    kind: "商店",
    area: "suneori",
    description:
      "脚折の喫茶店が、店の2階を地域に開いて始めたコミュニティカフェです。うたごえ喫茶、認知症カフェ、子どもの寺子屋など、いろいろな人が集まっています。",
    contactName: "山本 修",
    contactEmail: "suneori-cafe@example.jp",
    contactPhone: "049-283-0472",
    status: "approved",
    approvedDaysAgo: 200,
    owner: "yamamoto",
    en: {
      name: "Suneori Handmade Café",
      description:
        "A coffee shop in Suneori that opened its upstairs room to the neighbourhood: sing-along afternoons, a dementia café, study time for children and more.",
    },
  },
  {
    key: "seibu-salon",
    name: "西部ふれあいサロン連絡会",
    nameKana: "せいぶふれあいさろんれんらくかい",
    kind: "サロン",
    area: "seibu",
    description:
      "新町・上新田・中新田などのサロンや体操の会が集まった連絡会です。世話役どうしで情報を交換し、こども食堂やカフェの立ち上げも応援しています。",
    contactName: "中村 さとみ",
    contactEmail: "seibu-salon@example.jp",
    contactPhone: "049-282-6613",
    status: "approved",
    approvedDaysAgo: 260,
    owner: "nakamura",
    en: {
      name: "Seibu Community Salon Network",
      description:
        "A network of the salons and exercise groups in Shinmachi, Kamishinden, Nakashinden and nearby. Organisers share ideas and help new children's cafeterias and cafés get started.",
    },
  },
  {
    key: "kita-pokapoka",
    name: "北地域子育てひろば「ぽかぽか」",
    nameKana: "きたちいきこそだてひろば ぽかぽか",
    kind: "市民活動団体",
    area: "kita",
    description:
      "子育て中の親が中心になって活動している会です。親子ひろば、子育てサロン、こども食堂、家から出にくい人のためのサロンを開いています。",
    contactName: "小林 ゆう",
    contactEmail: "kita-pokapoka@example.jp",
    contactPhone: "049-288-3024",
    status: "approved",
    approvedDaysAgo: 150,
    owner: "kobayashi",
    en: {
      name: "Kita Parenting Hub \"Pokapoka\"",
      description:
        "A group run mainly by parents: a parent-and-child space, a parenting salon, a children's cafeteria and a salon for people who find it hard to leave home.",
    },
  },
  {
    key: "food-pantry",
    name: "つるがしまフードパントリーの会",
    nameKana: "つるがしまふーどぱんとりーのかい",
    kind: "市民活動団体",
    area: "chuo",
    description:
      "家庭や企業から寄付された食品を、必要としているご家庭に届けている会です。月に一度の配布会のほか、みんなの食卓やコミュニティカフェも開いています。",
    contactName: "王 美",
    contactEmail: "food-pantry@example.jp",
    contactPhone: "049-279-1148",
    status: "approved",
    approvedDaysAgo: 120,
    owner: "wang",
    en: {
      name: "Tsurugashima Food Pantry Association",
      description:
        "We pass on food donated by households and companies to families who need it. Besides the monthly distribution we run a shared dinner table and a community café.",
    },
  },
  {
    key: "southern-study",
    name: "サザン 子ども学習会",
    nameKana: "さざん こどもがくしゅうかい",
    kind: "市民活動団体",
    area: "southern",
    description:
      "南町の集会所で、小中学生の宿題や英語を見る学習会を始める準備をしています。社協の審査を待っているところです。",
    contactName: "Emily Carter",
    contactEmail: "southern-study@example.jp",
    contactPhone: "049-281-7709",
    status: "pending",
    owner: "emily",
  },
  {
    key: "sukoyaka",
    name: "すこやか健康倶楽部",
    nameKana: "すこやかけんこうくらぶ",
    kind: "その他",
    area: "kita",
    description: "健康体操の会として登録されていましたが、掲載内容の確認のため公開を止めています。",
    contactName: "すこやか健康倶楽部 事務局",
    contactEmail: "sukoyaka@example.jp",
    contactPhone: "049-288-9051",
    status: "suspended",
    approvedDaysAgo: 330,
    owner: "yamamoto",
  },
];

// ───────────── Places (居場所・拠点) ─────────────

export type PlaceSeed = {
  key: string;
  group: string;
  type: PlaceTypeSlug;
  area: AreaSlug;
  name: string;
  nameKana: string;
  summary: string;
  description: string;
  address: string;
  access?: string;
  parking?: string;
  /** Yen per visit; null = unknown, 0 = free. */
  fee: number | null;
  feeNote?: string;
  booking?: boolean;
  meals?: boolean;
  transport?: boolean;
  wheelchair?: boolean;
  toilet?: boolean;
  barrierFreeNote?: string;
  /** Default true. */
  beginner?: boolean;
  /** Default ",ja,". */
  languages?: string;
  whatToBring?: string;
  /** Contact defaults to the group's. */
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  website?: string;
  schedule?: ScheduleSeed;
  showAreaOnly?: boolean;
  /** Default "published". */
  status?: "published" | "draft" | "pending" | "hidden";
  /** Days before now the details were last confirmed (default: a deterministic 5–170). */
  confirmedDaysAgo?: number;
  audiences: AudienceSlug[];
  categories: CategorySlug[];
  measures: number[];
  en?: { name: string; summary: string; description: string };
  /** やさしい日本語 summary (locale "ja-x-easy"). */
  easy?: string;
};

export const PLACES_FUJIMI: PlaceSeed[] = [
  {
    key: "fujimi-fureai",
    group: "fujimi-salon",
    type: "fureai-salon",
    area: "fujimi",
    name: "ふじみ ふれあいサロン",
    nameKana: "ふじみ ふれあいさろん",
    summary: "月に2回、集会所でお茶とおしゃべりを楽しむサロンです。",
    description:
      "富士見三丁目集会所で、第2・第4水曜日の午前中に開いています。お茶を飲みながらのおしゃべり、脳トレ、季節の手づくりなど、その日によっていろいろです。はじめての方も、途中からでも、お気軽にどうぞ。",
    address: "鶴ヶ島市富士見3-12-5 富士見三丁目集会所",
    access: "東武東上線 若葉駅から徒歩12分",
    parking: "集会所前に3台（乗り合わせにご協力ください）",
    fee: 100,
    feeNote: "お茶代として",
    wheelchair: true,
    barrierFreeNote: "入口にスロープがあります。トイレは和式と洋式が1つずつです。",
    whatToBring: "飲み物用のマイカップ（なくても大丈夫です）",
    schedule: { rule: "FREQ=MONTHLY;BYDAY=2WE,4WE", start: "10:00", end: "12:00", skipHolidays: true, note: "祝日はお休みです。" },
    confirmedDaysAgo: 20,
    audiences: ["elderly", "everyone"],
    categories: ["elderly", "ibasho"],
    measures: [6, 10],
    en: {
      name: "Fujimi Community Salon",
      summary: "A twice-monthly salon for tea and a chat at the community hall.",
      description:
        "Held on the 2nd and 4th Wednesday mornings at the Fujimi 3-chome community hall. Tea and conversation, brain-training games and seasonal crafts — it varies from day to day. First-timers and drop-ins are welcome.",
    },
    easy: "月に2回、集会所で、お茶を飲んで、話をします。だれでも来ることができます。",
  },
  {
    key: "wakaba-shokudo",
    group: "wakaba-shokudo",
    type: "kodomo-shokudo",
    area: "fujimi",
    name: "わかば こども食堂",
    nameKana: "わかば こどもしょくどう",
    summary: "子どもも大人も一緒に、あたたかい夕ごはんを食べられる食堂です。",
    description:
      "地域のボランティアが心を込めて夕ごはんを作っています。子どもは無料、大人は300円です。宿題をしたり、おしゃべりしたり、食べ終わったあともゆっくりしていけます。",
    address: "鶴ヶ島市富士見1-4-8",
    access: "東武東上線 若葉駅から徒歩8分",
    fee: 0,
    feeNote: "子ども（高校生まで）無料、大人300円",
    booking: true,
    meals: true,
    toilet: true,
    wheelchair: true,
    schedule: { rule: "FREQ=MONTHLY;BYDAY=2WE,4WE", start: "17:00", end: "19:00", skipHolidays: false, note: "前日までに電話かメールでお申し込みください。" },
    showAreaOnly: true,
    confirmedDaysAgo: 12,
    audiences: ["children", "parenting", "multigenerational"],
    categories: ["children", "food"],
    measures: [10, 12],
    en: {
      name: "Wakaba Kodomo Shokudo",
      summary: "A warm dinner for children and adults to share.",
      description:
        "Local volunteers cook dinner with care. Free for children, 300 yen for adults. Stay after the meal to do homework or chat.",
    },
    easy: "子どもも大人も、いっしょに夜ごはんを食べます。子どもはお金がいりません。",
  },
];

// ───────────── Events (催し) ─────────────

export type EventSeed = {
  key: string;
  group: string;
  place?: string;
  /** Defaults to the place's area, then the group's. */
  area?: AreaSlug;
  title: string;
  titleKana?: string;
  summary: string;
  description: string;
  venueName?: string;
  venueAddress?: string;
  onlineUrl?: string;
  fee: number | null;
  feeNote?: string;
  capacity?: number;
  /** Defaults to capacity being set. */
  registrationRequired?: boolean;
  registrationCloseHours?: number;
  beginner?: boolean;
  languages?: string;
  whatToBring?: string;
  /** Default "published". */
  status?: "published" | "draft" | "pending" | "hidden";
  /** A series: dates are expanded over [now, now + 6 months). */
  series?: ScheduleSeed & {
    /** "changes": one future date cancelled, another moved a day later. "pause": paused for about a month from ~3 weeks ahead. */
    special?: "changes" | "pause";
  };
  /** A one-off: day offset from today (Tokyo) and wall-clock times. */
  at?: { day: number; start: string; end: string };
  audiences: AudienceSlug[];
  categories: CategorySlug[];
  measures: number[];
  en?: { title: string; summary: string; description: string };
};

export const EVENTS_SERIES: EventSeed[] = [
  {
    key: "fujimi-fureai-series",
    group: "fujimi-salon",
    place: "fujimi-fureai",
    title: "ふじみ ふれあいサロン",
    titleKana: "ふじみ ふれあいさろん",
    summary: "お茶とおしゃべり、脳トレで楽しいひとときを。",
    description:
      "第2・第4水曜日の午前中に、富士見三丁目集会所で開くサロンです。予約はいりません。お茶代として100円をいただいています。",
    fee: 100,
    beginner: true,
    series: { rule: "FREQ=MONTHLY;BYDAY=2WE,4WE", start: "10:00", end: "12:00", skipHolidays: true, special: "changes" },
    audiences: ["elderly", "everyone"],
    categories: ["elderly", "ibasho"],
    measures: [6, 10],
    en: {
      title: "Fujimi Community Salon",
      summary: "Tea, conversation and brain-training games.",
      description:
        "A salon on the 2nd and 4th Wednesday mornings at the Fujimi 3-chome community hall. No booking needed; 100 yen for tea.",
    },
  },
];

export const EVENTS_ONE_OFF: EventSeed[] = [
  {
    key: "shuwa-hajimete",
    group: "sugishita-council",
    title: "はじめての手話教室",
    titleKana: "はじめてのしゅわきょうしつ",
    summary: "あいさつや自己紹介など、すぐに使える手話を学びます。",
    description:
      "聞こえない・聞こえにくい講師と一緒に、あいさつや自己紹介の手話を練習します。まったくはじめての方向けです。筆記用具をお持ちください。",
    venueName: "杉下公民館 2階 和室",
    venueAddress: "鶴ヶ島市五味ヶ谷210-3",
    fee: 0,
    capacity: 20,
    beginner: true,
    whatToBring: "筆記用具",
    at: { day: 3, start: "13:30", end: "15:00" },
    audiences: ["everyone", "disability"],
    categories: ["disability", "skills"],
    measures: [7, 14],
    en: {
      title: "Sign Language for Beginners",
      summary: "Learn greetings and self-introductions you can use right away.",
      description:
        "Practise greetings and self-introductions in Japanese Sign Language with a Deaf instructor. For complete beginners. Please bring something to write with.",
    },
  },
];

// ───────────── Volunteer openings (ボランティア募集) ─────────────

export type ShiftSeed = { day: number; start: string; end: string; slots: number; note?: string };

export type OpeningSeed = {
  key: string;
  group: string;
  place?: string;
  area?: AreaSlug;
  title: string;
  titleKana?: string;
  summary: string;
  description: string;
  purpose: string;
  mode: "in-person" | "online" | "at-home" | "goods" | "skills";
  venueName?: string;
  venueAddress?: string;
  skills?: string;
  minAge?: number;
  insurance?: boolean;
  needsApproval?: boolean;
  /** One open-ended shift starting now. */
  ongoing?: boolean;
  beginner?: boolean;
  school?: boolean;
  languages?: string;
  whatToBring?: string;
  /** Day offset from today for the application deadline (23:59 Tokyo). */
  applyByDay?: number;
  /** Default "published". */
  status?: "published" | "draft" | "pending" | "closed" | "hidden";
  shifts?: ShiftSeed[];
  audiences: AudienceSlug[];
  categories: CategorySlug[];
  measures: number[];
  en?: { title: string; summary: string; description: string };
};

export const OPENINGS_A: OpeningSeed[] = [
  {
    key: "fujimi-salon-ochadashi",
    group: "fujimi-salon",
    place: "fujimi-fureai",
    title: "サロンのお茶出し・受付ボランティア",
    titleKana: "さろんのおちゃだし・うけつけぼらんてぃあ",
    summary: "ふれあいサロンで、お茶の用意と受付を手伝ってください。",
    description:
      "来られた方へのお茶の用意、受付での名前の確認、片付けをお願いします。慣れてきたら、参加者とのおしゃべりにも加わってください。",
    purpose: "世話役の高齢化で、手伝ってくれる人を探しています。若い世代が加わると、サロンの雰囲気も明るくなります。",
    mode: "in-person",
    insurance: true,
    beginner: true,
    shifts: [
      { day: -14, start: "09:30", end: "12:30", slots: 3 },
      { day: 7, start: "09:30", end: "12:30", slots: 3 },
      { day: 21, start: "09:30", end: "12:30", slots: 3 },
    ],
    audiences: ["elderly"],
    categories: ["elderly", "ibasho"],
    measures: [6, 14],
    en: {
      title: "Tea and reception at the community salon",
      summary: "Help prepare tea and welcome visitors at the salon.",
      description:
        "Prepare tea, check names at reception and tidy up afterwards. Once you are used to it, join the conversation too.",
    },
  },
  {
    key: "wakaba-shokudo-chori",
    group: "wakaba-shokudo",
    place: "wakaba-shokudo",
    title: "こども食堂の調理ボランティア",
    titleKana: "こどもしょくどうのちょうりぼらんてぃあ",
    summary: "子どもたちの夕ごはん作りを一緒にしませんか。",
    description:
      "野菜を切る、盛り付ける、洗い物をするなど、できることをお願いします。料理が得意でなくても大丈夫です。エプロンと三角巾をお持ちください。",
    purpose: "毎回40食ほどを用意しています。手が多いほど、子どもたちと話す時間が増えます。",
    mode: "in-person",
    skills: "調理",
    minAge: 16,
    insurance: true,
    beginner: true,
    whatToBring: "エプロン、三角巾",
    shifts: [
      { day: 9, start: "15:00", end: "19:30", slots: 6 },
      { day: 23, start: "15:00", end: "19:30", slots: 6 },
    ],
    audiences: ["children", "multigenerational"],
    categories: ["children", "food"],
    measures: [10, 14],
  },
];

// ───────────── Participation ─────────────

export type ApplicationSeed = {
  user: string;
  opening: string;
  /** Index into the opening's shifts (0 for an ongoing opening). */
  shift: number;
  status: "applied" | "accepted" | "waitlisted" | "declined" | "withdrawn" | "attended" | "no-show";
  message?: string;
  hours?: number;
};

export const APPLICATIONS: ApplicationSeed[] = [
  { user: "resident", opening: "fujimi-salon-ochadashi", shift: 0, status: "attended", hours: 3, message: "はじめてですが、よろしくお願いします。" },
  { user: "resident", opening: "wakaba-shokudo-chori", shift: 0, status: "accepted", message: "野菜を切るのは得意です。" },
  { user: "editor", opening: "wakaba-shokudo-chori", shift: 0, status: "accepted" },
];

export type RegistrationSeed = {
  user: string;
  event: string;
  /** Index into the event's dates from now on (for a one-off: 0). */
  date: number;
  partySize?: number;
  status: "accepted" | "waitlisted" | "withdrawn" | "attended" | "no-show";
};

export const REGISTRATIONS: RegistrationSeed[] = [{ user: "resident", event: "shuwa-hajimete", date: 0, status: "accepted" }];
