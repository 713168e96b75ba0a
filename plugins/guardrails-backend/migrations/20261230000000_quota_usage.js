// @ts-check

/*
 * ResourceQuota use as each cluster's latest successful read found it (status.hard and status.used per resource),
 * the namespaces read with what each says of itself (environment, component, owner, size, cost centre), and one row
 * per quota resource and day for trends and for telling when a quota crossed its headroom. Quantities are kept as
 * Kubernetes wrote them and as numbers in base units (cores, bytes, counts) for sums.
 */

/**
 * @param {import('knex').Knex.CreateTableBuilder} table
 */
function usageColumns(table) {
  table.string('cluster', 255).notNullable();
  table.string('environment', 255).notNullable();
  table.string('namespace', 255).notNullable();
  table.string('quota', 255).notNullable().comment('ResourceQuota name');
  table
    .string('resource', 255)
    .notNullable()
    .comment('Quota key, e.g. requests.cpu');
  table
    .string('entity_ref', 255)
    .nullable()
    .comment('Full lower-case ref of the component the namespace is for');
  table
    .string('cost_center', 255)
    .nullable()
    .comment('The namespace guardrails.dev/cost-center label');
  table.string('hard', 64).notNullable();
  table.string('used', 64).nullable().comment('Null when status.used lacks it');
  table.double('hard_value').nullable().comment('hard in base units');
  table.double('used_value').nullable().comment('used in base units');
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('guardrail_quota_usage', table => {
    table.comment(
      'ResourceQuota hard and used per resource, replaced at each successful read of its cluster',
    );
    usageColumns(table);
    table.string('observed_at', 30).notNullable();
    table.primary(['cluster', 'namespace', 'quota', 'resource']);
    table.index(['entity_ref'], 'guardrail_quota_usage_entity_idx');
  });
  await knex.schema.createTable('guardrail_quota_namespaces', table => {
    table.comment(
      'The namespaces of each cluster, with or without a quota, as its latest successful read found them',
    );
    table.string('cluster', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('environment', 255).notNullable();
    table
      .string('entity_ref', 255)
      .nullable()
      .comment('Full lower-case ref of the component the namespace is for');
    table.string('owner', 255).nullable().comment('Owner entity ref');
    table
      .string('size', 64)
      .nullable()
      .comment('Provisioned size (annotation guardrails.dev/size)');
    table
      .string('cost_center', 255)
      .nullable()
      .comment('The namespace guardrails.dev/cost-center label');
    table.string('observed_at', 30).notNullable();
    table.primary(['cluster', 'namespace']);
    table.index(['entity_ref'], 'guardrail_quota_namespaces_entity_idx');
  });
  await knex.schema.createTable('guardrail_quota_usage_daily', table => {
    table.comment(
      'ResourceQuota hard and used per resource and day (UTC), as the last successful read of the day found them',
    );
    table.string('date', 10).notNullable().comment('YYYY-MM-DD');
    usageColumns(table);
    table.primary(['date', 'cluster', 'namespace', 'quota', 'resource']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('guardrail_quota_usage_daily');
  await knex.schema.dropTable('guardrail_quota_namespaces');
  await knex.schema.dropTable('guardrail_quota_usage');
};
