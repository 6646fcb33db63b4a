import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import {
  type DigestAlgorithm,
  type LocalKeySigner,
  type Placement,
  type SignPdfOptions,
  type StampContent,
  type DocMdpPermission,
  type FieldLock,
  type PadesLevel,
  certificatesFromPem,
  httpRevocationSource,
  importPrivateKey,
  parsePadesLevel,
  pemBlock,
  signAtLevel,
  signerFromPkcs12,
} from "@teken/pades";
import { nodeDigester } from "@teken/pades/node";
import { CliError, type Command, type CommandIo } from "../command";
import { readInput } from "../read-input";
import { readSecret } from "../secret-source";
import { timestampAuthorityFrom } from "./extend";

const usage = `Usage: teken sign IN.pdf -o OUT.pdf (--p12 FILE --p12-pass SRC | --key KEY.pem --cert CERT.pem [--chain CA.pem])
  [--reason TEXT] [--location TEXT] [--name TEXT] [--contact TEXT] [--field NAME]
  [--page N|first|last --rect x,y,w,h | --anchor TEXT [--size w,h] [--offset dx,dy]]
  [--image FILE] [--qr URL] [--text "line1\\nline2"] [--subfilter pades|pkcs7] [--digest sha256|sha384|sha512]
  [--level B-B|B-T|B-LT|B-LTA] [--tsa URL]... [--tsa-auth USER:SRC] [--certs CA.pem]...
  [--certify 1|2|3] [--lock-fields a,b] [--password SRC]
  --level           PAdES level (default B-B); B-T and up need --tsa, B-LT and up fetch OCSP/CRL over HTTP
  --tsa URL         RFC 3161 time-stamp server; repeatable, tried in order
  --tsa-auth U:SRC  basic auth for every --tsa
  --certs FILE      PEM issuer certificates the signature does not carry (for B-LT); repeatable
  --certify P       certification signature (first signature only): 1 no changes, 2 forms + signing, 3 also annotations
  --lock-fields a,b lock these fields once signed (FieldMDP)
  --password SRC    password of an encrypted input (--pdf-pass is the old name)
  --rect, --size, --offset are PDF points on the page as a viewer shows it (bottom-left of the crop box, /Rotate applied)
SRC is pass:VALUE, env:VAR or file:PATH (as openssl reads passwords); secrets are never printed.`;

const valueOptions = [
  "o",
  "output",
  "p12",
  "p12-pass",
  "key",
  "cert",
  "chain",
  "reason",
  "location",
  "name",
  "contact",
  "field",
  "page",
  "rect",
  "anchor",
  "size",
  "offset",
  "image",
  "qr",
  "text",
  "subfilter",
  "digest",
  "pdf-pass",
  "password",
  "level",
  "tsa",
  "tsa-auth",
  "certs",
  "certify",
  "lock-fields",
] as const;
type Option = (typeof valueOptions)[number];

/** Parsed `teken sign` / `teken prepare-footer` arguments: one input file and `--name value` options. */
export interface ParsedArgs {
  readonly input: string;
  /** The last value of each option. */
  readonly options: Readonly<Partial<Record<string, string>>>;
  /** Every value of each option, in order (for repeatable options such as `--tsa`). */
  readonly lists: Readonly<Partial<Record<string, readonly string[]>>>;
}

/** Parses `IN.pdf --opt value ...` accepting only `allowed` options; `-o` is `--output`. */
export function parseFileArgs(args: readonly string[], allowed: readonly string[], help: string): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    const [raw = "", inline] = arg.replace(/^--?/, "").split(/=(.*)/s, 2);
    const name = raw === "o" ? "output" : raw;
    const value = inline ?? args[++i];
    if (!allowed.includes(name) || value === undefined) {
      throw new CliError(
        "CLI_USAGE",
        `opsi tidak dikenal atau tanpa nilai / unknown option or missing value: ${raw}\n${help}`,
      );
    }
    options[name] = value;
    lists[name] = [...(lists[name] ?? []), value];
  }
  if (positional.length !== 1) throw new CliError("CLI_USAGE", help);
  return { input: positional[0] ?? "", options, lists };
}

