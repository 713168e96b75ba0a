// @ts-check

/*
 * Times are stored as fixed-width ISO 8601 UTC strings (`2026-11-22T10:00:00.000Z`) and days as `YYYY-MM-DD`:
 * they round-trip unchanged on SQLite and PostgreSQL, and compare and sort correctly as text.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('guardrail_results', table => {
    table.comment(
      'The current result of each guardrail on each Kubernetes object, per cluster and source',
    );
    table.string('cluster', 255).notNullable();
    table
      .string('source', 255)
      .notNullable()
      .comment("'audit', 'policyreport:<name>' or 'auto-correct'");
    table.string('guardrail', 255).notNullable();
    table.string('api_version', 255).notNullable();
    table.string('kind', 255).notNullable();
    // '' for cluster-scoped objects: NULLs would never collide in the unique key.
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('environment', 255).notNullable();
    table
      .string('entity_ref', 255)
      .nullable()
      .comment(
        'Full lower-case entity ref; NULL when no component owns the object',
      );
    table.string('owner', 255).nullable();
    table.string('result', 16).notNullable();
    table.string('level', 16).notNullable();
    table.string('severity', 16).notNullable();
    table.string('category', 16).notNullable();
    table.string('title', 255).notNullable();
    table.text('message').nullable().comment('NULL for passing results');
    table
      .text('exemption')
      .nullable()
      .comment('JSON of the exemption that matched');
    table.string('first_seen', 30).notNullable();
    table.string('last_seen', 30).notNullable();

    // The identity of a result; its prefix (cluster, source) is what an audit replaces.
    table.primary([
      'cluster',
      'source',
      'guardrail',
      'api_version',
      'kind',
      'namespace',
      'name',
    ]);
    // The entity report: one entity's rows, violations apart from passing ones without reading the table.
    table.index(['entity_ref', 'result'], 'guardrail_results_entity_idx');
    // The what-if and guardrail views.
    table.index(
      ['guardrail', 'environment', 'result'],
      'guardrail_results_guardrail_idx',
    );
  });

  await knex.schema.createTable('guardrail_cluster_audits', table => {
    table.comment('The last successful and failed audit of each cluster');
    table.string('cluster', 255).primary().notNullable();
    table.string('environment', 255).notNullable();
    table.string('last_success_at', 30).nullable();
    table.string('last_failure_at', 30).nullable();
    table.text('last_error').nullable();
  });

  await knex.schema.createTable('guardrail_daily_counts', table => {
    table.comment(
      'Daily counts of violations per entity, guardrail and environment, for trends',
    );
    table.string('date', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment("'' for objects no component owns");
    table.string('environment', 255).notNullable();
    table.string('guardrail', 255).notNullable();
    table.integer('failing').notNullable();
    table.integer('warning').notNullable();
    table.integer('errors').notNullable();
    table.primary(['entity_ref', 'date', 'environment', 'guardrail']);
    table.index(['date'], 'guardrail_daily_counts_date_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('guardrail_daily_counts');
  await knex.schema.dropTable('guardrail_cluster_audits');
  await knex.schema.dropTable('guardrail_results');
};
