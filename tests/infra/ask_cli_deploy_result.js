// Runs ask-cli's own project handling, with no account and no network, on a copy of infra/:
// the resources and states files as its ResourcesConfig reads them, and the step of `ask deploy`
// that writes the infrastructure's output into skill.json (only the re-upload is stubbed).
// Usage: node ask_cli_deploy_result.js <project dir> <node_modules dir> <endpoint ARN> <out.json>
"use strict";
const fs = require("fs");
const path = require("path");
const [project, nodeModules, arn, outFile] = process.argv.slice(2);
const lib = path.join(nodeModules, "ask-cli", "dist", "lib");
process.chdir(project);
const ResourcesConfig = require(path.join(lib, "model", "resources-config"));
const Manifest = require(path.join(lib, "model", "manifest"));
const Controller = require(path.join(lib, "controllers", "skill-infrastructure-controller"));
const profile = "default";
new ResourcesConfig(path.join(project, "ask-resources.json"));
const rc = ResourcesConfig.getInstance();
const before = {
  skillId: rc.getSkillId(profile) || null,
  deployState: rc.getSkillInfraDeployState(profile, rc.getSkillInfraType(profile)) || null,
  codeBuild: rc.getCodeBuildByRegion(profile, "default"),
  targetEndpoints: rc.getTargetEndpoints(profile),
  userConfig: rc.getSkillInfraUserConfig(profile),
};
new Manifest(path.join(project, rc.getSkillMetaSrc(profile), "skill.json"));
const controller = new Controller({ profile, doDebug: false });
controller._ensureSkillManifestGotUpdated = (callback) => callback();
controller.updateSkillManifestWithDeployResult({ default: { endpoint: { uri: arn } } }, (err) => {
  const manifest = JSON.parse(fs.readFileSync(path.join(project, rc.getSkillMetaSrc(profile), "skill.json"), "utf-8"));
  fs.writeFileSync(outFile, JSON.stringify({ error: err ? String(err) : null, before, manifest }));
});
