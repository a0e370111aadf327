import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { test, expect } from "./fixtures";
import { PAGES, inLanguage } from "./pages";
import { SUPPORTED_LOCALES } from "../../app/modules/i18n/config";

// Every public page, as the server sends it (what a browser without JavaScript, a screen reader's browser or a search
// engine reads first), is valid HTML in every language: the W3C Nu HTML checker reports no errors. One run of the
// checker for all pages (starting Java costs seconds; checking a page, milliseconds).
//
// No Nu rule is filtered out: React's and Remix's output passes as it is. (It did not when single fetch's data
// scripts came after </html>: app/utils/document-stream.server.ts now writes them inside <body>.)
const VNU = path.resolve("node_modules/vnu-jar/build/dist/vnu.jar");

type NuMessage = { type: string; subType?: string; url: string; lastLine?: number; message: string; extract?: string };

test("every public page is valid HTML in every language", async ({ request }) => {
  test.setTimeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nu-pages-"));
  const files = new Map<string, string>();
  try {
    const found: Record<string, string> = {};
    for (const visit of PAGES.public) {
      if (!visit.html && !visit.remember) continue;
      const pagePath = typeof visit.path === "string" ? visit.path : visit.path(found);
      for (const lng of SUPPORTED_LOCALES) {
        const response = await request.get(inLanguage(pagePath, lng));
        expect([200, 404], `${pagePath} in ${lng}`).toContain(response.status());
        const html = await response.text();
        if (lng === "ja") {
          for (const [key, selector] of Object.entries(visit.remember ?? {})) {
            // Only the class of the first card's title link is needed: `.card__title a` → the first /<list>/<id>.
            const cls = selector.match(/^\.([\w-]+) a$/)?.[1];
            const href = cls ? html.match(new RegExp(`class="${cls}"[^>]*><a[^>]*href="([^"]+)"`))?.[1] : undefined;
            if (!href) throw new Error(`${visit.name}: no ${selector}`);
            found[key] = href;
          }
        }
        if (!visit.html) continue;
        const file = path.join(dir, `${files.size}.html`);
        fs.writeFileSync(file, html);
        files.set(`file:${file}`, `${visit.name} (${pagePath}) in ${lng}`);
      }
    }
    expect(files.size).toBe(PAGES.public.filter((p) => p.html).length * SUPPORTED_LOCALES.length);

    const { stdout, stderr } = await promisify(execFile)("java", ["-jar", VNU, "--format", "json", "--errors-only", "--exit-zero-always", ...[...files.keys()].map((f) => f.slice(5))], {
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? "", stderr: error.stderr ?? "" }));
    // vnu writes its JSON report to stderr.
    const report = JSON.parse(stderr || stdout) as { messages: NuMessage[] };
    const errors = report.messages
      .filter((m) => m.type === "error" || m.subType === "fatal")
      .map((m) => `${files.get(m.url) ?? m.url}, line ${m.lastLine ?? "?"}: ${m.message}${m.extract ? ` — ${m.extract.trim().slice(0, 80)}` : ""}`);
    expect(errors).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
