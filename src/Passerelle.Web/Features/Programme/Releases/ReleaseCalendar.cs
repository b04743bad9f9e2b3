using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Programme.Releases;

/// <summary>
/// The release calendar of a programme site: the expected releases of the user's départements (the query filter
/// narrows them to the territories the user's site covers), alerts first, shared by the page and the API. Every
/// release shown is audited (<c>prison-release.listed</c>), a release opened too (<c>prison-release.read</c>),
/// before anything is returned.
/// </summary>
internal sealed partial class ReleaseCalendar(PasserelleDb db, AuditLog audit, TimeProvider clock, CurrentActor actor)
{
    /// <summary>The calendar shows the next 24 months (issue 6); a date may be recorded up to 36 months ahead.</summary>
    public const int CalendarMonths = 24;

    public const int MaxMonthsAhead = 36;

    public const int PageSize = 25;

    /// <summary>At most this many alerts on top of the calendar (they are all in the calendar too).</summary>
    public const int MaxAlertsShown = 100;

    private static readonly CompareInfo French = CultureInfo.GetCultureInfo("fr-FR").CompareInfo;

    public sealed record Filter(string? Territory, bool WithoutTakeover, int Page, int Months = CalendarMonths);

    public sealed record Row(
        Guid Id, DateOnly ReleaseOn, string Establishment, string Territory, string GivenName, string Surname, int? BirthYear,
        ReleaseStatus Status, Guid? ParticipantId, string? ParticipantName, string? TakeoverNote, DateTime? SixMonthAlertAt, DateTime? ThreeMonthAlertAt,
        DateTime CreatedAt, int Version, bool PastDue)
    {
        public bool Prepared => ParticipantId is not null || !string.IsNullOrWhiteSpace(TakeoverNote);

        public bool Alerting => Status == ReleaseStatus.Expected && !Prepared && (SixMonthAlertAt is not null || ThreeMonthAlertAt is not null);
    }

    public sealed record Calendar(IReadOnlyList<Row> Alerts, int AlertTotal, IReadOnlyList<Row> Rows, int Total, DateOnly Today, DateOnly Horizon)
    {
        public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    public sealed record ParticipantChoice(Guid Id, string Name, ParticipantStatus Status);

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The départements the user may record a release in (those of their scope), sorted.</summary>
    public IReadOnlyList<string> Territories() => actor.Scope.National
        ? [.. Departements.All.Select(d => d.Code)]
        : [.. actor.Scope.Territories.Order(StringComparer.Ordinal)];

    /// <summary>Expected releases up to <see cref="Filter.Months"/> ahead (past-due ones first), and the alerts above.</summary>
    public async Task<Calendar> ListAsync(Filter filter, string purpose, CancellationToken ct)
    {
        var today = Today;
        var horizon = today.AddMonths(filter.Months);
        var expected = db.PrisonReleases.AsNoTracking().Where(r => r.Status == ReleaseStatus.Expected && r.ReleaseOn <= horizon);
        if (filter.Territory is { } territory)
        {
            expected = expected.Where(r => r.TerritoryCode == territory);
        }

        if (filter.WithoutTakeover)
        {
            expected = expected.Where(r => r.ParticipantId == null && r.TakeoverNote == null);
        }

        var alerting = expected.Where(r => r.ParticipantId == null && r.TakeoverNote == null && (r.SixMonthAlertAt != null || r.ThreeMonthAlertAt != null));
        var alertTotal = await alerting.CountAsync(ct);
        var alerts = await alerting.OrderBy(r => r.ReleaseOn).ThenBy(r => r.Id).Take(MaxAlertsShown).ToListAsync(ct);
        var total = await expected.CountAsync(ct);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await expected.OrderBy(r => r.ReleaseOn).ThenBy(r => r.Surname).ThenBy(r => r.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);

        var names = await ParticipantNamesAsync(alerts.Concat(rows), ct);
        foreach (var id in alerts.Concat(rows).Select(r => r.Id).Distinct())
        {
            audit.Append("prison-release.listed", nameof(PrisonRelease), id, reason: purpose);
        }

        await db.SaveChangesAsync(ct);
        return new Calendar([.. alerts.Select(r => ToRow(r, names, today))], alertTotal, [.. rows.Select(r => ToRow(r, names, today))], total, today, horizon);
    }

