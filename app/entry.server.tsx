import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { getLocale, pageI18n, pageTranslations, pageTranslationsJson } from "~/modules/i18n/i18next.server";
import { PageTranslationsProvider, routeNamespaces } from "~/modules/i18n/page-translations";
import { rubyResources } from "~/modules/furigana/ruby.server";
import { RubyResourcesProvider } from "~/modules/furigana/ruby";
import { assertDatabasePragmas, prisma } from "~/utils/db.server";
import { NonceProvider } from "~/utils/nonce";
import { documentEndLast } from "~/utils/document-stream.server";
import { startBackgroundJobs } from "~/modules/jobs/worker.server";
import { ensureOutboxKey } from "~/modules/email/sealing.server";
import { prepareIndexing } from "~/modules/search/documents.server";
import { logEvent } from "~/utils/logger.server";

// What server.mjs takes from the build: the one validated configuration, the app's own language choice and the
// reader's display settings (the page cache keys on them), the translated pages for requests it refuses before the app runs, and the hooks that keep
// the public caches of several server processes in step.
export { getEnv } from "~/utils/env.server";
export { getLocale } from "~/modules/i18n/i18next.server";
export { pageVariant } from "~/modules/furigana/display.server";
export { requestErrorPage } from "~/utils/request-errors.server";
export { takeRequestUser } from "~/utils/request-user.server";
export { stopBackgroundJobs } from "~/modules/jobs/worker.server";
export { dropLocalPublicCache, onPublicCacheInvalidated } from "~/utils/cache.server";
export { countViewOfPath as countCachedPageView } from "~/modules/publishing/views.server";

/** How long streamed (deferred) data may take once rendering has begun; also single fetch's data timeout. */
export const streamTimeout = 5000;

/**
 * Called once by the cluster's primary before it forks: what is created on first start is created here, by one
 * process, rather than by several workers starting together. (Importing the build has already created the
 * database's folder and switched the file to WAL, see db.server.ts.)
 */
export function prepareSharedFiles() {
  ensureOutboxKey();
}

/**
 * Called by server.mjs before it listens: the database must be reachable with the required pragmas. `jobs` is
 * true in exactly one process of the server: the email worker and the periodic jobs it runs must not run twice.
 */
export async function boot({ jobs }: { jobs: boolean }) {
  await assertDatabasePragmas();
  await prisma.$queryRawUnsafe("SELECT 1");
  if (jobs) startBackgroundJobs();
  // A search with kanji reads it through the reading dictionary; load it now, not during a resident's first search
  // (it takes a second or more). Not awaited: the server listens meanwhile, and a search before it is ready waits.
  prepareIndexing().catch((error: unknown) => logEvent({ event: "search.dictionary_failed", message: error instanceof Error ? error.message : String(error) }));
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The page renders with, and sends, only the namespaces its matched routes declare.
  const lng = await getLocale(request);
  const namespaces = routeNamespaces(remixContext.staticHandlerContext.matches.map((m) => remixContext.routeModules[m.route.id]?.handle));
  const instance = await pageI18n(lng, namespaces);
  const words = pageTranslations(lng, namespaces);
  // Root decided whether this page shows furigana (language and the reader's choice); the interface's words then
  // come with their readings too, so the browser renders the same ruby as the server.
  const rootData = remixContext.staticHandlerContext.loaderData.root as { display?: { furigana?: boolean } } | undefined;
  const ruby = rootData?.display?.furigana ? await rubyResources(lng, words.resources) : null;
  const translations = pageTranslationsJson(ruby ? { ...words, ruby } : words);

  const nonce = typeof loadContext?.cspNonce === "string" ? loadContext.cspNonce : undefined;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let allReady = false;
    let stallTimer: ReturnType<typeof setTimeout> | undefined;
    const send = () => {
      shellRendered = true;
      const body = documentEndLast();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={instance}>
          <PageTranslationsProvider value={translations}>
            <RubyResourcesProvider value={ruby}>
              <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
            </RubyResourcesProvider>
          </PageTranslationsProvider>
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) send();
        },
        onAllReady() {
          // Everything is rendered: what is left is writing it out at the client's pace, which is never cut short.
          allReady = true;
          clearTimeout(stallTimer);
          if (waitForAll) send();
        },
        onShellError(error: unknown) {
          clearTimeout(stallTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell is sent are reported by the shell error; log the rest once.
          if (shellRendered) console.error(error);
        },
      },
    );
    // The stall timer measures rendering, not queueing: React starts its work in a setImmediate, so this one runs
    // after it. Under a burst a render may wait seconds for its turn; that is no reason to cut it off, and a page
    // with nothing deferred is all ready in that first turn, so the timer is never armed for it.
    setImmediate(() => {
      if (allReady) return;
      stallTimer = setTimeout(abort, streamTimeout + 1000);
      stallTimer.unref?.();
    });
    request.signal.addEventListener("abort", () => abort(), { once: true });
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : error);
}
