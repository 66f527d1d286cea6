// A worker thread starts without the TypeScript loader the main thread has (bin/iif.js
// registers it, tests pass --import tsx): register it, then run the worker.
import { register } from "tsx/esm/api";

register();
await import("./import.worker.ts");
