export { DEFAULT_BACKOFF_MS, type DispatcherOptions, WebhookDispatcher } from "./Dispatcher";
export { sign, signedHeaders, verify, type WebhookHeaders } from "./signature";
