/** A QR code (SVG made on the server) as one image with a name, so a screen reader says what it is and where it leads. */
export function QrCode({ svg, label, className }: { svg: string; label: string; className?: string }) {
  return <div className={`qr ${className ?? ""}`.trim()} role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />;
}
