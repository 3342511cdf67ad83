import { createContext, useContext } from "react";

/** The per-request CSP nonce, handed from entry.server to <Scripts> in root. */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
