// @ts-check

/*
 * Results by cluster and namespace: re-evaluating a few namespaces of a cluster reads and writes their rows (and
 * the cluster-scoped ones, namespace '') without scanning the cluster's. The primary key starts with
 * (cluster, source), which leaves every row of the cluster's sources to filter.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('guardrail_results', table => {
    table.index(['cluster', 'namespace'], 'guardrail_results_scope_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('guardrail_results', table => {
    table.dropIndex(['cluster', 'namespace'], 'guardrail_results_scope_idx');
  });
};
