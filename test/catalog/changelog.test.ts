import { expandHtmlTable, parseChangelog } from '../../lib/catalog/changelog';

describe('expandHtmlTable', () => {
  it('fills every slot a colspan or rowspan covers', () => {
    const grid = expandHtmlTable(`
      <tr><th>Package</th><th>A</th><th>B</th><th>C</th></tr>
      <tr><td>x</td><td colspan="2">1</td><td colspan="1">2</td></tr>
      <tr><td>y</td><td colspan="3">3</td></tr>`);
    expect(grid).toEqual([
      ['Package', 'A', 'B', 'C'],
      ['x', '1', '1', '2'],
      ['y', '3', '3', '3'],
    ]);
  });

  it('carries rowspan cells down and tolerates unclosed <tr> tags', () => {
    const grid = expandHtmlTable(`
      <tr><th>AMI Names</th><th>Release version</th><th>Included artifacts</th>
      <tr>
      <tr><td>n1</td><td rowspan="3">1.29.10-20241024</td><td rowspan="3">s3://x</td></tr>
      <tr><td>n2</td></tr>
      <tr><td>n3</td></tr>`);
    expect(grid).toEqual([
      ['AMI Names', 'Release version', 'Included artifacts'],
      ['n1', '1.29.10-20241024', 's3://x'],
      ['n2', '1.29.10-20241024', 's3://x'],
      ['n3', '1.29.10-20241024', 's3://x'],
    ]);
  });

  it('places a cell after a rowspan from the row above', () => {
    const grid = expandHtmlTable(`<tr><td rowspan="2">a</td><td>b</td></tr><tr><td>c</td></tr>`);
    expect(grid).toEqual([
      ['a', 'b'],
      ['a', 'c'],
    ]);
  });
});

const AMI_TYPE_FORMAT = `
# AMI Release v20241024
---
<table><tr><th>AMI Type</th><th>Source AMI Name</th></tr><tr><td>AL2_x86_64</td><td>amzn2-ami</td></tr></table>
<details>
<summary><b>Kubernetes 1.29</b></summary>
  <table>
    <tr><th>AMI Names</th><th>Release version</th><th>Included artifacts</th>
    <tr><td>amazon-eks-node-al2023-x86_64-standard-1.29-v20241024</td><td rowspan="3">1.29.8-20241024</td><td rowspan="3">s3://amazon-eks/1.29.8/</td></tr>
    <tr><td>amazon-eks-node-1.29-v20241024</td></tr>
    <tr><td>amazon-eks-gpu-node-1.29-v20241024</td></tr>
  </table>
  <table>
    <tr><th>Package</th><th>AL2_x86_64</th><th>AL2_x86_64_GPU</th></tr>
    <tr><td>containerd</td><td colspan="2">1.7.22-1.amzn2.0.2</td></tr>
    <tr><td>efa</td><td colspan="1">—</td><td colspan="1">2.12.1</td></tr>
  </table>
  <table>
    <tr><th>Package</th><th>AL2023_x86_64_STANDARD</th></tr>
    <tr><td>containerd</td><td colspan="1">1.7.22-1.amzn2023.0.2</td></tr>
  </table>
</details>
`;

const VERSION_FORMAT = `
# AMI Release v20240209
<details>
<summary><b>Kubernetes 1.28</b></summary>
  <table>
    <tr><th>AMI names</th><th>Release version</th><th>Included artifacts</th>
    <tr>
    <tr><td>amazon-eks-node-1.28-v20240209</td><td rowspan="2">1.28.5-20240209</td><td rowspan="2">s3://x</td></tr>
    <tr><td>amazon-eks-arm64-node-1.28-v20240209</td></tr>
  </table>
  <table>
    <tr><th>Package</th><th>Version</th></tr>
    <tr><td>containerd</td><td>1.7.11-1.amzn2.0.1</td></tr>
  </table>
</details>
`;

