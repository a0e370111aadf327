import type { LoaderFunctionArgs } from "@remix-run/node";
import { readPublicPhoto } from "~/modules/photos/photos.server";
import { notFound } from "~/utils/http.server";

// A public photo: only 32-hex-digit .webp names this app generated, only for public places (publishing/visibility.ts);
// anything else (a bad name, ../, an unknown or unpublished photo) is the same 404.

export async function loader({ params }: LoaderFunctionArgs) {
  const body = await readPublicPhoto(params.fileName ?? "");
  if (!body) notFound();
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      "Content-Type": "image/webp",
      "Content-Length": String(body.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "public, max-age=86400",
      "Content-Disposition": "inline",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}