    /// <summary>One release (in scope, or null), its read audited first.</summary>
    public async Task<Row?> ReadAsync(Guid id, CancellationToken ct)
    {
        var release = await db.PrisonReleases.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (release is null)
        {
            return null;
        }

        var names = await ParticipantNamesAsync([release], ct);
        audit.Append("prison-release.read", nameof(PrisonRelease), id, territory: release.TerritoryCode);
        await db.SaveChangesAsync(ct);
        return ToRow(release, names, Today);
    }

    /// <summary>
    /// The participants of the site that takes the release's département (referred or enrolled) that a takeover can
    /// name, each listing audited.
    /// </summary>
    public async Task<IReadOnlyList<ParticipantChoice>> ParticipantChoicesAsync(string releaseTerritory, CancellationToken ct)
    {
        var site = await SiteForAsync(releaseTerritory, ct);
        if (site is null)
        {
            return [];
        }

        var choices = await db.ProgrammeParticipants.AsNoTracking()
            .Where(p => p.SiteCode == site.Code && (p.Status == ParticipantStatus.Referred || p.Status == ParticipantStatus.Enrolled))
            .OrderBy(p => p.Surname).ThenBy(p => p.GivenName).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.GivenName, p.Surname, p.Status })
            .Take(500).ToListAsync(ct);
        foreach (var c in choices)
        {
            audit.Append("programme-participant.listed", nameof(ProgrammeParticipant), c.Id, reason: "release takeover choices");
        }