const MARKDOWN_FORMAT = `
### AMI Release v20231027
* amazon-eks-gpu-node-1.28-v20231027
* amazon-eks-node-1.28-v20231027
* amazon-eks-node-1.27-v20231027

[Release versions](https://docs.aws.amazon.com/eks/latest/userguide/eks-linux-ami-versions.html) for these AMIs:
* \`1.28.2-20231027\`
* \`1.27.6-20231027\`

AMI details:
* \`containerd\`: 1.6.19-1.amzn2.0.5
Notes: replaces amazon-eks-node-1.28-v20231002.

### [Recalled] AMI Release v20230211
* amazon-eks-node-1.24-v20230211
* containerd: 1.6.6-1.amzn2.0.2

### amazon-eks-node-1.11-v20190109 | amazon-eks-node-1.10-v20190109
* abc123 some commit

### eks-worker-v20
* old
`;

describe('parseChangelog', () => {
  it('reads per-AMI-type tables: a row per name, containerd from the type column', () => {
    const { catalog } = parseChangelog(AMI_TYPE_FORMAT, 't');
    expect(catalog.releases).toHaveLength(1);
    expect(catalog.releases[0].format).toBe('html-ami-type');
    expect(catalog.releases[0].rows.map((r) => [r.amiType, r.releaseVersion, r.containerdPackage, r.amiNames[0]])).toEqual([
      ['AL2_x86_64', '1.29.8-20241024', '1.7.22-1.amzn2.0.2', 'amazon-eks-node-1.29-v20241024'],
      ['AL2_x86_64_GPU', '1.29.8-20241024', '1.7.22-1.amzn2.0.2', 'amazon-eks-gpu-node-1.29-v20241024'],
      ['AL2023_x86_64_STANDARD', '1.29.8-20241024', '1.7.22-1.amzn2023.0.2', 'amazon-eks-node-al2023-x86_64-standard-1.29-v20241024'],
    ]);
  });

  it('reads single Version column tables: one containerd for every AMI of the minor', () => {
    const { catalog } = parseChangelog(VERSION_FORMAT, 't');
    expect(catalog.releases[0].format).toBe('html-version');
    expect(catalog.releases[0].rows.map((r) => [r.amiType, r.releaseVersion, r.containerdPackage])).toEqual([
      ['AL2_x86_64', '1.28.5-20240209', '1.7.11-1.amzn2.0.1'],
      ['AL2_ARM_64', '1.28.5-20240209', '1.7.11-1.amzn2.0.1'],
    ]);
  });

  it('reads markdown bullet lists, statuses and 2019 name headings; ignores other releases named in notes', () => {
    const { catalog, notes } = parseChangelog(MARKDOWN_FORMAT, 't');
    expect(catalog.releases.map((r) => [r.release, r.status, r.format, r.rows.length])).toEqual([
      ['v20231027', 'released', 'markdown', 3],
      ['v20230211', 'recalled', 'markdown', 1],
      ['v20190109', 'released', 'markdown', 2],
    ]);
    const [oct] = catalog.releases;
    expect(oct.rows.map((r) => [r.kubernetesVersion, r.amiType, r.releaseVersion, r.containerdPackage])).toEqual([
      ['1.28', 'AL2_x86_64', '1.28.2-20231027', '1.6.19-1.amzn2.0.5'],
      ['1.28', 'AL2_x86_64_GPU', '1.28.2-20231027', '1.6.19-1.amzn2.0.5'],
      ['1.27', 'AL2_x86_64', '1.27.6-20231027', '1.6.19-1.amzn2.0.5'],
    ]);
    expect(catalog.releases[2].rows.every((r) => r.containerdPackage === undefined)).toBe(true);
    expect(notes).toEqual([{ message: "skipped undated section 'eks-worker-v20'" }]);
    expect(catalog.source.newestRelease).toBe('v20231027');
    expect(catalog.source.date).toBe('2023-10-27');
  });
});
