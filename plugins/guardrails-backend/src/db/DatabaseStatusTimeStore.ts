import { Knex } from 'knex';
import { insertInChunks, MAX_ROWS_PER_STATEMENT } from './chunks';
import type { StatusTimeStore } from './GuardrailsStore';
import {
  ENTITY_STATUS_TIMES_TABLE,
  EntityStatusTimeRow,
  normalizeRef,
} from './rows';
import { toTimestamp } from './timestamps';
import type { EntityStatusTime } from './types';

/** The entity status times table: one row per entity with a current status. */
export class DatabaseStatusTimeStore implements StatusTimeStore {
  constructor(private readonly db: Knex) {}

  async entityStatusTimes(): Promise<Map<string, EntityStatusTime>> {
    const rows = await this.db<EntityStatusTimeRow>(
      ENTITY_STATUS_TIMES_TABLE,
    ).select();
    return new Map(
      rows.map(row => [
        row.entity_ref,
        {
          entityRef: row.entity_ref,
          key: row.status_key,
          evaluatedAt: row.evaluated_at,
        },
      ]),
    );
  }

  async recordEntityStatusTimes(
    statuses: EntityStatusTime[],
  ): Promise<Map<string, EntityStatusTime>> {
    const incoming = new Map(
      statuses.map(status => {
        const entityRef = normalizeRef(status.entityRef);
        return [
          entityRef,
          {
            entityRef,
            key: status.key,
            evaluatedAt: toTimestamp(
              new Date(status.evaluatedAt),
              'evaluatedAt',
            ),
          },
        ];
      }),
    );
    return this.db.transaction(async trx => {
      const stored = new Map(
        (
          await trx<EntityStatusTimeRow>(ENTITY_STATUS_TIMES_TABLE).select()
        ).map(row => [row.entity_ref, row]),
      );
      const recorded = new Map<string, EntityStatusTime>();
      const toDelete: string[] = [];
      const toInsert: EntityStatusTimeRow[] = [];
      for (const [entityRef, status] of incoming) {
        const previous = stored.get(entityRef);
        stored.delete(entityRef);
        if (previous?.status_key === status.key) {
          recorded.set(entityRef, {
            ...status,
            evaluatedAt: previous.evaluated_at,
          });
          continue;
        }
        if (previous) toDelete.push(entityRef);
        toInsert.push({
          entity_ref: entityRef,
          status_key: status.key,
          evaluated_at: status.evaluatedAt,
        });
        recorded.set(entityRef, status);
      }
      toDelete.push(...stored.keys());
      for (let i = 0; i < toDelete.length; i += MAX_ROWS_PER_STATEMENT) {
        await trx(ENTITY_STATUS_TIMES_TABLE)
          .whereIn('entity_ref', toDelete.slice(i, i + MAX_ROWS_PER_STATEMENT))
          .delete();
      }
      await insertInChunks(trx, ENTITY_STATUS_TIMES_TABLE, toInsert);
      return recorded;
    });
  }
}
