#!/usr/bin/env node
// The iif command. TypeScript runs through tsx's loader, so there is no build step
// between a fresh clone and a running portal.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
