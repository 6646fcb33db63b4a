/** A language of notifications. */
export type Lang = "id" | "en";

/** The notifications the registry sends. */
export type MailKind =
  | "registration_received"
  | "registration_verified"
  | "registration_rejected"
  | "email_corrected"
  | "document_waiting"
  | "document_signed"
  | "document_returned"
  | "certificate_expiring";

/** Values a template may use. */
export type MailParams = Readonly<Record<string, string | number>>;

type Template = { readonly subject: string; readonly body: string };

const templates: Readonly<Record<Lang, Readonly<Record<MailKind, Template>>>> = {
  id: {
    registration_received: {
      subject: "Pendaftaran TTE diterima",
      body: "Yth. {name},\n\nPendaftaran akun TTE Anda telah kami terima dan sedang menunggu verifikasi oleh admin satuan kerja.",
    },
    registration_verified: {
      subject: "Akun TTE lolos verifikasi",
      body: "Yth. {name},\n\nData pendaftaran TTE Anda telah lolos verifikasi. Silakan periksa email dari BSrE untuk aktivasi akun dan penetapan passphrase.",
    },
    registration_rejected: {
      subject: "Verifikasi akun TTE ditolak",
      body: "Yth. {name},\n\nVerifikasi data pendaftaran TTE Anda ditolak dengan alasan: {reason}\n\nSilakan perbaiki data Anda lalu ajukan verifikasi ulang.",
    },
    email_corrected: {
      subject: "Alamat email akun TTE diperbaiki",
      body: "Yth. {name},\n\nAlamat email akun TTE Anda telah diperbaiki oleh admin menjadi {email}. Pendaftaran sertifikat di BSrE dikirim ulang ke alamat ini.",
    },
    document_waiting: {
      subject: "Dokumen menunggu {action} Anda: {perihal}",
      body: 'Yth. {name},\n\nDokumen "{perihal}" ({jenis}) menunggu {action} Anda. Silakan buka menu Inbox pada aplikasi TTE.',
    },
    document_signed: {
      subject: "Dokumen telah ditandatangani: {perihal}",
      body: 'Yth. {name},\n\nDokumen "{perihal}" ({jenis}) telah selesai ditandatangani secara elektronik. Kode verifikasi: {code}.',
    },
    document_returned: {
      subject: "Dokumen dikembalikan: {perihal}",
      body: 'Yth. {name},\n\nDokumen "{perihal}" dikembalikan dengan catatan: {note}',
    },
    certificate_expiring: {
      subject: "Sertifikat elektronik Anda berakhir dalam {days} hari",
      body: "Yth. {name},\n\nSertifikat elektronik Anda berlaku sampai {until}. Silakan ajukan perpanjangan sertifikat sebelum masa berlakunya habis.",
    },
  },
  en: {
    registration_received: {
      subject: "TTE registration received",
      body: "Dear {name},\n\nWe have received your TTE account registration; it is waiting for verification by your unit's admin.",
    },
    registration_verified: {
      subject: "TTE account verified",
      body: "Dear {name},\n\nYour TTE registration has been verified. Please check the email from BSrE to activate your account and set your passphrase.",
    },
    registration_rejected: {
      subject: "TTE account verification rejected",
      body: "Dear {name},\n\nThe verification of your TTE registration was rejected: {reason}\n\nPlease correct your data and resubmit it.",
    },
    email_corrected: {
      subject: "TTE account email corrected",
      body: "Dear {name},\n\nAn admin corrected your TTE account email to {email}. Certificate enrolment at BSrE was sent again to this address.",
    },
    document_waiting: {
      subject: "A document awaits your {action}: {perihal}",
      body: 'Dear {name},\n\nThe document "{perihal}" ({jenis}) awaits your {action}. Please open the Inbox in the TTE application.',
    },
    document_signed: {
      subject: "Document signed: {perihal}",
      body: 'Dear {name},\n\nThe document "{perihal}" ({jenis}) has been signed electronically. Verification code: {code}.',
    },
    document_returned: {
      subject: "Document returned: {perihal}",
      body: 'Dear {name},\n\nThe document "{perihal}" was returned with this note: {note}',
    },
    certificate_expiring: {
      subject: "Your certificate expires in {days} days",
      body: "Dear {name},\n\nYour electronic certificate is valid until {until}. Please request its renewal before it expires.",
    },
  },
};

/** Renders a notification in Indonesian or English; unknown `{placeholders}` stay visible. */
export function renderMail(
  kind: MailKind,
  lang: Lang,
  params: MailParams,
): { subject: string; text: string } {
  const t = templates[lang][kind];
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (m, k: string) => String(params[k] ?? m));
  return { subject: fill(t.subject), text: fill(t.body) };
}
