import type { LoaderFunctionArgs } from "@remix-run/node";

/** Calls a route loader the way Remix does, with a hand-built Request. */
export async function callLoader<T>(
  loader: (args: LoaderFunctionArgs) => T | Promise<T>,
  url: string,
  params: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<Awaited<T>> {
  const request = new Request(new URL(url, "http://localhost:3000"), { headers });
  return (await loader({ request, params, context: {} })) as Awaited<T>;
}

/** The status of a Response thrown by a loader (404 pages), or fails when nothing was thrown. */
export async function thrownStatus(fn: () => Promise<unknown>): Promise<number> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
  throw new Error("expected the loader to throw a Response");
}
