using System.Diagnostics;
using System.Globalization;
using Passerelle.ApiBench;

// One incoming record matched against a register of N persons through the app's API on PostgreSQL
// (issue 3 target: p99 <= 50 ms at 1,000,000). Prints figures, asserts nothing. See bench/README.md.
//   dotnet bench/Passerelle.ApiBench/bin/Release/net10.0/Passerelle.ApiBench.dll [persons] [requests]
var persons = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
const int Seed = 42;
const int Warmup = 200;

var app = AppBinary.Find();
await using var cluster = await PostgresCluster.StartAsync();
var database = await cluster.CreateDatabaseAsync($"passerelle_bench_{Guid.NewGuid():N}");
Console.WriteLine($"PostgreSQL {await cluster.VersionAsync()}, {(cluster.Owned ? "throwaway cluster" : "server from PASSERELLE_BENCH_PG")}; app {app.Dll}");

await app.RunVerbAsync(database, "db", "migrate");

var clock = Stopwatch.StartNew();
var register = Register.Generate(persons, requests + Warmup, Seed);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"generated {register.Persons.Count} persons and {register.Queries.Count} noisy re-reports in {clock.Elapsed.TotalSeconds:0.0} s"));

clock.Restart();
var load = await RegisterLoader.LoadAsync(database, register.Persons);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"loaded {load.Persons} persons and {load.Keys} keys ({(double)load.Keys / load.Persons:0.0} a person) in {clock.Elapsed.TotalSeconds:0.0} s "
    + $"(COPY {load.Copy.TotalSeconds:0.0} s, indexes and constraints {load.Indexes.TotalSeconds:0.0} s, VACUUM ANALYZE {load.Vacuum.TotalSeconds:0.0} s)"));
foreach (var line in await RegisterLoader.SizesAsync(database))
{
    Console.WriteLine("  " + line);
}

await cluster.PrepareForMeasureAsync(database);
const string Email = "bench.ged59@bench.passerelle.fr";
await app.RunVerbAsync(database, "users", "add", "--email", Email, "--role", "ged", "--territory", Register.UserTerritory,
    "--password", "Bench-Passerelle-2026!", "--name", "Bench GED 59");
var token = (await app.RunVerbAsync(database, "tokens", "create", "--email", Email)).Trim().Split('\n')[^1].Trim();

await using (var server = await app.ServeAsync(database))
{
    using var api = new CandidatesClient(server.BaseAddress, token);
    Console.WriteLine($"app serving on {server.BaseAddress} (Production, Release, PostgreSQL); user ged of {Register.UserTerritory}");
    await api.RunAsync(register, register.Queries.Take(Warmup));
    var measured = await api.RunAsync(register, register.Queries.Skip(Warmup).Take(requests));
    Console.WriteLine(measured.Describe("through the API (client-side, sequential, request sent to body read)"));
    if (Environment.GetEnvironmentVariable("PASSERELLE_BENCH_APP_LOG") == "1")
    {
        Console.WriteLine("the app's last log lines (end of the measured run):\n  " + string.Join("\n  ", server.Log.TakeLast(60)));
    }
    var (get, refused) = await api.BaselinesAsync(500);
    Console.WriteLine(get.Describe("baseline GET /api/v1/territories (token check and pipeline, nothing read)"));
    Console.WriteLine(refused.Describe("baseline candidates refused by validation (400: token, body, validation; no search, no audit)"));
}

await cluster.PrintStatementsAsync(database);
var measuredQueries = register.Queries.Skip(Warmup).Take(requests).ToList();
var parts = await KeyQuery.MeasureAsync(database, register, measuredQueries);
parts.Print();
await KeyQuery.ExplainHeaviestAsync(database, parts.HeaviestKeys);
