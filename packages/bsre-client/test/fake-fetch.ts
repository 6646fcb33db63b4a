/** A recorded request seen by the fake fetch. */
export interface Seen {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: FormData | string | undefined;
}

/** Builds a fetch that records requests and answers from a queue of responders. */
export function fakeFetch(...responders: ((seen: Seen) => Response | Promise<Response>)[]): {
  fetch: typeof fetch;
  seen: Seen[];
} {
  const seen: Seen[] = [];
  let i = 0;
  const impl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const body = init?.body;
    const record: Seen = {
      url: String(input),
      method: init?.method ?? "GET",
      headers: new Headers(init?.headers),
      body: body instanceof FormData ? body : typeof body === "string" ? body : undefined,
    };
    seen.push(record);
    const responder = responders[Math.min(i++, responders.length - 1)];
    if (!responder) throw new Error("no responder");
    return responder(record);
  };
  return { fetch: impl as typeof fetch, seen };
}

/** A minimal PDF-looking body. */
export const PDF_BYTES = new TextEncoder().encode("%PDF-1.7\n% fake signed\n%%EOF\n");

/** A JSON response. */
export function json(status: number, value: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** A PDF response. */
export function pdf(bytes: Uint8Array = PDF_BYTES, headers: Record<string, string> = {}): Response {
  return new Response(bytes as BodyInit, {
    status: 200,
    headers: { "content-type": "application/pdf", ...headers },
  });
}
