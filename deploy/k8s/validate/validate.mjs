// Renders a Kustomize overlay and lists what is wrong with its objects: each object against its
// kind's schema (Kubernetes kinds from npm packages, the operators' kinds from their vendored
// CRDs), unknown fields refused as the API server refuses them, and what no schema sees:
// references that resolve, and one release for every image and migration Job.
//
//   node validate.mjs <kustomization folder | rendered YAML file>   (exit code 1 on any problem)
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments, parse } from "yaml";
import Ajv from "ajv";
// The generated models only: the package's entry point loads an HTTP client this Node cannot run.
import * as clientNode from "@kubernetes/client-node/dist/gen/models/all.js";

const here = dirname(fileURLToPath(import.meta.url));

/** The overlay rendered by kubectl's built-in Kustomize, as plain objects. */
export function render(folder) {
  const yaml = execFileSync("kubectl", ["kustomize", folder], { encoding: "utf8", maxBuffer: 64 << 20 });
  return parseObjects(yaml);
}

export function parseObjects(yaml) {
  return parseAllDocuments(yaml).map((document) => {
    if (document.errors.length > 0) throw new Error(document.errors.map(String).join("; "));
    return document.toJSON();
  }).filter((object) => object != null);
}

const name = (object) => `${object.kind}/${object.metadata?.name}`;

// ---- the operators' kinds: each CRD's openAPIV3Schema, closed where the API server prunes ----

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const crdValidators = new Map();
for (const file of readdirSync(join(here, "crds")).filter((f) => f.endsWith(".yaml"))) {
  const crd = parse(readFileSync(join(here, "crds", file), "utf8"));
  for (const version of crd.spec.versions) {
    const schema = closed(structuredClone(version.schema.openAPIV3Schema));
    // metadata is the API server's, checked below with the Kubernetes kinds' ObjectMeta.
    if (schema.properties?.metadata) schema.properties.metadata = { type: "object" };
    crdValidators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(schema));
  }
}

/** A structural schema's objects keep only the fields they declare: the rest is refused. */
function closed(schema) {
  if (schema == null || typeof schema !== "object") return schema;
  if (schema.properties && schema.additionalProperties === undefined && !schema["x-kubernetes-preserve-unknown-fields"])
    schema.additionalProperties = false;
  for (const key of ["properties", "patternProperties", "definitions"])
    for (const child of Object.values(schema[key] ?? {})) closed(child);
  for (const key of ["items", "additionalProperties", "not"]) if (typeof schema[key] === "object") closed(schema[key]);
  for (const key of ["allOf", "anyOf", "oneOf"]) for (const child of schema[key] ?? []) closed(child);
  return schema;
}

// ---- the Kubernetes kinds ----

// The packages holding the schemas of kinds that other operators add.
const modelPackages = {
  "external-secrets.io": "@kubernetes-models/external-secrets",
  "keda.sh": "@kubernetes-models/keda",
};

async function kubernetesModel(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const path = group === "" ? `kubernetes-models/${version}/${kind}`
    : `${modelPackages[group] ?? "kubernetes-models"}/${group}/${version}/${kind}`;
  try {
    return (await import(path))[kind] ?? null;
  } catch {
    return null;
  }
}

/** The fields each Kubernetes kind has, from @kubernetes/client-node's generated models. */
function unknownFields(value, type, path, problems) {
  if (value == null || typeof value !== "object") return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (Array.isArray(value)) value.forEach((item, i) => unknownFields(item, array[1], `${path}[${i}]`, problems));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    for (const [key, item] of Object.entries(value)) unknownFields(item, map[1], `${path}.${key}`, problems);
    return;
  }
  const model = clientNode[type];
  if (typeof model?.getAttributeTypeMap !== "function") return;
  const attributes = new Map(model.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
  for (const [key, item] of Object.entries(value)) {
    if (!attributes.has(key)) problems.push(`${path}.${key}: unknown field`);
    else unknownFields(item, attributes.get(key), `${path}.${key}`, problems);
  }
}

function clientNodeType(apiVersion, kind) {
  const version = apiVersion.split("/").pop();
  const type = version[0].toUpperCase() + version.slice(1) + kind;
  return typeof clientNode[type]?.getAttributeTypeMap === "function" ? type : null;
}

const { ObjectMeta } = await import("@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta");

/** Every problem of every object, each naming the object and the field. */
export async function problemsOf(objects) {
  const problems = [];
  for (const object of objects) {
    const at = name(object);
    if (!object.apiVersion || !object.kind) { problems.push(`${at}: no apiVersion or kind`); continue; }
    const crd = crdValidators.get(`${object.apiVersion}/${object.kind}`);
    if (crd) {
      if (!crd(object)) for (const e of crd.errors) problems.push(`${at}: ${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`);
      try { new ObjectMeta(object.metadata).validate(); } catch (e) { problems.push(`${at}: metadata: ${e.message}`); }
      continue;
    }
    const Model = await kubernetesModel(object.apiVersion, object.kind);
    if (!Model) { problems.push(`${at}: no schema known for ${object.apiVersion} ${object.kind}`); continue; }
    try { new Model(object).validate(); } catch (e) { problems.push(`${at}: ${e.message}`); }
    const type = clientNodeType(object.apiVersion, object.kind);
    if (type) {
      const unknown = [];
      unknownFields(object, type, "", unknown);
      problems.push(...unknown.map((p) => `${at}: ${p.slice(1)}`));
    }
  }
  return [...problems, ...referenceProblems(objects), ...releaseProblems(objects)];
}

