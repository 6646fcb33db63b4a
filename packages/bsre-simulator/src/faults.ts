/**
 * A refusal answered in BSrE's error shape `{"error": message, "status_code": N}` (DOMAIN.md §4).
 * Thrown inside handlers and turned into the response once, by the app's `onError`.
 */
export class BsreFault extends Error {
  override readonly name = "BsreFault";
  constructor(
    readonly httpStatus: 400 | 401 | 403 | 404 | 409 | 413 | 423 | 500 | 501 | 503,
    readonly error: string,
    readonly statusCode: number,
  ) {
    super(error);
  }

  /** The JSON body. */
  body(): { error: string; status_code: number } {
    return { error: this.error, status_code: this.statusCode };
  }
}

/**
 * The refusals of the simulator. 2031 and 2011 are BSrE's; 2032 (wrong TOTP), 2033 (locked or
 * suspended), 2034 (revoked), 2012 (already registered) and 2040 (bad request) are this
 * simulator's own choices, because the real values are not public.
 */
export const fault = {
  wrongPassphrase: () => new BsreFault(400, "Passphrase anda salah", 2031),
  notRegistered: () => new BsreFault(400, "User tidak terdaftar", 2011),
  certificateNotIssued: () => new BsreFault(401, "Sertifikat belum diterbitkan", 2021),
  wrongTotp: () => new BsreFault(400, "Kode TOTP salah atau kedaluwarsa", 2032),
  locked: (until: string) => new BsreFault(423, `User dikunci sementara hingga ${until}`, 2033),
  suspended: () => new BsreFault(423, "Sertifikat user sedang ditangguhkan", 2033),
  revoked: () => new BsreFault(400, "Sertifikat user telah dicabut", 2034),
  alreadyRegistered: () => new BsreFault(409, "User sudah terdaftar", 2012),
  badRequest: (what: string) => new BsreFault(400, what, 2040),
  tooLarge: () => new BsreFault(413, "Ukuran berkas melebihi batas", 413),
  notFound: (what = "Dokumen tidak ditemukan") => new BsreFault(404, what, 404),
  notAvailable: (what: string) => new BsreFault(501, what, 501),
} as const;
