import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** The steps of the examples that use `actionId`, named for test titles. */
export function exampleSteps(
  examples: TemplateExample[],
  actionId: string,
): Array<[string, Record<string, any>]> {
  return examples.flatMap(example =>
    (yaml.parse(example.example).steps as Array<Record<string, any>>)
      .filter(step => step.action === actionId)
      .map(
        step =>
          [`${example.description} (${step.name})`, step.input] as [
            string,
            Record<string, any>,
          ],
      ),
  );
}