// ---- what no schema sees ----

function podSpecs(objects) {
  return objects.flatMap((o) =>
    o.kind === "Deployment" || o.kind === "Job" ? [{ owner: o, spec: o.spec?.template?.spec ?? {} }] : []);
}

function referenceProblems(objects) {
  const problems = [];
  const named = (kind) => new Set(objects.filter((o) => o.kind === kind).map((o) => o.metadata.name));
  const configMaps = named("ConfigMap");
  const secrets = new Set([...named("Secret"),
    ...objects.filter((o) => o.kind === "ExternalSecret").map((o) => o.spec?.target?.name ?? o.metadata.name)]);
  const claims = named("PersistentVolumeClaim");
  const need = (set, kind, ref, at, optional) => {
    if (ref && !optional && !set.has(ref)) problems.push(`${at}: ${kind} ${ref} is not among the rendered objects`);
  };
  for (const { owner, spec } of podSpecs(objects)) {
    const at = name(owner);
    for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      for (const from of container.envFrom ?? []) {
        need(configMaps, "ConfigMap", from.configMapRef?.name, at, from.configMapRef?.optional);
        need(secrets, "Secret", from.secretRef?.name, at, from.secretRef?.optional);
      }
      for (const env of container.env ?? []) {
        need(configMaps, "ConfigMap", env.valueFrom?.configMapKeyRef?.name, at, env.valueFrom?.configMapKeyRef?.optional);
        need(secrets, "Secret", env.valueFrom?.secretKeyRef?.name, at, env.valueFrom?.secretKeyRef?.optional);
      }
    }
    for (const volume of spec.volumes ?? []) need(claims, "PersistentVolumeClaim", volume.persistentVolumeClaim?.claimName, at, false);
  }
  for (const o of objects) {
    const at = name(o);
    if (o.kind === "Cluster") need(secrets, "Secret", o.spec?.bootstrap?.initdb?.secret?.name, at, false);
    if (o.kind === "User") need(secrets, "Secret", o.spec?.importCredentialsSecret?.name, at, false);
    if (o.kind === "Service" && o.spec?.selector) {
      const matches = podSpecs(objects).some(({ owner }) => owner.kind === "Deployment"
        && Object.entries(o.spec.selector).every(([k, v]) => owner.spec.template.metadata?.labels?.[k] === v));
      if (!matches) problems.push(`${at}: its selector matches no Deployment's pods`);
    }
    if (o.kind === "HorizontalPodAutoscaler" || o.kind === "PodDisruptionBudget") {
      const target = o.kind === "HorizontalPodAutoscaler"
        ? objects.find((d) => d.kind === o.spec.scaleTargetRef.kind && d.metadata.name === o.spec.scaleTargetRef.name)
        : objects.find((d) => d.kind === "Deployment" && Object.entries(o.spec.selector?.matchLabels ?? {})
            .every(([k, v]) => d.spec.template.metadata?.labels?.[k] === v));
      if (!target) problems.push(`${at}: its target is not among the rendered objects`);
    }
    if (o.kind === "Ingress")
      for (const rule of o.spec?.rules ?? [])
        for (const path of rule.http?.paths ?? [])
          need(named("Service"), "Service", path.backend?.service?.name, at, false);
  }
  return problems;
}

/** One release: every FiveSocieties image pinned to the same tag, and the migration Jobs named after it. */
function releaseProblems(objects) {
  const problems = [];
  const tags = new Set();
  for (const { owner, spec } of podSpecs(objects)) {
    for (const container of spec.containers ?? []) {
      const image = container.image ?? "";
      const tag = /^[^@]+:([^:/@]+)$/.exec(image)?.[1];
      if (!tag || tag === "latest") problems.push(`${name(owner)}: image ${image} is not pinned to a release tag`);
      else if (/\/fivesoc\//.test(`/${image}`)) tags.add(tag);
    }
  }
  if (tags.size > 1) problems.push(`the FiveSocieties images carry different releases: ${[...tags].join(", ")}`);
  const release = [...tags][0]?.replaceAll(".", "-");
  for (const job of objects.filter((o) => o.kind === "Job"))
    if (release && !job.metadata.name.endsWith(`-${release}`))
      problems.push(`${name(job)}: a migration Job's name must end with the release (-${release})`);
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = process.argv[2];
  if (!target) { console.error("usage: node validate.mjs <kustomization folder | rendered YAML file>"); process.exit(2); }
  const objects = statSync(target).isDirectory() ? render(target) : parseObjects(readFileSync(target, "utf8"));
  const problems = await problemsOf(objects);
  for (const problem of problems) console.log(problem);
  console.log(`${objects.length} objects, ${problems.length} problems`);
  process.exit(problems.length === 0 ? 0 : 1);
}
