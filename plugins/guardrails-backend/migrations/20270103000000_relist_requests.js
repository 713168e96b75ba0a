// @ts-check

/*
 * "Run audit now" with the watching audit: the replica that gets the request records it here, and every replica
 * lists the clusters it watches again when it sees a newer request at its next lease tick.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('guardrail_relist_requests', table => {
    table.comment(
      'The latest request to list every watched cluster again (one row)',
    );
    table.integer('id').primary().comment('Always 1');
    table
      .string('requested_at', 30)
      .notNullable()
      .comment('When the latest request was made, ISO 8601');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('guardrail_relist_requests');
};
