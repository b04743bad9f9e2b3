using System.Globalization;

namespace Passerelle.Durability;

/// <summary>The run's settings, from <c>--name value</c> pairs (scripts/durability.sh passes them all).</summary>
internal sealed record Options(
    string AppDll,
    string Database,
    string Token,
    string PgCtl,
    string PgData,
    string PgLog,
    string LogDirectory,
    int Submissions,
    int Workers,
    int Events,
    int MinAppKills,
    int MinPostgresRestarts,
    TimeSpan Deadline)
{
    public const string Usage = """
        Passerelle.Durability --app PASSERELLE.DLL --database CONNECTION_STRING --token PAT
                              --pg-ctl PG_CTL --pg-data DATA_DIR --pg-log SERVER_LOG --log-dir DIR
                              [--submissions 2000] [--workers 32] [--events 20] [--min-app-kills 5] [--min-pg-restarts 2] [--deadline-minutes 60]
        """;

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --name value, got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Required(string name) =>
            values.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new ArgumentException($"--{name} is required");
        int Number(string name, int fallback, int minimum) =>
            !values.TryGetValue(name, out var value) ? fallback
            : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= minimum ? n
            : throw new ArgumentException($"--{name} must be a whole number ≥ {minimum}");

        return new Options(
            Required("app"),
            Required("database"),
            Required("token"),
            Required("pg-ctl"),
            Required("pg-data"),
            Required("pg-log"),
            Required("log-dir"),
            Number("submissions", 2000, 1),
            Number("workers", 32, 1),
            Number("events", 20, 1),
            Number("min-app-kills", 5, 0),
            Number("min-pg-restarts", 2, 0),
            TimeSpan.FromMinutes(Number("deadline-minutes", 60, 1)));
    }
}
