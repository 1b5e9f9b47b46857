// Asks for the session's access token while the app's own script is still on its way: the app waits for this
// answer before it shows anything (api-client.ts takes it over). A deferred script, so it runs before the app's
// module, which is deferred too and comes after it: there is never a second refresh racing this one.
window.forumSessionStart = fetch('/api/v1/auth/refresh', { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } }).then(
  function (response) {
    // the body is read either way: an unread one keeps the request open
    return response.text().then(function (text) {
      return { ok: response.ok, text: text };
    });
  },
  // a network failure is the app's to handle (it keeps whatever session it has), not an unhandled rejection here
  function (error) {
    return { error: error };
  },
);
