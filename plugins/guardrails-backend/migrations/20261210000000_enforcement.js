// @ts-check

/*
 * Admission enforcement: what the sync applied to each cluster (to tell a stage change from a hand edit), the
 * result of each cluster's last sync, a log of the changes it made, and the environments whose enforcement is
 * paused. Kept in the database so every backend replica shows and does the same.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('guardrail_enforcement_objects', table => {
    table.comment(
      'Each admission policy and binding as the sync last applied it to a cluster',
    );
    table.string('cluster', 255).notNullable();
    table
      .string('object_key', 512)
      .notNullable()
      .comment('<kind>/<name> of the cluster-scoped object');
    table
      .text('object_json')
      .notNullable()
      .comment('The object as applied (the fields the suite sets)');
    table.string('applied_at', 30).notNullable();
    table.primary(['cluster', 'object_key']);
  });

  await knex.schema.createTable('guardrail_enforcement_syncs', table => {
    table.comment('The last admission sync of each cluster');
    table.string('cluster', 255).primary();
    table.string('synced_at', 30).notNullable();
    table.string('result', 16).notNullable().comment("'ok' or 'failed'");
    table
      .text('reason')
      .nullable()
      .comment('Why it failed, without cluster addresses');
    table
      .text('changes_json')
      .notNullable()
      .comment('JSON list of the changes the sync made');
    table
      .text('drift_json')
      .notNullable()
      .comment('JSON list of objects it found edited or deleted by others');
  });

  await knex.schema.createTable('guardrail_enforcement_changes', table => {
    table.comment('Recent changes admission syncs made, per cluster');
    table.increments('id');
    table.string('cluster', 255).notNullable();
    table.string('changed_at', 30).notNullable();
    table.string('kind', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('guardrail', 255).nullable();
    table.string('environment', 255).nullable();
    table
      .string('change', 16)
      .notNullable()
      .comment("'create', 'update' or 'delete'");
    table
      .string('drift', 16)
      .nullable()
      .comment("'edited' or 'deleted' when it restored someone else's change");
    table.text('old_actions').nullable().comment('JSON list');
    table.text('new_actions').nullable().comment('JSON list');
    table.index(['cluster', 'id'], 'guardrail_enforcement_changes_cluster_idx');
  });

  await knex.schema.createTable('guardrail_enforcement_pauses', table => {
    table.comment('Environments whose admission enforcement is paused');
    table.string('environment', 255).primary();
    table.string('paused_at', 30).notNullable();
    table
      .string('paused_by', 255)
      .notNullable()
      .comment('Entity ref of the user, or the service, that paused it');
    table.text('reason').nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('guardrail_enforcement_pauses');
  await knex.schema.dropTable('guardrail_enforcement_changes');
  await knex.schema.dropTable('guardrail_enforcement_syncs');
  await knex.schema.dropTable('guardrail_enforcement_objects');
};
