import path from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import remixConfig from "../../remix.config.js";

const APP = path.resolve("app");

/**
 * A request handler over some of the app's routes, built from source the way the server renders them (entry.server,
 * root, then the route): tests read the HTML a visitor gets, without a build. `handles` are the routes' `handle`
 * exports, by route id, for tests about what each page declares.
 */
export async function renderRoutes(routeIds: readonly string[]) {
  const manifest = flatRoutes(APP, ["**/.*", "**/*.test.{ts,tsx}"]);
  const entries = [{ id: "root", file: "root.tsx" }, ...routeIds.map((r) => manifest[`routes/${r}`]!)];
  const routes: ServerBuild["routes"] = {};
  const assets: Record<string, unknown> = {};
  const handles: Record<string, unknown> = {};
  for (const route of entries) {
    const module = await import(path.join(APP, route.file));
    const info = manifest[route.id];
    handles[route.id] = module.handle;
    routes[route.id] = { id: route.id, parentId: info?.parentId, path: info?.path ?? "", index: info?.index, caseSensitive: undefined, module };
    assets[route.id] = { id: route.id, parentId: info?.parentId, path: info?.path ?? "", index: info?.index, module: `/build/${route.id}.js`, imports: [], css: [], hasLoader: "loader" in module, hasAction: "action" in module, hasClientLoader: false, hasClientAction: false, hasErrorBoundary: "ErrorBoundary" in module };
  }
  const build = {
    mode: "production",
    entry: { module: await import("~/entry.server") },
    routes,
    assets: { version: "test", url: "/build/manifest-test.js", entry: { module: "/build/entry.client.js", imports: [] }, routes: assets },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    basename: undefined,
    future: remixConfig.future,
    isSpaMode: false,
  } as unknown as ServerBuild;
  const handler = createRequestHandler(build, "production");
  return { handle: (request: Request) => handler(request), handles };
}
