import { notFound } from "~/utils/http.server";

// Unknown URLs render the root error boundary's friendly 404 page (in the resident's language).
export function loader(): never {
  notFound();
}

export default function NotFoundPage() {
  return null;
}