function numbers(value: string, count: number, what: string): number[] {
  const parts = value.split(",").map((s) => Number(s.trim()));
  if (parts.length !== count || parts.some((n) => !Number.isFinite(n))) {
    throw new CliError(
      "CLI_USAGE",
      `--${what} harus ${count} angka dipisah koma / must be ${count} comma-separated numbers`,
    );
  }
  return parts;
}

async function loadSigner(
  o: ParsedArgs["options"],
  io: CommandIo,
  digest: DigestAlgorithm,
): Promise<LocalKeySigner> {
  if (o.p12) {
    if (!o["p12-pass"])
      throw new CliError("CLI_USAGE", `--p12 memerlukan --p12-pass / --p12 needs --p12-pass\n${usage}`);
    return signerFromPkcs12(readInput(io, o.p12), readSecret(o["p12-pass"], io), { digest });
  }
  if (!o.key || !o.cert)
    throw new CliError(
      "CLI_USAGE",
      `berikan --p12 atau --key dan --cert / give --p12 or --key and --cert\n${usage}`,
    );
  const keyPem = new TextDecoder().decode(readInput(io, o.key));
  const pkcs8 = pemBlock(keyPem, "PRIVATE KEY");
  if (!pkcs8)
    throw new CliError(
      "CLI_USAGE",
      "--key harus PEM PKCS#8 tanpa sandi / --key must be an unencrypted PKCS#8 PEM",
    );
  const [certificate, ...rest] = certificatesFromPem(new TextDecoder().decode(readInput(io, o.cert)));
  if (!certificate)
    throw new CliError("CLI_USAGE", "--cert tidak berisi sertifikat / --cert holds no certificate");
  const chain = o.chain ? certificatesFromPem(new TextDecoder().decode(readInput(io, o.chain))) : [];
  return {
    kind: "local",
    privateKey: await importPrivateKey(pkcs8, { digest }),
    certificate,
    chain: [...rest, ...chain],
  };
}

function placementOf(o: ParsedArgs["options"]): Placement | undefined {
  const page =
    o.page === undefined ? undefined : o.page === "first" || o.page === "last" ? o.page : Number(o.page);
  if (typeof page === "number" && !Number.isInteger(page))
    throw new CliError("CLI_USAGE", "--page harus N, first atau last / must be N, first or last");
  if (o.rect)
    return { page: page ?? "first", rect: numbers(o.rect, 4, "rect") as [number, number, number, number] };
  if (o.anchor) {
    const size = (o.size ? numbers(o.size, 2, "size") : [150, 60]) as [number, number];
    const offset = (o.offset ? numbers(o.offset, 2, "offset") : [0, 0]) as [number, number];
    return { anchor: o.anchor, size, offset, page };
  }
  if (o.image || o.qr || o.text)
    throw new CliError(
      "CLI_USAGE",
      "--image/--qr/--text memerlukan --rect atau --anchor / need --rect or --anchor",
    );
  return undefined;
}

function stampOf(o: ParsedArgs["options"], io: CommandIo): StampContent | undefined {
  if (!o.image && !o.qr && !o.text) return undefined;
  return {
    image: o.image ? readInput(io, o.image) : undefined,
    qrUrl: o.qr,
    lines: o.text ? o.text.split(/\\n|\n/) : undefined,
  };
}

const digests: Readonly<Record<string, DigestAlgorithm>> = {
  sha256: "SHA-256",
  sha384: "SHA-384",
  sha512: "SHA-512",
};

function certifyOf(value: string | undefined): DocMdpPermission | undefined {
  if (value === undefined) return undefined;
  if (value === "1" || value === "2" || value === "3") return Number(value) as DocMdpPermission;
  throw new CliError("CLI_USAGE", "--certify harus 1, 2 atau 3 / must be 1, 2 or 3");
}

function lockOf(value: string | undefined): FieldLock | undefined {
  if (value === undefined) return undefined;
  const fields = value
    .split(",")
    .map((f) => f.trim())
    .filter((f) => f !== "");
  if (fields.length === 0)
    throw new CliError("CLI_USAGE", "--lock-fields perlu nama field / needs field names (a,b)");
  return { action: "Include", fields };
}

