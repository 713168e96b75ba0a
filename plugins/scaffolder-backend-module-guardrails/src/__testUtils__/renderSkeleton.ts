import fs from 'node:fs';
import path from 'node:path';

/** The guarded-service template's Kubernetes manifests. */
export const SKELETON_K8S_DIR = path.resolve(
  __dirname,
  '../../../../templates/guarded-service/skeleton/k8s',
);

/**
 * Renders `${{ values.x }}` placeholders, with `replace("a", "b")` filters, the way the
 * template's fetch:template step does for these files.
 */
export function renderTemplateText(
  text: string,
  values: Record<string, string>,
): string {
  return text.replace(
    /\$\{\{\s*values\.(\w+)((?:\s*\|\s*replace\("[^"]*",\s*"[^"]*"\))*)\s*\}\}/g,
    (_match, name: string, filters: string) => {
      if (!(name in values)) {
        throw new Error(`no value for ${name}`);
      }
      let value = values[name];
      for (const [, from, to] of filters.matchAll(
        /replace\("([^"]*)",\s*"([^"]*)"\)/g,
      )) {
        value = value.split(from).join(to);
      }
      return value;
    },
  );
}

/** Writes the rendered skeleton manifests to `<workspace>/k8s`. */
export function renderSkeletonInto(
  workspace: string,
  values: Record<string, string>,
): string[] {
  const target = path.join(workspace, 'k8s');
  fs.mkdirSync(target, { recursive: true });
  return fs.readdirSync(SKELETON_K8S_DIR).map(file => {
    const text = renderTemplateText(
      fs.readFileSync(path.join(SKELETON_K8S_DIR, file), 'utf8'),
      values,
    );
    if (text.includes('${{')) {
      throw new Error(`${file} has a placeholder the test does not render`);
    }
    fs.writeFileSync(path.join(target, file), text);
    return `k8s/${file}`;
  });
}
