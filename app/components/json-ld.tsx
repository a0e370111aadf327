import { jsonForScript } from "~/utils/html";
import { useNonce } from "~/utils/nonce";

/** schema.org data for search engines. "<" is escaped so no text in it can close the script element. */
export function JsonLd({ data }: { data: Record<string, unknown> }) {
  const nonce = useNonce();
  return <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />;
}
