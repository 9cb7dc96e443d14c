import i18next from 'i18next';

/** A refusal from the API, as RFC 9457 problem details with messages in both languages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: { id: string; en: string },
    readonly body: Record<string, unknown>,
  ) {
    super(messages.en);
  }

  /** The message in the user's language. */
  get text(): string {
    return i18next.language === 'en' ? this.messages.en : this.messages.id;
  }
}

const KEY = 'sakip.key';
export const session = {
  key: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const key = session.key();
  return { Accept: 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}), ...extra };
}

async function problem(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    /* not JSON: described below */
  }
  const messages = (body.messages as { id: string; en: string } | undefined) ?? {
    id: `Permintaan gagal (HTTP ${response.status}).`,
    en: `The request failed (HTTP ${response.status}).`,
  };
  return new ApiError(
    response.status,
    typeof body.code === 'string' ? body.code : `HTTP_${response.status}`,
    messages,
    body,
  );
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: headers() };
  if (body instanceof Blob) {
    init.body = body;
    init.headers = headers({ 'Content-Type': body.type || 'application/octet-stream' });
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = headers({ 'Content-Type': 'application/json' });
  }
  const response = await fetch(path, init);
  if (!response.ok) throw await problem(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body);
export const del = <T>(path: string, body?: unknown) => request<T>('DELETE', path, body);

/** Downloads a file the API makes (CSV, XLSX) with the key in the header, then saves it. */
export async function download(path: string, filename: string): Promise<void> {
  const response = await fetch(path, { headers: headers({ Accept: '*/*' }) });
  if (!response.ok) throw await problem(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const query = (params: Record<string, string | number | undefined | null>): string => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};
