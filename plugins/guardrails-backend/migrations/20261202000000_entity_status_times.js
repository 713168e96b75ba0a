// @ts-check

/*
 * When each entity's current status (compliance, level, stage, counts, provisioned namespaces) was first found by an
 * audit. The summary gives that time, not the latest audit's, so an audit that finds the same status again changes
 * nothing in the summary, and the catalog does not rewrite and re-stitch every entity after every audit.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('guardrail_entity_status_times', table => {
    table.comment(
      'When the current summary status of each entity was first found by an audit',
    );
    table
      .string('entity_ref', 255)
      .primary()
      .comment('Full lower-case entity ref, as in the summary');
    table
      .text('status_key')
      .notNullable()
      .comment('The status without its time: equal keys are the same status');
    table
      .string('evaluated_at', 30)
      .notNullable()
      .comment('ISO 8601 time of the audit that first found this status');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('guardrail_entity_status_times');
};
