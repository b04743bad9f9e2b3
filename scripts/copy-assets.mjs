// Copies the browser files of our npm dependencies (not axe-core: the browser tests read it from node_modules) into the web app's wwwroot/lib (served locally, no CDN).
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const lib = join(root, "src", "Passerelle.Web", "wwwroot", "lib");
const copies = [
  ["node_modules/@gouvfr/dsfr/dist/dsfr.min.css", "dsfr/dsfr.min.css"],
  ["node_modules/@gouvfr/dsfr/dist/dsfr.module.min.js", "dsfr/dsfr.module.min.js"],
  ["node_modules/@gouvfr/dsfr/dist/dsfr.nomodule.min.js", "dsfr/dsfr.nomodule.min.js"],
  ["node_modules/@gouvfr/dsfr/dist/utility/icons", "dsfr/utility/icons"],
  ["node_modules/@gouvfr/dsfr/dist/icons", "dsfr/icons"],
  ["node_modules/@gouvfr/dsfr/dist/fonts", "dsfr/fonts"],
  ["node_modules/@gouvfr/dsfr/dist/favicon", "dsfr/favicon"],
  ["node_modules/htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"],
  ["node_modules/chart.js/dist/chart.umd.min.js", "chartjs/chart.umd.min.js"], // MIT (bundles @kurkle/color, MIT)
  ["node_modules/chart.js/LICENSE.md", "chartjs/LICENSE.md"],
];

rmSync(lib, { recursive: true, force: true });
for (const [from, to] of copies) {
  const target = join(lib, to);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(root, from), target, { recursive: true });
}
console.log(`assets copied to ${lib}`);
