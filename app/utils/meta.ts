import type { MetaDescriptor } from "@remix-run/node";

type RouteMatch = { id: string; meta: MetaDescriptor[] };

/**
 * Page <title> and description from what the loader translated; the site name is appended once. When the route
 * renders its error boundary there is no data: the root's tags (the error page's title) stand instead.
 */
export function pageMeta(data: { meta?: { title: string; description?: string; siteName: string } } | undefined, matches: RouteMatch[] = []): MetaDescriptor[] {
  if (!data?.meta) return matches.find((m) => m.id === "root")?.meta ?? [];
  const { title, description, siteName } = data.meta;
  const full = title === siteName ? title : `${title} | ${siteName}`;
  const tags: MetaDescriptor[] = [
    { title: full },
    { property: "og:title", content: full },
    { property: "og:site_name", content: siteName },
    { property: "og:type", content: title === siteName ? "website" : "article" },
  ];
  if (description) tags.push({ name: "description", content: description }, { property: "og:description", content: description });
  return tags;
}
