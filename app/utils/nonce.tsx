import { createContext, useContext } from "react";

// The CSP nonce of this request, so every inline script we render can carry it.
const NonceContext = createContext<string | undefined>(undefined);
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
