// Runs the Resend stand-in as its own process for Playwright (see playwright.config.ts webServer).
import { startResendRecorder } from "./resend-recorder";

const recorder = await startResendRecorder({ port: Number(process.env.RESEND_RECORDER_PORT ?? 3199) });
console.log(`resend recorder on ${recorder.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void recorder.close().then(() => process.exit(0)));
}
