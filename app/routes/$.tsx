import { notFound } from "~/utils/http.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// Unknown URLs render the friendly 404 page inside the site's layout (in the resident's language).
export function loader(): never {
  notFound();
}

export default function NotFoundPage() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
