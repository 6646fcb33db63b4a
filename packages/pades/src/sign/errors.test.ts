import { describe, expect, it } from "vitest";
import { corpusSigner, fixture } from "../../test/fixtures/sign/tools";
import { PadesSignError, type PadesSignErrorCode } from "./errors";
import { importPrivateKey } from "./import-private-key";
import { finish } from "./finish";
import { prepare } from "./prepare";
import { signPdf } from "./sign-pdf";

const cases: readonly { code: PadesSignErrorCode; run: () => Promise<unknown> }[] = [
  {
    code: "PADES_SIGN_UNSUPPORTED_KEY",
    run: () => importPrivateKey(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00])),
  },
  {
    code: "PADES_SIGN_CERTIFICATE_INVALID",
    run: async () =>
      signPdf(fixture("gs-letter.pdf"), {
        signer: { ...(await corpusSigner()), certificate: new Uint8Array([1, 2, 3]) },
      }),
  },
  {
    code: "PADES_SIGN_FIELD_NOT_FOUND",
    run: async () =>
      signPdf(fixture("minimal-with-simple-form.pdf"), {
        signer: await corpusSigner(),
        fieldName: "TextField1",
      }),
  },
  {
    code: "PADES_SIGN_INVALID_OPTIONS",
    run: async () => {
      const provider = { kind: "cms" as const, signDigest: async () => new Uint8Array() };
      const prepared = await prepare(fixture("gs-letter.pdf"), { signer: provider });
      return finish(prepared, { signature: new Uint8Array(256) });
    },
  },
  {
    code: "PADES_SIGN_INVALID_OPTIONS",
    run: async () =>
      signPdf(fixture("gs-letter.pdf"), {
        signer: await corpusSigner(),
        visible: { placement: { page: 1, rect: [0, 0, 0, 10] } },
      }),
  },
  {
    code: "PADES_SIGN_ANCHOR_AMBIGUOUS",
    run: async () =>
      signPdf(fixture("gs-letter.pdf"), {
        signer: await corpusSigner(),
        visible: { placement: { anchor: "a", size: [10, 10] } },
      }),
  },
];

describe("signing errors (every code, bilingual, typed)", () => {
  for (const c of cases) {
    it(`raises ${c.code}`, async () => {
      const err = await c.run().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PadesSignError);
      expect(err).toMatchObject({ code: c.code });
      expect((err as Error).message).toMatch(/ \/ /);
    });
  }
});
