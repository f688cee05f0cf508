// The floor of the bundle bench: the smallest useful Lambda, bundled with the same settings.
export const handler = async () => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ hello: 'world' }),
  isBase64Encoded: false,
});
