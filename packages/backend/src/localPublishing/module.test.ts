import { scaffolderActionsOf } from '../__testUtils__/scaffolderActions';
import localPublishing from '.';

describe('scaffolderModuleLocalPublishing', () => {
  it('registers guardrails:publish:local, with dry run and examples, off until configured', async () => {
    const actions = await scaffolderActionsOf([localPublishing], {});
    expect(actions.map(a => [a.id, a.supportsDryRun])).toEqual([
      ['guardrails:publish:local', true],
    ]);
    expect(actions[0].examples.length).toBeGreaterThan(0);
  });

  it('refuses an empty publish directory at startup', async () => {
    await expect(
      scaffolderActionsOf([localPublishing], {
        guardrails: { scaffolder: { publishDirectory: ' ' } },
      }),
    ).rejects.toThrow(/guardrails.scaffolder.publishDirectory is empty/);
  });
});
