// deploy/test.sh runs these (node --test) and counts them in its totals.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { render, problemsOf } from "./validate.mjs";

const overlays = join(dirname(fileURLToPath(import.meta.url)), "..", "overlays");

for (const overlay of ["dev", "production", "production-keda"]) {
  test(`the ${overlay} overlay renders and every object validates`, async () => {
    const objects = render(join(overlays, overlay));
    const kinds = new Set(objects.map((o) => o.kind));
    for (const kind of ["Deployment", "Job", "Ingress", "NetworkPolicy", "HorizontalPodAutoscaler",
      "PodDisruptionBudget", "Cluster", "Pooler", "RabbitmqCluster", "User", "Permission"])
      assert.ok(kinds.has(kind), `no ${kind} rendered`);
    if (overlay.endsWith("keda")) assert.ok(kinds.has("ScaledObject"), "no ScaledObject rendered");
    assert.deepEqual(await problemsOf(objects), []);
  });
}

/** The dev overlay with one thing broken by <paramref name="breakIt"/>: its problems. */
async function problemsAfter(breakIt) {
  const objects = render(join(overlays, "dev"));
  breakIt((kind, name) => objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name)));
  return (await problemsOf(objects)).join("\n");
}

test("a broken manifest is refused, each fault named", async () => {
  assert.match(await problemsAfter((find) => { find("Deployment", "cases").spec.replicas = "two"; }),
    /Deployment\/cases: .*spec\/replicas must be integer/);
  assert.match(await problemsAfter((find) => {
    const probe = find("Deployment", "web").spec.template.spec.containers[0];
    probe.readinessProbes = probe.readinessProbe;
  }), /Deployment\/web: spec\.template\.spec\.containers\[0\]\.readinessProbes: unknown field/);
  assert.match(await problemsAfter((find) => { find("Pooler").spec.pgbouncer.poolMode = "statement"; }),
    /Pooler\/fivesoc-pg-pooler-rw: \/spec\/pgbouncer\/poolMode must be equal to one of the allowed values/);
  assert.match(await problemsAfter((find) => { find("RabbitmqCluster").spec.replica = 3; }),
    /RabbitmqCluster\/fivesoc-rabbitmq: \/spec must NOT have additional properties \(replica\)/);
  assert.match(await problemsAfter((find) => { find("Permission").spec.permissions.reed = ".*"; }),
    /Permission\/fivesoc: .*additional properties \(reed\)/);
});

test("a reference to a missing secret or an unpinned image is refused", async () => {
  assert.match(await problemsAfter((find) => {
    find("Deployment", "notifications").spec.template.spec.containers[0].envFrom.push({ secretRef: { name: "fivesoc-nowhere" } });
  }), /Deployment\/notifications: Secret fivesoc-nowhere is not among the rendered objects/);
  assert.match(await problemsAfter((find) => { find("Deployment", "matching").spec.template.spec.containers[0].image = "fivesoc/matching:latest"; }),
    /Deployment\/matching: image fivesoc\/matching:latest is not pinned/);
  assert.match(await problemsAfter((find) => { find("Job").metadata.name = "migrate-cases"; }),
    /Job\/migrate-cases: a migration Job's name must end with the release/);
});

test("every setting a host requires in Production is set in compose and in every overlay", async () => {
  const { composeSettings, overlaySettings, settingProblems, readCompose } = await import("./settings.mjs");
  const compose = readCompose(join(overlays, "..", "..", "..", "docker-compose.yml"));
  const problems = [
    ...settingProblems("docker-compose.yml", composeSettings(compose)),
    ...["dev", "production", "production-keda"].flatMap((o) => settingProblems(`overlays/${o}`, overlaySettings(render(join(overlays, o))))),
  ];
  assert.deepEqual(problems, []);

  // And it can fail: a setting dropped from each is named.
  assert.deepEqual(settingProblems("docker-compose.yml", composeSettings(compose.replace(/^\s+Web__KeysPath:.*$/m, ""))),
    ["docker-compose.yml: web lacks Web__KeysPath"]);
  const production = render(join(overlays, "production"));
  production.find((o) => o.kind === "ExternalSecret" && o.metadata.name === "fivesoc-privacy").spec.data = [];
  assert.deepEqual(settingProblems("overlays/production", overlaySettings(production)),
    ["overlays/production: cases lacks Privacy__HashSecret"]);
});
