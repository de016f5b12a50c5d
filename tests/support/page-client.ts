// Plain HTTP against the staff pages, as a browser without JavaScript would: form posts with the
// session cookie and the page's CSRF token, redirects not followed (the tests look at them).

export interface PageAnswer {
  status: number;
  location: string | null;
  setCookie: string | null;
  text: string;
}

export type PageRequester = (
  method: 'GET' | 'POST',
  path: string,
  options?: { cookie?: string; form?: Record<string, string>; headers?: Record<string, string> },
) => Promise<PageAnswer>;

export function pageRequester(baseUrl: () => string): PageRequester {
  return async (method, path, options = {}) => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(options.cookie ? { cookie: options.cookie } : {}),
        ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...options.headers,
      },
      ...(options.form ? { body: new URLSearchParams(options.form).toString() } : {}),
    });
    return {
      status: response.status,
      location: response.headers.get('location'),
      setCookie: response.headers.get('set-cookie'),
      text: await response.text(),
    };
  };
}

export const cookieOf = (setCookie: string | null) => setCookie!.split(';')[0]!;
export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

/** Signs in through the sign-in form; `answer` is the form post's response. */
export async function signInThroughForm(
  request: PageRequester,
  username: string,
  password: string,
  next = '',
) {
  const form = await request('GET', `/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  const anonymous = cookieOf(form.setCookie);
  const answer = await request('POST', '/sign-in', {
    cookie: anonymous,
    form: { _csrf: csrfOf(form.text), username, password, next },
  });
  return { anonymous, answer };
}
