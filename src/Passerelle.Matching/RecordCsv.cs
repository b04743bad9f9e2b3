using System.Text;
namespace Passerelle.Matching;

/// <summary>
/// Reads person records from a CSV file (for <c>passerelle match</c> and the benchmarks): RFC 4180 quoting, UTF-8 only,
/// columns recognised by name (case-insensitive, several spellings), unknown columns ignored.
/// Every problem is a <see cref="RecordCsvException"/> naming the file, the line and what is wrong.
/// </summary>
public static class RecordCsv
{
    /// <summary>Longest field accepted: far above any name or address, low enough to refuse a runaway quote.</summary>
    public const int MaxFieldLength = 10_000;

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = "id", ["rec_id"] = "id", ["unique_id"] = "id",
        ["given_name"] = "given_name", ["first_name"] = "given_name",
        ["surname"] = "surname", ["last_name"] = "surname",
        ["full_name"] = "full_name",
        ["date_of_birth"] = "date_of_birth", ["dob"] = "date_of_birth",
        ["place_of_birth"] = "place_of_birth", ["birth_place"] = "place_of_birth",
        ["address"] = "address", ["address_1"] = "address_1", ["address_2"] = "address_2",
        ["street_number"] = "street_number", ["suburb"] = "suburb", ["city"] = "city",
        ["postcode"] = "postcode", ["postcode_fake"] = "postcode",
        ["sex"] = "sex", ["gender"] = "sex",
        // Beyond the contract's columns: identity numbers (by kind), e-mail and phone. Files that
        // lack them are read exactly as before; --ignore drops them like any known column.
        ["soc_sec_id"] = "id:ssn", ["ssn"] = "id:ssn", ["ssn_number"] = "id:ssn", ["social_security_number"] = "id:ssn", ["nir"] = "id:ssn",
        ["national_id"] = "id:national_id", ["national_id_number"] = "id:national_id",
        ["passport"] = "id:passport", ["passport_number"] = "id:passport",
        ["drivers_license_number"] = "id:licence", ["driving_licence_number"] = "id:licence",
        ["document_number"] = "id:document", ["id_number"] = "id:document",
        ["email"] = "email", ["email_address"] = "email",
        ["phone"] = "phone", ["phone_number"] = "phone", ["telephone"] = "phone",
    };

    /// <summary>Address parts in the order they are joined into one line.</summary>
    private static readonly string[] AddressParts = ["street_number", "address", "address_1", "address_2", "suburb", "city"];

    public static IReadOnlySet<string> KnownColumns { get; } = new HashSet<string>(Aliases.Keys, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<MatchRecord> Read(string path, IReadOnlySet<string> ignored) => Read(path, ignored, null);

    /// <summary>Reads the file; <paramref name="used"/>, when given, receives the columns read, in header order, as "name" or "name (meaning)".</summary>
    public static IReadOnlyList<MatchRecord> Read(string path, IReadOnlySet<string> ignored, ICollection<string>? used)
    {
        if (!File.Exists(path))
        {
            throw new RecordCsvException($"{path}: no such file");
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path));
        }
        catch (DecoderFallbackException e)
        {
            throw new RecordCsvException($"{path}: the file is not UTF-8 (invalid byte at offset {e.Index}); convert it, e.g. iconv -f latin1 -t utf-8");
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var rows = Parse(path, text);
        if (rows.Count == 0)
        {
            throw new RecordCsvException($"{path}: the file is empty (a header line is expected)");
        }

        var header = rows[0].Fields;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (Aliases.TryGetValue(name, out var canonical) && !ignored.Contains(name) && !ignored.Contains(canonical))
            {
                if (!columns.TryAdd(canonical, i) && canonical != "postcode")
                {
                    throw new RecordCsvException($"{path}: line 1: two columns mean {canonical} ('{header[columns[canonical]]}' and '{name}'); drop one with --ignore");
                }
            }
        }

        if (used is not null)
        {
            foreach (var (canonical, index) in columns.OrderBy(c => c.Value))
            {
                var name = header[index].Trim();
                used.Add(string.Equals(name, canonical, StringComparison.OrdinalIgnoreCase) ? name : $"{name} ({canonical})");
            }
        }

        if (!columns.ContainsKey("id"))
        {
            throw new RecordCsvException($"{path}: line 1: no id column (expected one of: id, rec_id, unique_id)");
        }

        if (!columns.ContainsKey("given_name") && !columns.ContainsKey("surname") && !columns.ContainsKey("full_name"))
        {
            throw new RecordCsvException($"{path}: line 1: no name column (expected given_name/first_name, surname/last_name or full_name)");
        }

        var records = new List<MatchRecord>(rows.Count - 1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows.Skip(1))
        {
            if (row.Fields.Count != header.Count)
            {
                throw new RecordCsvException($"{path}: line {row.Line}: {row.Fields.Count} field(s) where the header has {header.Count}");
            }

            string? Value(string column) =>
                columns.TryGetValue(column, out var index) && row.Fields[index].Trim() is { Length: > 0 } v ? v : null;

            var id = Value("id") ?? throw new RecordCsvException($"{path}: line {row.Line}: the id is empty");
            if (!seen.Add(id))
            {
                throw new RecordCsvException($"{path}: line {row.Line}: duplicate id '{id}'");
            }

            var address = string.Join(' ', AddressParts.Select(Value).Where(v => v is not null));
            List<PersonIdentifier>? identifiers = null;
            foreach (var column in columns.Keys)
            {
                if (column.StartsWith("id:", StringComparison.Ordinal) && Value(column) is { } number)
                    (identifiers ??= []).Add(new PersonIdentifier(column[3..], number));
            }

            records.Add(new MatchRecord(id)
            {
                GivenName = Value("given_name"),
                Surname = Value("surname"),
                FullName = Value("full_name"),
                DateOfBirth = PartialDate.Parse(Value("date_of_birth")),
                PlaceOfBirth = Value("place_of_birth"),
                Address = address.Length == 0 ? null : address,
                Postcode = Value("postcode"),
                Sex = Value("sex"),
                Identifiers = identifiers,
                Email = Value("email"),
                Phone = Value("phone"),
            });
        }

        return records;
    }

    private sealed record Row(int Line, List<string> Fields);

    /// <summary>RFC 4180: comma-separated, fields optionally in double quotes with "" for a quote, CRLF or LF.</summary>
    private static List<Row> Parse(string path, string text)
    {
        var rows = new List<Row>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var i = 0;
        var quoted = false;
        var fieldStarted = false;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldStarted = false;
        }

        void EndRow()
        {
            EndField();
            if (!(fields.Count == 1 && fields[0].Length == 0))
            {
                rows.Add(new Row(rowLine, fields));
            }

            fields = [];
            rowLine = line;
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    quoted = false;
                    i++;
                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        throw new RecordCsvException($"{path}: line {line}: text after a closing quote (a quote inside a quoted field is written \"\")");
                    }

                    continue;
                }

                if (c == '\n')
                {
                    line++;
                }

                field.Append(c);
            }
            else if (c == '"')
            {
                if (fieldStarted && field.ToString().Trim().Length > 0)
                {
                    throw new RecordCsvException($"{path}: line {line}: a quote in the middle of an unquoted field");
                }

                field.Clear();
                quoted = true;
                fieldStarted = true;
            }
            else if (c == ',')
            {
                EndField();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                line++;
                EndRow();
            }
            else
            {
                field.Append(c);
                fieldStarted = true;
            }

            if (field.Length > MaxFieldLength)
            {
                throw new RecordCsvException($"{path}: line {rowLine}: a field is longer than {MaxFieldLength} characters{(quoted ? " (an unclosed quote?)" : string.Empty)}");
            }

            i++;
        }

        if (quoted)
        {
            throw new RecordCsvException($"{path}: line {rowLine}: a quoted field is never closed");
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            EndRow();
        }

        return rows;
    }
}

/// <summary>A CSV input the match verbs cannot use; the message says where and why.</summary>
public sealed class RecordCsvException(string message) : Exception(message);
