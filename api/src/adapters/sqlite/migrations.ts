/**
 * Schema migrations, applied in order at start. Each runs once, in a transaction, and the
 * database's `user_version` records the last one applied. Never edit a released migration:
 * add a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'counters and api keys',
    sql: `
      CREATE TABLE counters (
        id TEXT PRIMARY KEY,
        count INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE counter_days (
        counter_id TEXT NOT NULL,
        day TEXT NOT NULL,
        count INTEGER NOT NULL,
        unique_visitors INTEGER NOT NULL,
        PRIMARY KEY (counter_id, day)
      ) STRICT, WITHOUT ROWID;

      -- One row per visitor hash per counter per day; deleted once the day is over.
      CREATE TABLE visitor_marks (
        counter_id TEXT NOT NULL,
        day TEXT NOT NULL,
        visitor_hash TEXT NOT NULL,
        PRIMARY KEY (counter_id, day, visitor_hash)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX visitor_marks_day ON visitor_marks (day);

      CREATE TABLE daily_salts (
        day TEXT PRIMARY KEY,
        salt TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        scope TEXT NOT NULL,
        rate_per_second REAL NOT NULL,
        rate_burst REAL NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT,
        last_used_at TEXT
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'users, login failures and refresh tokens',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL,
        -- Lower-cased email: uniqueness and look-ups ignore case.
        email_key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'editor')),
        status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
        password_hash TEXT NOT NULL,
        token_version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_login_at TEXT
      ) STRICT;

      -- Keyed by a hash of the email, existing account or not, so that a lock reveals nothing.
      CREATE TABLE login_failures (
        login_key TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        last_failure_at TEXT NOT NULL,
        locked_until TEXT
      ) STRICT;

      CREATE TABLE refresh_tokens (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        family_id TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        token_version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        rotated_at TEXT,
        revoked_at TEXT
      ) STRICT;
      CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
      CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);
      CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at);
    `,
  },
  // content_version is no longer read or written (the content worker moves an index pointer in
  // the blob store instead); the table stays because applied migrations are never edited.
  {
    version: 3,
    name: 'reviews, slugs and the content version',
    sql: `
      -- The whole review is kept as JSON in data; the columns beside it are what lists filter
      -- and sort on, written from the same object so they cannot disagree.
      CREATE TABLE reviews (
        id TEXT PRIMARY KEY,
        slug TEXT NOT NULL,
        author_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
        created_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL
      ) STRICT;
      CREATE INDEX reviews_by_author ON reviews (author_id, created_at DESC, id DESC);
      CREATE INDEX reviews_by_status ON reviews (status, created_at DESC, id DESC);

      -- One row per slug, held by one review: the same shape as a conditional put of a slug item.
      CREATE TABLE review_slugs (
        slug TEXT PRIMARY KEY,
        review_id TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE content_version (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL
      ) STRICT;
      INSERT INTO content_version (id, version) VALUES (1, 0);
    `,
  },
  {
    version: 4,
    name: 'background jobs',
    sql: `
      -- One row per request to run a job. state: pending (waiting, due at due_at), leased (held
      -- by a worker until lease_expires_at), dead (failed max attempts). Times are epoch ms.
      -- An id has at most one pending and one dead row; a leased row may have a pending twin (the
      -- id was enqueued again while it ran).
      CREATE TABLE jobs (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'leased', 'dead')),
        attempts INTEGER NOT NULL,
        due_at INTEGER NOT NULL,
        enqueued_at INTEGER NOT NULL,
        lease_token TEXT,
        lease_expires_at INTEGER,
        last_error TEXT,
        died_at INTEGER
      ) STRICT;
      CREATE UNIQUE INDEX jobs_pending_id ON jobs (id) WHERE state = 'pending';
      CREATE UNIQUE INDEX jobs_dead_id ON jobs (id) WHERE state = 'dead';
      CREATE UNIQUE INDEX jobs_lease_token ON jobs (lease_token) WHERE lease_token IS NOT NULL;
      CREATE INDEX jobs_due ON jobs (state, due_at, seq);
      CREATE INDEX jobs_leased ON jobs (id) WHERE state = 'leased';
      CREATE INDEX jobs_lease_expiry ON jobs (lease_expires_at) WHERE state = 'leased';
    `,
  },
  {
    version: 5,
    name: 'public content documents',
    sql: `
      -- The materialised public detail of each published review, keyed by the slug it is served
      -- under: one lookup per read. A put replaces a row only for the same review at a version no
      -- lower than the stored one (see sqlite-public-content-store.ts).
      CREATE TABLE public_content (
        slug TEXT PRIMARY KEY,
        review_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        json TEXT NOT NULL,
        etag TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 8,
    name: 'counter settings',
    sql: `
      -- Counters their owner made public (the badge answers without a key), apart from the
      -- counts so a visit never reads them; and the key the server's own pages count with.
      CREATE TABLE public_counters (
        counter_id TEXT PRIMARY KEY,
        updated_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE site_settings (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 10,
    name: 'review revisions',
    sql: `
      -- One row per kept revision of a review: n is the review's version after the save. The
      -- content (the editable fields) is JSON; title and status are copied beside it so that a
      -- list of revisions never reads a body.
      CREATE TABLE review_revisions (
        review_id TEXT NOT NULL,
        n INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        saved_by TEXT NOT NULL,
        title TEXT NOT NULL,
        status TEXT NOT NULL,
        content TEXT NOT NULL,
        PRIMARY KEY (review_id, n)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 11,
    name: 'idempotency keys',
    sql: `
      -- One row per Idempotency-Key of POST /reviews (key: a hash of the user and the header).
      -- response is NULL while the first request runs; expires_at (ISO) ends a pending claim
      -- after a short lease and a completed one after 24 h.
      CREATE TABLE idempotency_keys (
        key TEXT PRIMARY KEY,
        request_hash TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        response TEXT
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
    `,
  },
  {
    version: 14,
    name: 'scheduled reviews',
    sql: `
      -- A review may now be 'scheduled' (published by the job queue at its publishAt, which
      -- lives in data). SQLite cannot change a CHECK constraint in place: rebuild the table.
      CREATE TABLE reviews_scheduled (
        id TEXT PRIMARY KEY,
        slug TEXT NOT NULL,
        author_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
        created_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL
      ) STRICT;
      INSERT INTO reviews_scheduled (id, slug, author_id, status, created_at, version, data)
        SELECT id, slug, author_id, status, created_at, version, data FROM reviews;
      DROP TABLE reviews;
      ALTER TABLE reviews_scheduled RENAME TO reviews;
      CREATE INDEX reviews_by_author ON reviews (author_id, created_at DESC, id DESC);
      CREATE INDEX reviews_by_status ON reviews (status, created_at DESC, id DESC);
    `,
  },
  {
    version: 13,
    name: 'review images',
    sql: `
      -- One row per photo of a review; the record is JSON (variants and EXIF are read whole,
      -- never queried). A write replaces a row only at the next version (see
      -- sqlite-image-store.ts).
      CREATE TABLE review_images (
        review_id TEXT NOT NULL,
        image_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (review_id, image_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 15,
    name: 'redirects of old slugs',
    sql: `
      -- Set on the document of a slug a published review had before an admin changed it: the
      -- slug it moved to (GET /content/{old} answers 301). NULL for every other document.
      ALTER TABLE public_content ADD COLUMN redirect_to TEXT;
    `,
  },
  {
    version: 16,
    name: 'draft preview links',
    sql: `
      -- One row per preview link of a review's draft, keyed by the SHA-256 of its token (the
      -- token itself is never stored). expires_at (ISO) ends it; a revoke deletes the review's
      -- rows, and new links delete a few expired ones.
      CREATE TABLE preview_links (
        token_hash TEXT PRIMARY KEY,
        review_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX preview_links_review ON preview_links (review_id);
      CREATE INDEX preview_links_expiry ON preview_links (expires_at);
    `,
  },
  {
    version: 17,
    name: 'rendered draft previews',
    sql: `
      -- What a review's preview links show, rendered by the content worker (one row per review,
      -- whatever its number of links): the detail JSON of GET /content/{slug}. A revoke deletes
      -- it with the links; keep_until is the latest expiry of the links when it was rendered,
      -- and new links delete a few rows kept past theirs.
      CREATE TABLE preview_renders (
        review_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        json TEXT NOT NULL,
        etag TEXT NOT NULL,
        rendered_at TEXT NOT NULL,
        keep_until TEXT NOT NULL
      ) STRICT;
      CREATE INDEX preview_renders_keep ON preview_renders (keep_until);
    `,
  },
];
