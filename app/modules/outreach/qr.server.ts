import QRCode from "qrcode";

/**
 * A QR code for an address, as SVG markup (sharp at any print size, no image request). Error correction M survives
 * a crease or a smudge on a notice board; the quiet zone of 2 modules is enough on a white sheet.
 */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}
