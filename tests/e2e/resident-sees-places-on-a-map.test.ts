import { test, expect } from "./fixtures";

test("a resident sees the listed places on a map and opens one from its marker", async ({ page }) => {
  await page.goto("/places?type=kodomo-shokudo");
  const map = page.getByRole("region", { name: "地図" });
  await expect(map).toBeVisible();
  await expect(map.locator("path.leaflet-interactive").first()).toBeVisible();
  const total = Number((await page.locator(".result-count").innerText()).replace(/\D/g, ""));
  expect(await map.locator("path.leaflet-interactive").count()).toBe(total);
  // Clicking a marker opens a popup that links to the place.
  await map.locator("path.leaflet-interactive").first().click({ force: true });
  await expect(page.locator(".leaflet-popup-content a")).toHaveAttribute("href", /^\/places\/\d+$/);
});
