// A passkey authenticator in software, for tests that play the browser: P-256 keys (ES256), attestation "none",
// discoverable credentials, user presence and verification always given, a signature count that moves on at each use.
// What it sends is what a browser's navigator.credentials would, as @simplewebauthn/browser turns it into JSON.
import { createHash, createSign, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";

type Credential = { id: Buffer; privateKey: KeyObject; rpId: string; userHandle: string; signCount: number };

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64url");
const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest();

/** The few CBOR items an attestation needs (RFC 8949): small maps, integers, text and byte strings. */
type CborValue = number | string | Uint8Array | Map<number | string, CborValue>;

function cborHead(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
  throw new Error("too long for this CBOR encoder");
}

export function cbor(value: CborValue): Buffer {
  if (typeof value === "number") return value >= 0 ? cborHead(0, value) : cborHead(1, -1 - value);
  if (typeof value === "string") {
    const text = Buffer.from(value, "utf8");
    return Buffer.concat([cborHead(3, text.length), text]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([cborHead(2, value.length), Buffer.from(value)]);
  return Buffer.concat([cborHead(5, value.size), ...[...value].flatMap(([key, item]) => [cbor(key), cbor(item)])]);
}

function counterBytes(count: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(count);
  return bytes;
}

type CreationOptions = { challenge: string; rp: { id?: string }; user: { id: string } };
type RequestOptions = { challenge: string; rpId?: string; allowCredentials?: { id: string }[] };

export class SoftwareAuthenticator {
  private readonly credentials: Credential[] = [];

  /** The credential ids it holds, base64url. */
  get credentialIds(): string[] {
    return this.credentials.map((credential) => b64url(credential.id));
  }

  /**
   * navigator.credentials.create(): a new passkey for the page at `origin` (the browser says which origin asked; a
   * phishing page's origin is its own). The RP ID is the options' or the origin's host.
   */
  create(options: CreationOptions, origin: string): Record<string, unknown> {
    const rpId = options.rp.id ?? new URL(origin).hostname;
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = publicKey.export({ format: "jwk" });
    const coseKey = cbor(
      new Map<number, CborValue>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x!, "base64url")],
        [-3, Buffer.from(jwk.y!, "base64url")],
      ]),
    );
    const id = randomBytes(16);
    this.credentials.push({ id, privateKey, rpId, userHandle: options.user.id, signCount: 0 });
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const authData = Buffer.concat([sha256(rpId), Buffer.from([FLAG_UP | FLAG_UV | FLAG_AT]), counterBytes(0), Buffer.alloc(16), idLength, id, coseKey]);
    const clientDataJSON = JSON.stringify({ type: "webauthn.create", challenge: options.challenge, origin, crossOrigin: false });
    const attestationObject = cbor(new Map<string, CborValue>([["fmt", "none"], ["attStmt", new Map()], ["authData", authData]]));
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: "public-key",
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ["internal"] },
    };
  }

  /**
   * navigator.credentials.get(): signs the challenge with a passkey it holds for the RP ID, one the options allow
   * (or, with none listed, any: a discoverable credential). `signCount` overrides the count (a cloned authenticator).
   */
  get(options: RequestOptions, origin: string, opts: { credentialId?: string; signCount?: number } = {}): Record<string, unknown> {
    const rpId = options.rpId ?? new URL(origin).hostname;
    const allowed = options.allowCredentials?.length ? new Set(options.allowCredentials.map((credential) => credential.id)) : null;
    const credential = this.credentials.find(
      (each) =>
        (opts.credentialId ? b64url(each.id) === opts.credentialId : each.rpId === rpId) && (allowed === null || allowed.has(b64url(each.id))),
    );
    if (!credential) throw new Error(`no passkey for ${rpId}`);
    credential.signCount = opts.signCount ?? credential.signCount + 1;
    const authData = Buffer.concat([sha256(rpId), Buffer.from([FLAG_UP | FLAG_UV]), counterBytes(credential.signCount)]);
    const clientDataJSON = JSON.stringify({ type: "webauthn.get", challenge: options.challenge, origin, crossOrigin: false });
    const signature = createSign("sha256").update(Buffer.concat([authData, sha256(clientDataJSON)])).sign(credential.privateKey); // DER, as WebAuthn's ES256
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: "public-key",
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: credential.userHandle,
      },
    };
  }
}

/** The passkey challenge a page carries after its form asked for one (app/components/passkeys.tsx), or null. */
export function ceremonyIn(html: string): { kind: string; options: CreationOptions & RequestOptions } | null {
  const attribute = html.match(/data-ceremony="([^"]*)"/)?.[1];
  if (!attribute) return null;
  return JSON.parse(attribute.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
}
