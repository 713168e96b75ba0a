// @ts-check

/*
 * Clusters shared by backend replicas: each replica writes a heartbeat, and holds a lease on the clusters it
 * watches, renewed while it lives. A lease or heartbeat older than the time to live is expired, so the clusters of
 * a replica that died pass to the others. Times are ISO 8601 text, like the other tables'.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('guardrail_cluster_leases', table => {
    table.comment(
      'Which backend replica watches each cluster, until when unless it renews',
    );
    table.string('cluster', 255).primary();
    table
      .string('holder', 255)
      .notNullable()
      .comment('Replica id of the backend process holding the lease');
    table
      .string('expires_at', 30)
      .notNullable()
      .comment('The lease is free for others from this instant');
    table
      .string('acquired_at', 30)
      .notNullable()
      .comment('When the holder took the lease (renewals keep it)');
    table.index(['holder'], 'guardrail_cluster_leases_holder_idx');
  });

  await knex.schema.createTable('guardrail_replica_heartbeats', table => {
    table.comment(
      'The backend replicas sharing the clusters, each with its last heartbeat',
    );
    table
      .string('replica_id', 255)
      .primary()
      .comment('Unique per backend process');
    table
      .string('seen_at', 30)
      .notNullable()
      .comment('Last heartbeat; the replica is live while it is recent');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('guardrail_replica_heartbeats');
  await knex.schema.dropTable('guardrail_cluster_leases');
};
