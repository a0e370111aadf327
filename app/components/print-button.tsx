import { useEffect, useState } from "react";

/**
 * A button that opens the browser's print dialog. Printing needs the browser's script, so the button appears only
 * once the page runs JavaScript; without it the page itself is print-ready and a hint beside it says how to print.
 */
export function PrintButton({ label }: { label: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      {label}
    </button>
  );
}
