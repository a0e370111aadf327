import { describe, expect, it } from "vitest";
import { loggedRoute } from "./access-log.js";

describe("the route an access-log line names", () => {
  it("keeps public ids and file names, and writes a token-shaped segment as :token", () => {
    expect(loggedRoute("/places/1721")).toBe("/places/1721");
    expect(loggedRoute("/events/12/calendar.ics")).toBe("/events/12/calendar.ics");
    expect(loggedRoute("/furigana/ja/common.json")).toBe("/furigana/ja/common.json");
    expect(loggedRoute("/manage/groups/3/places/new")).toBe("/manage/groups/3/places/new");
    expect(loggedRoute("/unsubscribe/12.1767225600.Zm9vYmFyYmF6cXV4")).toBe("/unsubscribe/:token");
    expect(loggedRoute("/reset/6f1c2a9b8d7e4f30a1b2c3d4")).toBe("/reset/:token");
  });
});
