import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Authenticated encryption of small secrets at rest (trunk passwords): AES-256-GCM with a
 * random 96-bit IV. The sealed form is one base64 string of iv (12) + tag (16) + ciphertext,
 * so it fits one text column. `context` is bound as additional authenticated data: a value
 * sealed for one purpose does not open for another.
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** A sealed value that does not open: wrong key, wrong context, or tampered with. */
export class SecretBoxError extends Error {
  constructor(message = "the sealed value cannot be opened (wrong key or tampered with)") {
    super(message);
    this.name = "SecretBoxError";
  }
}

function checkKey(key: Uint8Array): void {
  if (key.length !== KEY_BYTES) throw new Error(`secretBox keys are ${KEY_BYTES} bytes`);
}

export function sealSecret(key: Uint8Array, plaintext: string, context = ""): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64");
}

/** The plaintext of {@link sealSecret}'s output; throws {@link SecretBoxError} otherwise. */
export function openSecret(key: Uint8Array, sealed: string, context = ""): string {
  checkKey(key);
  const bytes = Buffer.from(sealed, "base64");
  if (bytes.length < IV_BYTES + TAG_BYTES || bytes.toString("base64") !== sealed) {
    throw new SecretBoxError("the sealed value is malformed");
  }
  const iv = bytes.subarray(0, IV_BYTES);
  const tag = bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const ciphertext = bytes.subarray(IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError();
  }
}
