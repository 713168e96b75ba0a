import { thrownBy } from '../__testing__/files';
import {
  LocatedManifest,
  ManifestError,
  parseManifests,
  YAML_LIMITS,
} from '../index';

const summary = (manifests: LocatedManifest[]) =>
  manifests.map(
    ({ object, location }) =>
      `${object.apiVersion} ${object.kind} ${object.metadata?.name} @ ${
        location.documentIndex
      }${location.itemIndex !== undefined ? `[${location.itemIndex}]` : ''}:${
        location.line
      }`,
  );

function errorOf(text: string, file = 'k8s/app.yaml'): ManifestError {
  const error = thrownBy(() => parseManifests(file, text));
  expect(error).toBeInstanceOf(ManifestError);
  return error as ManifestError;
}

describe('parseManifests', () => {
  it('reads every document of a file, skipping empty ones, with the line each object starts at', () => {
    const text = [
      '---',
      'apiVersion: v1',
      'kind: Namespace',
      'metadata: { name: shop }',
      '---',
      '# nothing here',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: web, namespace: shop }',
      '---',
      '',
    ].join('\n');
    expect(summary(parseManifests('k8s/app.yaml', text))).toEqual([
      'v1 Namespace shop @ 0:2',
      'apps/v1 Deployment web @ 2:8',
    ]);
  });

  it('expands a v1 List into its items, each located at its own line', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: v1',
      '    kind: ConfigMap',
      '    metadata: { name: a }',
      '  - { apiVersion: apps/v1, kind: Deployment, metadata: { name: b } }',
    ].join('\n');
    const manifests = parseManifests('list.yaml', text);
    expect(summary(manifests)).toEqual([
      'v1 ConfigMap a @ 0[0]:4',
      'apps/v1 Deployment b @ 0[1]:7',
    ]);
    expect(manifests[0].location).toEqual({
      file: 'list.yaml',
      documentIndex: 0,
      itemIndex: 0,
      line: 4,
    });
  });

  it('expands any *List kind, giving items without kind and apiVersion those of the list, as kubectl does', () => {
    const text = JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'DeploymentList',
      metadata: { resourceVersion: '42' },
      items: [
        { metadata: { name: 'bare' } },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'own' },
        },
      ],
    });
    expect(summary(parseManifests('list.json', text))).toEqual([
      'apps/v1 Deployment bare @ 0[0]:1',
      'apps/v1 Deployment own @ 0[1]:1',
    ]);
  });

  it('leaves an item that has only one of kind and apiVersion as it is', () => {
    const text =
      'apiVersion: apps/v1\nkind: DeploymentList\nitems:\n  - { kind: Deployment, metadata: { name: half } }\n';
    expect(errorOf(text).message).toBe(
      'k8s/app.yaml: document 1, item 1, line 4: not a Kubernetes object: it has no apiVersion',
    );
  });

  it('does not expand a kind that is not a list, nor a list without items', () => {
    const text = [
      'apiVersion: example.com/v1',
      'kind: Playlist',
      'metadata: { name: songs }',
      'items: [a, b]',
      '---',
      'apiVersion: v1',
      'kind: List',
      'metadata: { name: empty }',
    ].join('\n');
    expect(summary(parseManifests('k8s/app.yaml', text))).toEqual([
      'example.com/v1 Playlist songs @ 0:1',
      'v1 List empty @ 1:6',
    ]);
  });

  it('reads a document that is an array of objects', () => {
    const text =
      '- { apiVersion: v1, kind: ConfigMap, metadata: { name: a } }\n- { apiVersion: v1, kind: ConfigMap, metadata: { name: b } }\n';
    expect(summary(parseManifests('k8s/app.yaml', text))).toEqual([
      'v1 ConfigMap a @ 0[0]:1',
      'v1 ConfigMap b @ 0[1]:2',
    ]);
  });

  it('accepts generateName in place of a name', () => {
    const text =
      'apiVersion: batch/v1\nkind: Job\nmetadata: { generateName: migrate- }\n';
    expect(parseManifests('job.yaml', text)).toHaveLength(1);
  });

  it.each([
    [
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: fine }\n---\napiVersion: v1\nmetadata: { name: kindless }\n',
      'k8s/app.yaml: document 2, line 5: not a Kubernetes object: it has no kind',
    ],
    [
      'kind: Pod\n',
      'k8s/app.yaml: document 1, line 1: not a Kubernetes object: it has no apiVersion, metadata.name',
    ],
    [
      'just a string\n',
      'k8s/app.yaml: document 1, line 1: not a Kubernetes object: it is a string, not an object',
    ],
    [
      'apiVersion: v1\nkind: Pod\nmetadata: [a]\n',
      'k8s/app.yaml: document 1, line 1: not a Kubernetes object: it has a metadata field that is not a mapping',
    ],
    [
      'apiVersion: v1\nkind: List\nitems:\n  - { apiVersion: v1, kind: ConfigMap, metadata: { name: a } }\n  - 42\n',
      'k8s/app.yaml: document 1, item 2, line 5: not a Kubernetes object: it is a number, not an object',
    ],
  ])(
    'names the file, document and line of what is not an object: %j',
    (text, message) => {
      expect(errorOf(text).message).toBe(message);
    },
  );

  it('names the file, document and line of a YAML syntax error', () => {
    const error = errorOf(
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: fine }\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: broken\n  labels: { team: [unclosed }\n',
      'broken.yaml',
    );
    expect(error.location).toEqual({
      file: 'broken.yaml',
      documentIndex: 1,
      line: 9,
    });
    expect(error.reason).toMatch(/^YAML syntax error: \S/);
    expect(error.message).toMatch(
      /^broken\.yaml: document 2, line 9: YAML syntax error: \S.*[^:]$/,
    );
  });

  it('reports a duplicate key as a syntax error', () => {
    expect(
      errorOf(
        'apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: { name: a }\n',
      ).message,
    ).toMatch(
      /^k8s\/app\.yaml: document 1, line 3: YAML syntax error: .*unique/,
    );
  });

  it('names the document and line of what YAML cannot turn into data', () => {
    // An alias to no anchor; an alias bomb takes the same way (see the CLI's untrusted input tests).
    expect(
      errorOf(
        '---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\ndata: { b: *nowhere }\n',
      ).message,
    ).toBe(
      'k8s/app.yaml: document 1, line 2: cannot read document: Unresolved alias (the anchor must be set before the alias): nowhere',
    );
  });

  it('refuses a text over the size limit, naming the file and the limit', () => {
    const big = `# ${'x'.repeat(YAML_LIMITS.maxFileBytes)}\n`;
    const error = errorOf(big, 'huge.yaml');
    expect(error.location).toBeUndefined();
    expect(error.message).toBe(
      `huge.yaml is ${big.length} bytes, over the limit of 4 MiB (4194304 bytes) for one YAML file`,
    );
  });
});
