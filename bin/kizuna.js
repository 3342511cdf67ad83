#!/usr/bin/env node
// The `kizuna` command: TypeScript sources run through tsx's loader, no separate build.
import { register } from "tsx/esm/api";

register();
await import("../cli/main.ts");
