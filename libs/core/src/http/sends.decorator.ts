/**
 * For a route that writes its reply itself (`@Res()`, e.g. to serve a cached, pre-serialized body): names the type
 * of what it sends, so the OpenAPI generator (`tools/openapi-responses.ts`) documents it like any other return type.
 * It does nothing at run time.
 */
export const Sends =
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  <T>(): MethodDecorator =>
    () =>
      undefined;
