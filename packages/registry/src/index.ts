/** @teken/registry: Registration, verification queue, certificate lifecycle, documents, signing workflow and audit log over PGlite and PostgreSQL. */
export {};
