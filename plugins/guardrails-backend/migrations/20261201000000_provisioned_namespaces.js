// @ts-check

/*
 * The namespaces the suite provisioned, as each cluster's latest successful audit found them: what links a component
 * to its namespace Resource entities in the catalog (`dependsOn`). Replaced per cluster together with its results, so
 * a cluster that cannot be read keeps the namespaces of its last successful audit.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('guardrail_provisioned_namespaces', table => {
    table.comment(
      'Namespaces provisioned by the suite, per cluster, with the component they were provisioned for',
    );
    table.string('cluster', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table
      .string('environment', 255)
      .notNullable()
      .comment(
        "The namespace's guardrails.dev/environment label, else its cluster's environment",
      );
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment(
        'Full lower-case ref of the component (annotation guardrails.dev/entity-ref)',
      );
    table.string('last_seen', 30).notNullable();
    table.primary(['cluster', 'namespace']);
    table.index(['entity_ref'], 'guardrail_provisioned_namespaces_entity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('guardrail_provisioned_namespaces');
};
