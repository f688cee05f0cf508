import type { DocumentClient } from './document-client.js';
import type { PreviewRender, PreviewStore } from '../../ports/preview-store.js';
import { epochSeconds, isKeyPart, PREVIEW_SK_PREFIX, previewRenderKey, reviewKey } from './keys.js';
import { queryAll } from './query-all.js';
import { isConditionalCheckFailed, withDynamoDbErrors } from './translate-dynamodb-error.js';

const WHAT = 'Preview render';

type RenderItem = Omit<PreviewRender, 'reviewId'>;

/** Every attribute named through a placeholder: none of them can collide with a reserved word. */
const NAMES = {
  '#version': 'version',
  '#json': 'json',
  '#etag': 'etag',
  '#renderedAt': 'renderedAt',
  '#keepUntil': 'keepUntil',
};

/**
 * The render side of the preview store on DynamoDB: one `PREVIEW#{reviewId}` / `RENDER` item per
 * review (see `previewRenderKey`), without index attributes, deleted by the table's TTL on
 * `expiresAt` (epoch seconds of `keepUntil`) once no link it was rendered for works. And the
 * latest expiry of a review's links, from their entries in its partition (one Query).
 */
export function createDynamoDbPreviewRenders(
  client: DocumentClient,
  tableName: string,
): Pick<PreviewStore, 'latestExpiry' | 'putRender' | 'getRender' | 'deleteRender'> {
  return {
    latestExpiry(reviewId) {
      return withDynamoDbErrors(WHAT, async () => {
        if (!isKeyPart(reviewId)) return undefined;
        const entries = await queryAll<{ expiresAtIso: string }>(client, {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :preview)',
          ExpressionAttributeValues: {
            ':pk': reviewKey(reviewId).pk,
            ':preview': PREVIEW_SK_PREFIX,
          },
          ProjectionExpression: 'expiresAtIso',
          ConsistentRead: true,
        });
        let latest: string | undefined;
        for (const { expiresAtIso } of entries) {
          if (latest === undefined || expiresAtIso > latest) latest = expiresAtIso;
        }
        return latest;
      });
    },

    putRender(render) {
      return withDynamoDbErrors(WHAT, async () => {
        try {
          await client.put({
            TableName: tableName,
            Item: {
              ...previewRenderKey(render.reviewId),
              version: render.version,
              json: render.json,
              etag: render.etag,
              renderedAt: render.renderedAt,
              keepUntil: render.keepUntil,
              expiresAt: epochSeconds(new Date(render.keepUntil)),
            },
            // None yet, or one of a version no higher than this one.
            ConditionExpression: 'attribute_not_exists(pk) OR #version <= :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': render.version },
          });
          return true;
        } catch (error) {
          if (isConditionalCheckFailed(error)) return false;
          throw error;
        }
      });
    },

    getRender(reviewId) {
      return withDynamoDbErrors(WHAT, async () => {
        if (!isKeyPart(reviewId)) return undefined;
        const found = await client.get({
          TableName: tableName,
          Key: previewRenderKey(reviewId),
          ConsistentRead: true,
          ProjectionExpression: '#version, #json, #etag, #renderedAt, #keepUntil',
          ExpressionAttributeNames: NAMES,
        });
        const item = found.Item as RenderItem | undefined;
        return (
          item && {
            reviewId,
            version: item.version,
            json: item.json,
            etag: item.etag,
            renderedAt: item.renderedAt,
            keepUntil: item.keepUntil,
          }
        );
      });
    },

    deleteRender(reviewId) {
      return withDynamoDbErrors(WHAT, async () => {
        if (!isKeyPart(reviewId)) return;
        await client.delete({ TableName: tableName, Key: previewRenderKey(reviewId) });
      });
    },
  };
}
