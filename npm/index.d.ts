// Types of the ailabel package: the functions and the report they resolve to. Written by hand
// from the Rust report types (src/report.rs, src/c2pa/report.rs); the README's "The report"
// describes each field.

/** The eight verdicts, strongest first. `no-label` does not mean a person made the content. */
export type Verdict = 'ai-verified' | 'ai-signed' | 'invalid' | 'ai-watermark' | 'ai-declared' | 'provenance' | 'no-label' | 'error';
/** What a piece of evidence says about AI. */
export type AiKind = 'generated' | 'edited' | 'may-contain';
export type Format = 'jpeg' | 'png' | 'webp' | 'riff' | 'avif' | 'heif' | 'mp4' | 'gif' | 'tiff' | 'jxl' | 'text' | 'html' | 'c2pa' | 'unknown' | (string & {});
export type Family = 'c2pa' | 'iptc' | 'xmp' | 'exif' | 'generator' | 'tc260' | 'text-disclosure' | 'hidden-unicode' | 'html' | 'http-header' | 'watermark' | (string & {});
export type Strength = 'verified' | 'signed' | 'watermark' | 'declared';

/** Where a signal was found. */
export interface Location {
  container: string;
  block: string;
  offset?: number | null;
  path?: string | null;
}
/** An IPTC/C2PA digital source type, classified. */
export interface SourceType {
  term: string;
  name: string;
  class: string;
}
/** A text-disclosure rule of the grammar. */
export type TextRule = 'statement' | 'label' | 'agent-label' | 'credit' | 'hashtag' | (string & {});
/**
 * The sentence a text disclosure was found in. Offsets count in the text named by `within`
 * (`'text'`: the whole text checked, so for `checkText(s)`,
 * `s.slice(utf16_start, utf16_start + utf16_length) === text`).
 */
