// Who made a request, for the server's access log (server/access-log.js): the session lookup notes the user id
// under the request's id (a header the HTTP layer sets, overwriting anything a client sent), and the HTTP layer
// takes it back once the answer is made. A map, not the Request object: Remix hands loaders copies of the request.

export const REQUEST_ID_HEADER = "X-Tsunagu-Request-Id";
const users = new Map<string, number>();

export function noteRequestUser(request: Request, userId: number) {
  const id = request.headers.get(REQUEST_ID_HEADER);
  if (id) users.set(id, userId);
}

/** The user id noted for a request id, forgotten as it is read. */
export function takeRequestUser(requestId: string): number | null {
  const userId = users.get(requestId) ?? null;
  users.delete(requestId);
  return userId;
}
