// The settings each host cannot go without in Production, and a check that docker-compose.yml and
// every Kubernetes overlay set them. A host missing one starts with a wrong default or not at all.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

const services = [
  // LocalDefaults (BuildingBlocks/Configuration/ServiceIdentity.cs) point at this machine's own
  // PostgreSQL and RabbitMQ on 127.0.0.1: nothing is there inside a container.
  "ConnectionStrings__Postgres",
  "ConnectionStrings__RabbitMq",
  // AuthSetup.AddStationAuth refuses to start in Production without an OpenID Connect authority.
  "Auth__Authority",
];

export const requiredInProduction = {
  // PrivacySettings' default is the public development hash secret; KeyStoreSetup.AddKeyStore
  // refuses the local key store's role and password.
  cases: [...services, "Privacy__HashSecret", "ConnectionStrings__Keys"],
  matching: services,
  volunteers: [...services, "ConnectionStrings__Keys"],
  notifications: services,
  web: [
    // SessionSetup.AddSessions refuses to start in Production without both.
    "Auth__Authority",
    "Web__Oidc__ClientId",
    // ServiceAddresses' defaults are 127.0.0.1:5101-5104.
    "Web__Services__Cases", "Web__Services__Matching", "Web__Services__Volunteers", "Web__Services__Notifications",
    // Without it the cookie's keys stay in the container: sessions die with it and no replica shares them.
    "Web__KeysPath",
  ],
};

/** The settings a rendered overlay gives each Deployment's first container, by Deployment name. */
export function overlaySettings(objects) {
  const data = (kind, secretKeys) => new Map(objects.filter((o) => o.kind === kind)
    .map((o) => [o.metadata.name, secretKeys(o)]));
  const configMaps = data("ConfigMap", (o) => Object.entries(o.data ?? {}).filter(([, v]) => v !== "").map(([k]) => k));
  const secrets = new Map([
    ...data("Secret", (o) => Object.keys({ ...o.data, ...o.stringData })),
    ...objects.filter((o) => o.kind === "ExternalSecret")
      .map((o) => [o.spec?.target?.name ?? o.metadata.name, (o.spec?.data ?? []).map((d) => d.secretKey)]),
  ]);
  const settings = new Map();
  for (const deployment of objects.filter((o) => o.kind === "Deployment")) {
    const container = deployment.spec.template.spec.containers[0];
    const keys = new Set((container.env ?? []).map((e) => e.name));
    for (const from of container.envFrom ?? []) {
      for (const key of configMaps.get(from.configMapRef?.name) ?? []) keys.add(key);
      for (const key of secrets.get(from.secretRef?.name) ?? []) keys.add(key);
    }
    settings.set(deployment.metadata.name, keys);
  }
  return settings;
}

/** The settings docker-compose.yml gives each service (anchors and merge keys resolved). */
export function composeSettings(text) {
  const compose = parse(text, { merge: true });
  return new Map(Object.entries(compose.services ?? {}).map(([service, definition]) => {
    const environment = definition.environment ?? {};
    const keys = Array.isArray(environment) ? environment.map((e) => String(e).split("=")[0]) : Object.keys(environment);
    return [service, new Set(keys.filter((k) => k !== "<<"))];
  }));
}

export function settingProblems(where, settings) {
  const problems = [];
  for (const [host, keys] of Object.entries(requiredInProduction)) {
    const given = settings.get(host);
    if (!given) { problems.push(`${where}: no ${host}`); continue; }
    for (const key of keys) if (!given.has(key)) problems.push(`${where}: ${host} lacks ${key}`);
  }
  return problems;
}

export const readCompose = (path) => readFileSync(path, "utf8");
