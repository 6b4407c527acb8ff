// Passwords: argon2id through @node-rs/argon2, with the library's OWASP-level defaults.
import { hash, verify } from "@node-rs/argon2";

const Algorithm = { Argon2id: 2 } as const; // @node-rs/argon2's const enum, which isolatedModules cannot import

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: Algorithm.Argon2id });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the email is unknown makes both failures cost the same time.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword("decoy password that matches no account");
  return decoyHash;
}

