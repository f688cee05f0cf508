/**
 * Direct uploads from a client to the blob store, shaped like an S3 POST: a URL and the form
 * fields to send with the file. On AWS an S3 presigned POST whose policy enforces the key, the
 * content type, the size and the expiry; locally there is no signer, and Shutter's own upload
 * route enforces the same rules (see services/images).
 */
export interface UploadRequest {
  /** The one key the file may be stored under. */
  key: string;
  /** The one `Content-Type` the form may carry. */
  contentType: string;
  /** The most bytes the file may have. */
  maxBytes: number;
  /** How long the policy is valid, in seconds. */
  expiresInSeconds: number;
}

/** Where and how to POST the file (multipart form data: `fields`, then `file`). */
export interface UploadTarget {
  url: string;
  fields: Record<string, string>;
}

export interface UploadSigner {
  /**
   * A POST target for one file.
   * @throws UnavailableError when the signer cannot sign now (no credentials yet).
   */
  presign(request: UploadRequest): Promise<UploadTarget>;
}
