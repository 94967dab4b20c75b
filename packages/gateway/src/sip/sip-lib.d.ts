/**
 * Types for npm `sip` 0.0.6 (untyped, unmaintained). Only `src/sip/wire.ts`, `transport.ts`,
 * `SipEndpoint.ts` and `digest.ts` import it: its objects never leave `src/sip/`.
 * Its `create()`/`start()` are NOT used (no error handlers on its sockets, fake 404 when the
 * request URI host equals its own address): we use its parser, serializer, transaction layer
 * and digest code under our own transport.
 */
declare module "sip" {
  /** sip.js's in-memory message: loosely shaped on purpose, validated by `wire.ts`. */
  export interface RawMessage {
    method?: string;
    uri?: unknown;
    status?: number;
    reason?: string;
    version?: string;
    headers: Record<string, unknown>;
    content?: string;
  }
  export interface RawTarget {
    protocol: string;
    address: string;
    port: number;
  }
  export interface RawConnection {
    send(m: RawMessage): void;
    release(): void;
    protocol: string;
  }
  export interface RawServerTransaction {
    send(m: RawMessage): void;
    message(m: RawMessage, remote?: RawTarget): void;
    shutdown(): void;
  }
  export interface RawClientTransaction {
    message(m: RawMessage, remote?: RawTarget): void;
    shutdown(): void;
  }
  export interface RawTransactionLayer {
    createServerTransaction(rq: RawMessage, cn: RawConnection): RawServerTransaction;
    createClientTransaction(
      cn: RawConnection,
      rq: RawMessage,
      onResponse: (rs: RawMessage) => void,
    ): RawClientTransaction;
    getServer(m: RawMessage): RawServerTransaction | undefined;
    getClient(m: RawMessage): RawClientTransaction | undefined;
    destroy(): void;
  }
  export function parse(data: Buffer | string): RawMessage | undefined;
  export function stringify(m: RawMessage): string;
  export function makeTransactionLayer(
    options: Record<string, unknown>,
    open: (target: RawTarget, onError?: (e: Error) => void) => RawConnection,
  ): RawTransactionLayer;
  export function generateBranch(): string;
  export function stringifyUri(uri: unknown): string;
}

declare module "sip/digest" {
  import type { RawMessage } from "sip";
  /** Mutable digest session state (plain strings and numbers). */
  export type DigestSession = Record<string, string | number | boolean | undefined>;
  export interface DigestCredentials {
    user: string;
    password?: string;
    hash?: string;
    realm?: string;
  }
  export function challenge(session: DigestSession, rs: RawMessage): RawMessage;
  export function authenticateRequest(
    session: DigestSession,
    rq: RawMessage,
    creds?: DigestCredentials,
  ): boolean;
  export function signRequest(
    session: DigestSession | null | undefined,
    rq: RawMessage,
    rs?: RawMessage,
    creds?: DigestCredentials,
  ): DigestSession | null;
  export function calculateUserRealmPasswordHash(
    user: string,
    realm: string,
    password: string,
  ): string;
}
