import { SUPPORTED_LOCALES, type Locale } from "~/modules/i18n/config";

// The latest accessibility test results, as the /accessibility page publishes them (みんなの公共サイト運用ガイドライン:
// 試験結果 with the date, the tools, what was checked and the result). Update these figures from a measured run:
// - axe: tests/e2e/accessibility.test.ts (its page table; the test checks the counts below match it),
// - Nu: tests/e2e/visitor-gets-valid-html.test.ts (the pages marked `html` in tests/e2e/pages.ts),
// - Lighthouse: npm run lighthouse -- <url>.

export type AccessibilityTool = {
  id: "axe" | "nu" | "lighthouse";
  name: string;
  version: string;
  /** Pages checked in each language. */
  pages: number;
  locales: readonly Locale[];
  /** What the tool found on all of them: violations (axe), errors (Nu), or the lowest score (Lighthouse). */
  found: number;
};

export const ACCESSIBILITY_RESULTS = {
  /** The day of the run, in Tokyo. */
  testedOn: "2026-12-03",
  standard: "JIS X 8341-3:2016",
  wcag: "WCAG 2.2",
  level: "AA",
  tools: [
    { id: "axe", name: "axe-core", version: "4.13.0", pages: 51, locales: SUPPORTED_LOCALES, found: 0 },
    { id: "nu", name: "Nu Html Checker (vnu-jar)", version: "26.9.27", pages: 20, locales: SUPPORTED_LOCALES, found: 0 },
    { id: "lighthouse", name: "Lighthouse", version: "12.2.3", pages: 4, locales: ["ja", "vi"], found: 100 },
  ] satisfies AccessibilityTool[],
} as const;
