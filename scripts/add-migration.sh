#!/usr/bin/env bash
# Adds an EF Core migration for both providers: scripts/add-migration.sh Name
# (The Design package is referenced only for this build; see STACK.md.)
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dotnet tool restore >/dev/null
dotnet build src/Passerelle.Web -p:EfDesign=true -v q -nologo >/dev/null
cd src/Passerelle.Web
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --no-build --context "${provider}PasserelleDb" \
    --output-dir "Data/Migrations/$provider" --namespace "Passerelle.Web.Data.Migrations.$provider"
  # dotnet-ef writes the snapshot under a folder named after the namespace; put it beside the migrations.
  if [ -d Passerelle ]; then
    mv Passerelle/Web/Data/Migrations/$provider/*.cs "Data/Migrations/$provider/"
    rm -rf Passerelle
  fi
done
rm -f design.db