export interface Sentence {
  /** The sentence as it appears in the text. */
  text: string;
  /** Code of the grammar language that matched (`'en'`, `'de'`, `'zh'`, ...), or `'und'`. */
  lang: string;
  rule: TextRule;
  /** The words the rule matched. */
  matched: string;
  /** `'text'`, `'visible text'` (of an HTML page), or an attribute such as `'<img> alt'`. */
  within: string;
  /** Start, in UTF-16 code units (JavaScript string indices). */
  utf16_start: number;
  utf16_length: number;
  /** Start, in Unicode scalar values (code points). */
  char_start: number;
  char_length: number;
}
/** One piece of evidence. */
export interface Signal {
  family: Family;
  strength: Strength;
  /** `null`: evidence that declares no AI (e.g. a camera capture). */
  ai: AiKind | null;
  value: string;
  source_type?: SourceType | null;
  tool?: string | null;
  location: Location;
  /** For a text disclosure: the sentence, its language, the rule that matched and its offsets. */
  sentence?: Sentence | null;
  /** What the signal proves and what it does not. */
  explanation: string;
}
export interface ReportError {
  kind: 'malformed' | 'unsupported' | 'limit-exceeded' | 'parameter' | 'io' | 'warning' | (string & {});
  message: string;
  /** `true`: the input could not be read (the verdict is `error`). */
  fatal: boolean;
}
/** A C2PA validation status entry; `code` is spelled as the specification spells it. */
export interface StatusEntry {
  code: string;
  explanation: string;
  manifest?: string | null;
  url?: string | null;
}
export interface Certificate {
  subject: string;
  issuer: string;
  not_before: string;
  not_after: string;
  sha256: string;
}
export interface Signer {
  common_name?: string | null;
  organization?: string | null;
  issuer?: string | null;
  alg?: string | null;
  time?: string | null;
  timestamped: boolean;
  /** Trusted only through the legacy CAI list (signed before its 2026-01-01 freeze). */
  legacy_trust?: boolean;
  /** The signer's certificate is trusted (a manifest can still be `Valid` when only its CAWG identity is unconfirmed). */
  trusted?: boolean;
  chain: Certificate[];
}
/** An account or identity an identity aggregator verified (CAWG identity 1.1 §8.1). */
export interface VerifiedIdentity {
  /** `cawg.social_media`, `cawg.document_verification`, `cawg.affiliation`, `cawg.crypto_wallet`, ... */
  type: string;
  name?: string | null;
  username?: string | null;
  address?: string | null;
  uri?: string | null;
  verified_at: string;
  provider_name: string;
  provider_id: string;
}
/** A CAWG identity assertion: who vouches for the content, and how far that checks out. */
export interface Identity {
  label: string;
  sig_type: 'cawg.x509.cose' | 'cawg.identity_claims_aggregation' | (string & {});
  state: 'trusted' | 'valid' | 'invalid';
  /** A plain sentence for a reader. */
  explanation: string;
  failures?: string[];
  /** The named actor: the certificate's organisation (else common name), or the first verified name. */
  name?: string | null;
  organization?: string | null;
  common_name?: string | null;
  /** The certificate's issuer, or the credential's issuer DID. */
  issuer?: string | null;
  roles?: string[];
  referenced_assertions: string[];
  chain?: Certificate[];
  verified_identities?: VerifiedIdentity[];
  valid_from?: string | null;
  valid_until?: string | null;
}
export interface Action {
  action: string;
  digital_source_type?: string | null;
  source_type?: SourceType | null;
  software_agent?: string | null;
}
export interface Ingredient {
  title?: string | null;
  relationship?: string | null;
  manifest?: string | null;
  format?: string | null;
}
export interface Manifest {
  label: string;
  claim_version: number;
  claim_generator?: string | null;
  title?: string | null;
  signer?: Signer | null;
  actions: Action[];
  ingredients: Ingredient[];
  ai_disclosure?: unknown;
  ai?: AiKind | null;
  /**
   * Its claim thumbnail: the image's bytes. (`ailabel check --json` writes them as base64 in
   * `data_base64` instead, and so does `JSON.stringify` of this report: the object inherits a
   * `toJSON` that returns `{media_type, data_base64}`.)
   */
  thumbnail?: { media_type: string; data: Uint8Array } | null;
  /** Its CAWG identity assertions. */
  identities?: Identity[];
}
/** The Content Credentials result. */
export interface C2pa {
  state: 'Invalid' | 'Valid' | 'Trusted';
  /** Set when `state` is `Invalid`: the most serious kind of failure. */
  invalid_reason?: 'altered' | 'credential' | 'malformed' | null;
  active_manifest?: string | null;
  manifests: Manifest[];
  validation: { success: StatusEntry[]; informational: StatusEntry[]; failure: StatusEntry[] };
  ai?: AiKind | null;
  ai_tool?: string | null;
  remote_manifest?: string | null;
}
/** Content Credentials a file keeps elsewhere (XMP `dcterms:provenance`, a `Link` header). */
export interface RemoteManifest {
  url: string;
  /** Lowercased host, without port or user information; null when the URL has none. */
  host: string | null;
  /** True for an `https:` URL with a host and no user name or password: the only kind to fetch. */
  fetchable: boolean;
  /** `fetched`: given as `remoteManifest` and validated (see `c2pa`); `inaccessible`: `remoteManifestError` was given. */
  status: 'not-fetched' | 'fetched' | 'inaccessible';
  /** `manifest.inaccessible` when the fetch failed. */
  code: string | null;
  explanation: string;
}
/** The report: the same object as `ailabel check --json` prints (less `file`; thumbnails as bytes). */
export interface Report {
  /** `sha256`: hex SHA-256 of the whole input; absent when the check was given `inputSha256: false`. */
  input: { format: Format; size: number; sha256?: string };
  verdict: Verdict;
  /** A plain-language sentence: what the verdict means and does not mean. */
  summary: string;
  ai: { kind: AiKind | null; tools: string[] };
  /** Sentences describing labels that disagree. */
  conflicts: string[];
  /** Every piece of evidence, strongest first. */
  signals: Signal[];
  /** Remote Content Credentials references; the core never fetches them. */
  remote_manifests: string[];
  /** The reference a caller may offer to fetch (no embedded store, no sidecar given). */
  remote_manifest: RemoteManifest | null;
  c2pa: C2pa | null;
  errors: ReportError[];
}