async function runSign(args: readonly string[], io: CommandIo): Promise<number> {
  const { input, options: o, lists } = parseFileArgs(args, valueOptions as readonly Option[], usage);
  if (!o.output) throw new CliError("CLI_USAGE", `-o OUT.pdf wajib / is required\n${usage}`);
  const digest = digests[(o.digest ?? "sha256").toLowerCase()];
  if (!digest) throw new CliError("CLI_USAGE", "--digest harus sha256, sha384 atau sha512");
  const subFilter = (o.subfilter ?? "pades") === "pkcs7" ? "adbe.pkcs7.detached" : "ETSI.CAdES.detached";
  if (o.subfilter && o.subfilter !== "pades" && o.subfilter !== "pkcs7")
    throw new CliError("CLI_USAGE", "--subfilter harus pades atau pkcs7");
  const level: PadesLevel = o.level === undefined ? "B-B" : parsePadesLevel(o.level);
  const certify = certifyOf(o.certify);
  const lock = lockOf(o["lock-fields"]);
  const tsa = timestampAuthorityFrom(lists.tsa ?? [], o["tsa-auth"], io);
  if (level !== "B-B" && tsa === undefined)
    throw new CliError("CLI_USAGE", `--level ${level} memerlukan --tsa / needs --tsa URL\n${usage}`);
  const passwordSource = o.password ?? o["pdf-pass"];
  const password = passwordSource === undefined ? undefined : readSecret(passwordSource, io);
  const pdf = readInput(io, input);
  const placement = placementOf(o);
  const signOptions: SignPdfOptions = {
    signer: await loadSigner(o, io, digest),
    digest,
    digester: nodeDigester,
    password,
    subFilter,
    reason: o.reason,
    location: o.location,
    name: o.name,
    contactInfo: o.contact,
    fieldName: o.field,
    visible: placement ? { placement, stamp: stampOf(o, io) } : undefined,
  };
  const extraCertificates = (lists.certs ?? []).flatMap((path) =>
    certificatesFromPem(new TextDecoder().decode(readInput(io, path))),
  );
  // signAtLevel refuses what the document's DocMDP forbids before any key is used (ISO 32000-2 §12.8.2.2).
  const result = await signAtLevel(pdf, {
    ...signOptions,
    level,
    ...(tsa ? { tsa } : {}),
    ...(level === "B-LT" || level === "B-LTA" ? { revocation: httpRevocationSource() } : {}),
    extraCertificates,
    ...(certify === undefined ? {} : { certify }),
    ...(lock === undefined ? {} : { lock }),
  });
  const size = writeOutput(resolve(io.cwd, o.output), result);
  const extra = [
    level,
    ...(certify === undefined ? [] : [`certify P=${certify}`]),
    ...(lock === undefined ? [] : [`lock ${lock.fields?.join(",")}`]),
  ].join(", ");
  io.stdout(`ditandatangani / signed: ${o.output} (${size} bytes, ${subFilter}, ${extra})\n`);
  for (const m of result.missing) {
    io.stderr(
      `peringatan / warning: tanpa data pencabutan / no revocation data for "${m.subject}": ${m.reason}\n`,
    );
  }
  return 0;
}

/**
 * Writes the signed file: when signAtLevel handed it out as parts (the untouched input, then the
 * update), each part is written in turn so the input is never copied in memory. Returns the size.
 */
function writeOutput(
  path: string,
  result: { readonly pdf: Uint8Array; readonly parts?: readonly Uint8Array[] },
): number {
  if (!result.parts) {
    writeFileSync(path, result.pdf);
    return result.pdf.length;
  }
  const fd = openSync(path, "w");
  let size = 0;
  try {
    for (const part of result.parts) {
      for (let at = 0; at < part.length; ) at += writeSync(fd, part, at, part.length - at);
      size += part.length;
    }
  } finally {
    closeSync(fd);
  }
  return size;
}

/** Re-raises a coded library error as a CLI error without repeating its code in the message. */
export async function cleanErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (error instanceof CliError || typeof code !== "string") throw error;
    const message = (error as Error).message.replace(new RegExp(`^${code}: `), "");
    throw new CliError(code, message, 1);
  }
}

/**
 * `teken sign`: signs a PDF with a PKCS#12 file or a PEM key + certificate, at PAdES B-B (default)
 * up to B-LTA, optionally as a certification (DocMDP) or field-locking (FieldMDP) signature.
 */
export const signCommand: Command = {
  name: "sign",
  usage,
  run: (args, io) => cleanErrors(() => runSign(args, io)),
};
