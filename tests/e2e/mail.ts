import { expect } from "@playwright/test";

const RECORDER = `http://127.0.0.1:${process.env.E2E_RECORDER_PORT ?? 3199}`;

type Recorded = { to: string[]; subject: string; text: string; idempotencyKey: string | null };

/** Waits for the newest email to `to` whose text matches, as the real Resend SDK delivered it to the recorder. */
export async function waitForEmail(to: string, match: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
  let found: RegExpMatchArray | null = null;
  await expect
    .poll(
      async () => {
        const res = await fetch(`${RECORDER}/__recorded`);
        const all = (await res.json()) as Recorded[];
        for (const mail of all.filter((m) => m.to.includes(to)).reverse()) {
          const m = mail.text.match(match);
          if (m) {
            expect(mail.idempotencyKey, "every send carries an Idempotency-Key").toBeTruthy();
            found = m;
            return true;
          }
        }
        return false;
      },
      { timeout: timeoutMs, intervals: [250] },
    )
    .toBe(true);
  return found!;
}