/** PEM or c2pa-rs `store.cfg` text: one string or several. */
export type TrustText = string | string[];
export interface Options {
  trustAnchors?: TrustText;
  allowedList?: TrustText;
  trustConfig?: TrustText;
  tsaAnchors?: TrustText;
  /** The legacy CAI "interim" list (anchors, allowed list, store.cfg): it counts only for signatures made before its 2026-01-01 freeze. */
  legacyTrustAnchors?: TrustText;
  legacyAllowedList?: TrustText;
  legacyTrustConfig?: TrustText;
  /** Trust anchors (PEM) for the X.509 signers of CAWG identity assertions; none by default. */
  cawgTrustAnchors?: TrustText;
  /** DIDs of trusted issuers of CAWG identity claims aggregation credentials (c2pa-rs `cawg_trust.trusted_ica_issuers`), compared exactly with the issuer without its fragment; none by default. */
  cawgIcaIssuers?: string | string[];
  /** A `.c2pa` manifest store for the input. */
  sidecar?: Uint8Array | ArrayBuffer;
  /** The store fetched (with the user's consent) from `report.remote_manifest.url`; validated as a sidecar. */
  remoteManifest?: Uint8Array | ArrayBuffer;
  /** Why that fetch failed; reported as `manifest.inaccessible`. */
  remoteManifestError?: string;
  /** The media segments (`.m4s`) of the fragmented MP4 whose init segment is the input: the C2PA Merkle tree is checked over each. */
  fragments?: Array<Uint8Array | ArrayBuffer>;
  /** Verify as of this time, in seconds since the epoch. */
  verifyTime?: number;
  watermarks?: boolean;
  /** Hash the whole input for the report's `input.sha256` (default true; false spares a WebCrypto digest of the whole input). */
  inputSha256?: boolean;
  /** The HTTP `AI-Disclosure` header that came with the input. */
  aiDisclosureHeader?: string;
  /** The HTTP `Link` header that came with the input. */
  linkHeader?: string;
  /** Bounds on hostile input (camelCase names of the crate's `Limits`). */
  limits?: Record<string, number>;
  /**
   * The input's pixels, decoded by the caller (the wasm has no image decoder): non-premultiplied
   * RGBA8, row-major, as stored (for a JPEG or a PNG, not rotated by its Exif Orientation: decode
   * a copy with `imageSize(...).orientation.upright` written at its `offset`, and for a PNG
   * `orientation.crc.upright` at `orientation.crc.offset`, then
   * `createImageBitmap(blob, {colorSpaceConversion: 'none', premultiplyAlpha: 'none'})`). Read a
   * band of rows at a time, never copied whole into wasm
   * memory: leave `rgba` unchanged until the check settles. Without them watermarks are not
   * looked for.
   */
  pixels?: { rgba: Uint8Array | Uint8ClampedArray; width: number; height: number };
  /** Ed25519 public keys (PEM) of EncypherAI text signers, to verify their hidden marks. */
  textKeys?: TrustText;
}

/** Load the wasm once (a URL, a `Response`, bytes or a compiled module). Optional: the functions below call it. */
export function init(wasm?: URL | string | Response | BufferSource | WebAssembly.Module): Promise<void>;
/**
 * Check an image, a `.c2pa` manifest store, or text/HTML bytes. An unreadable input resolves
 * to a report with verdict `error`; a caller mistake (bytes that are not bytes, a malformed
 * option) rejects with an `Error`.
 */
export function check(bytes: Uint8Array | ArrayBuffer, options?: Options): Promise<Report>;
/** Check a text or an HTML page given as a string. */
export function checkText(text: string, options?: Options): Promise<Report>;
/** The size an image declares in its header, as `imageSize` reads it. */
export interface ImageSize {
  /** `jpeg`, `png`, `gif`, `webp`, `avif` or `bmp`. */
  format: string;
  /** Null when the header was not read. */
  width: number | null;
  height: number | null;
  /**
   * The bytes ended before what is read here did (the header; for a PNG, the chunks up to
   * `IDAT`, where an `eXIf` may be): a longer prefix of the file may tell.
   */
  truncated: boolean;
  /** True only for a size read and within `limits.maxPixels`: decode for watermark detection only then. */
  decode: boolean;
  /** The report's warning for a size over `limits.maxPixels` (pass the size as `pixels` with empty `rgba` to get it in the report). */
  warning: string | null;
  /**
   * The Exif Orientation (1 to 8) of a JPEG or of a PNG's `eXIf` chunk, and where its 2-byte
   * value is: browsers rotate the pixels by it, so decode a copy with `upright` written at
   * `offset` to get the stored pixels, as the command line reads them; for a PNG, whose chunk
   * CRC covers the value, also `crc.upright` (the CRC with `upright` written) at `crc.offset`.
   * `crc` is null for a JPEG; `orientation` is null when there is none.
   */
  orientation: {
    value: number;
    offset: number;
    upright: [number, number];
    crc: { offset: number; upright: [number, number, number, number] } | null;
  } | null;
}
/**
 * The size an image declares in its header (`bytes`: the file or a prefix of it, from its first
 * byte), read before anything decodes it; null for bytes that do not start like a JPEG, PNG,
 * GIF, WebP, AVIF or BMP. Call it before `createImageBitmap`, which holds the whole bitmap
 * before it says how large it is, and decode only when `decode` is true.
 */
export function imageSize(bytes: Uint8Array | ArrayBuffer, limits?: Record<string, number>): Promise<ImageSize | null>;
/** The checker's version. */
export function version(): Promise<string>;