        await db.SaveChangesAsync(ct);
        return [.. choices.Select(c => new ParticipantChoice(c.Id, $"{c.Surname.ToUpper(CultureInfo.CurrentCulture)} {c.GivenName}", c.Status))];
    }

    /// <summary>A participant a takeover may name: visible, of the site taking the département, referred or enrolled.</summary>
    public async Task<bool> IsLinkableAsync(Guid participantId, string releaseTerritory, CancellationToken ct)
    {
        var site = await SiteForAsync(releaseTerritory, ct);
        return site is not null && await db.ProgrammeParticipants.AnyAsync(
            p => p.Id == participantId && p.SiteCode == site.Code && (p.Status == ParticipantStatus.Referred || p.Status == ParticipantStatus.Enrolled), ct);
    }

    /// <summary>The open site that takes a département's releases (sites are reference data, read from the database).</summary>
    public async Task<ProgrammeSite?> SiteForAsync(string territory, CancellationToken ct) =>
        (await db.ProgrammeSites.AsNoTracking().Where(s => s.Status == SiteStatus.Open).ToListAsync(ct))
            .OrderBy(s => s.Code, StringComparer.Ordinal)
            .FirstOrDefault(s => s.Covered.Contains(territory, StringComparer.Ordinal));

    /// <summary>Checks a new release (keys "Input.X"); returns the clean values, or null with the errors added.</summary>
    public async Task<NewRelease?> ValidateNewAsync(ReleaseInput input, List<FieldError> errors, CancellationToken ct)
    {
        var today = Today;
        var given = Name(errors, "Input.GivenName", input.GivenName);
        var surname = Name(errors, "Input.Surname", input.Surname);
        int? birthYear = null;
        if (string.IsNullOrWhiteSpace(input.BirthYear))
        {
            errors.Add(new("Input.BirthYear", "error.required"));
        }
        else if (!int.TryParse(input.BirthYear.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < today.Year - 100 || year > today.Year - 13)
        {
            errors.Add(new("Input.BirthYear", "releases.error.birth-year", today.Year - 100, today.Year - 13));
        }
        else
        {
            birthYear = year;
        }

        var releaseOn = Date(errors, "Input.ReleaseOn", input.ReleaseOn, today);
        var establishment = ReportValidation.FreeText(errors, "Input.Establishment", input.Establishment, PrisonRelease.MaxNameLength);
        if (establishment is null && !errors.Any(e => e.Field == "Input.Establishment"))
        {
            errors.Add(new("Input.Establishment", "error.required"));
        }
        else if (establishment is not null && establishment.Contains('\n', StringComparison.Ordinal))
        {
            errors.Add(new("Input.Establishment", "error.control-characters"));
            establishment = null;
        }

        var territory = Territory(errors, "Input.Territory", input.Territory);
        if (errors.Count > 0)
        {
            return null;
        }

        // Few rows share a birth year and a date: compared here, case- and accent-insensitively, the same way on both databases.
        var sameDay = await db.PrisonReleases.AsNoTracking()
            .Where(r => r.BirthYear == birthYear && r.ReleaseOn == releaseOn!.Value && r.Status != ReleaseStatus.Cancelled)
            .Select(r => new { r.GivenName, r.Surname }).ToListAsync(ct);
        if (sameDay.Any(r => Same(r.GivenName, given!) && Same(r.Surname, surname!)))
        {
            errors.Add(new("Input.Surname", "releases.error.duplicate"));
            return null;
        }

        return new NewRelease(given!, surname!, birthYear!.Value, releaseOn!.Value, establishment!, territory!);
    }

    /// <summary>Records a validated release, audited in the same transaction; returns its id.</summary>
    public async Task<Guid> CreateAsync(NewRelease r, CancellationToken ct)
    {
        var release = new PrisonRelease
        {
            TerritoryCode = r.Territory, GivenName = r.GivenName, Surname = r.Surname, BirthYear = r.BirthYear, ReleaseOn = r.ReleaseOn,
            Establishment = r.Establishment, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedById = actor.Scope.UserId ?? "system",
        };
        db.PrisonReleases.Add(release);
        audit.Append("prison-release.created", nameof(PrisonRelease), release.Id, reason: $"release on {r.ReleaseOn:yyyy-MM-dd}", territory: r.Territory);
        await db.SaveChangesAsync(ct);
        return release.Id;
    }

    /// <summary>A release date: today at the earliest, <see cref="MaxMonthsAhead"/> months ahead at the latest.</summary>
    public static DateOnly? Date(List<FieldError> errors, string field, string? value, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, "error.required"));
            return null;
        }

        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(new(field, "releases.error.date-invalid"));
            return null;
        }

        if (date < today || date > today.AddMonths(MaxMonthsAhead))
        {
            errors.Add(new(field, "releases.error.date-range", MaxMonthsAhead));
            return null;
        }

        return date;
    }

    /// <summary>A département of the user's scope: an unknown code and a code the user does not cover each get their message.</summary>
    public string? Territory(List<FieldError> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, "error.required"));
            return null;
        }

        var code = value.Trim().ToUpperInvariant();
        if (!Departements.All.Any(d => d.Code == code))
        {
            errors.Add(new(field, "error.territory-unknown"));
            return null;
        }

        if (!actor.Scope.CoversTerritory(code))
        {
            errors.Add(new(field, "releases.error.territory-not-covered"));
            return null;
        }

        return code;
    }

    private static string? Name(List<FieldError> errors, string field, string? value)
    {
        var text = ReportValidation.FreeText(errors, field, value, PrisonRelease.MaxNameLength);
        if (errors.Any(e => e.Field == field))
        {
            return null;
        }

        if (text is null)
        {
            errors.Add(new(field, "error.required"));
            return null;
        }

        if (!NamePattern().IsMatch(text))
        {
            errors.Add(new(field, "error.characters"));
            return null;
        }

        return text;
    }

    private static bool Same(string a, string b) =>
        French.Compare(a.Trim(), b.Trim(), CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) == 0;

    private async Task<Dictionary<Guid, string>> ParticipantNamesAsync(IEnumerable<PrisonRelease> releases, CancellationToken ct)
    {
        var ids = releases.Where(r => r.ParticipantId is not null).Select(r => r.ParticipantId!.Value).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        return await db.ProgrammeParticipants.AsNoTracking().Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => $"{p.GivenName} {p.Surname}", ct);
    }

    private static Row ToRow(PrisonRelease r, Dictionary<Guid, string> names, DateOnly today) => new(
        r.Id, r.ReleaseOn, r.Establishment, r.TerritoryCode, r.GivenName, r.Surname, r.BirthYear, r.Status,
        r.ParticipantId, r.ParticipantId is { } p && names.TryGetValue(p, out var n) ? n : null, r.TakeoverNote,
        r.SixMonthAlertAt, r.ThreeMonthAlertAt, r.CreatedAt, r.Version, r.IsPastDue(today));

    [GeneratedRegex(@"^[\p{L}\p{M}][\p{L}\p{M} '’.\-]*$")]
    private static partial Regex NamePattern();
}

/// <summary>The new-release form as posted (strings, so that any input gets a clear message).</summary>
internal sealed class ReleaseInput
{
    public string? GivenName { get; set; }

    public string? Surname { get; set; }

    public string? BirthYear { get; set; }

    public string? ReleaseOn { get; set; }

    public string? Establishment { get; set; }

    public string? Territory { get; set; }
}

internal sealed record NewRelease(string GivenName, string Surname, int BirthYear, DateOnly ReleaseOn, string Establishment, string Territory);
