// @ts-check

/*
 * The notices the backend sent through Backstage's notifications, one row per unique key. A replica claims a key by
 * writing its row before sending, so the primary key lets one replica, once, send each notice; the state tells a
 * sent notice from one whose send failed or whose sender stopped before it finished, which a later run retries.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('guardrail_notices', table => {
    table.comment('Each notice the backend claimed and sent, by unique key');
    table
      .string('key_hash', 64)
      .primary()
      .comment('SHA-256 of key, hex: keys can be longer than an index allows');
    table
      .text('key')
      .notNullable()
      .comment(
        'kind|entity|guardrail|environment|… : what makes the notice unique',
      );
    table
      .string('kind', 32)
      .notNullable()
      .comment(
        "'upcoming-stage', 'exemption-expiry', 'block-violation' or 'stage-effective'",
      );
    table
      .string('entity_ref', 255)
      .nullable()
      .comment('Full lower-case ref of the component it is about, if one');
    table.string('guardrail', 255).nullable();
    table.string('environment', 255).nullable();
    table
      .string('due_until', 30)
      .nullable()
      .comment(
        'After this instant the notice is never due again (NULL: while its violation lasts)',
      );
    table
      .string('state', 16)
      .notNullable()
      .comment("'claimed', 'sent' or 'failed'");
    table
      .string('claim_id', 64)
      .notNullable()
      .comment('The run that claimed it last');
    table.string('claimed_at', 30).notNullable();
    table.string('sent_at', 30).nullable();
    table.integer('attempts').notNullable();
    table.text('last_error').nullable();
    table.index(['claim_id'], 'guardrail_notices_claim_idx');
    // What the platform page shows as already notified for a stage change.
    table.index(
      ['guardrail', 'environment'],
      'guardrail_notices_guardrail_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('guardrail_notices');
};
