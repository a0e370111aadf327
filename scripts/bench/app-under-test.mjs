// Runs the app's own server.mjs, unchanged, for the benchmark. Only the process name differs
// ("tsunagu-bench-server"), so that tools stopping other sessions' `node server.mjs` processes on this shared
// machine leave the benchmark's server alone (that happened twice mid-run).
process.title = "tsunagu-bench-server";
await import("../../server.mjs");
