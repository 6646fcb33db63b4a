import { fromB64, isPdf } from "./bytes";
import type { SimulatorContext } from "./context";
import { fault } from "./faults";
import type { StampRequest } from "./signer-port";
import type { UserRecord } from "./state";

/** One file to sign with its stamp settings. */
export interface SignJob {
  readonly pdf: Uint8Array;
  readonly stamp?: StampRequest;
  readonly reason?: string;
  readonly location?: string;
}

/** Refuses a file that is not a PDF or is too large. */
export function checkPdf(ctx: SimulatorContext, bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength > ctx.settings.maxFileBytes) throw fault.tooLarge();
  if (!isPdf(bytes)) throw fault.badRequest("Berkas bukan dokumen PDF");
  return bytes;
}

/** Decodes a base64 file field and checks it is a PDF. */
export function decodePdf(ctx: SimulatorContext, text: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = fromB64(text);
  } catch {
    throw fault.badRequest("Berkas bukan base64 yang valid");
  }
  return checkPdf(ctx, bytes);
}

/** Signs every job with the user's unlocked key through the PAdES signer port. */
export async function signJobs(
  ctx: SimulatorContext,
  user: Pick<UserRecord, "certificate" | "nama">,
  key: CryptoKey,
  jobs: readonly SignJob[],
): Promise<Uint8Array[]> {
  const signer = ctx.signer;
  if (!signer)
    throw fault.notAvailable("Penandatanganan PDF belum tersedia di simulator ini (tanpa signer PAdES)");
  if (!user.certificate) throw fault.certificateNotIssued();
  const certificate = fromB64(user.certificate);
  const out: Uint8Array[] = [];
  for (const job of jobs) {
    out.push(
      await signer.signPdf({
        pdf: job.pdf,
        privateKey: key,
        certificate,
        chain: ctx.ca.chain,
        signerName: user.nama,
        ...(job.reason ? { reason: job.reason } : {}),
        ...(job.location ? { location: job.location } : {}),
        ...(job.stamp ? { stamp: job.stamp } : {}),
      }),
    );
  }
  return out;
}
