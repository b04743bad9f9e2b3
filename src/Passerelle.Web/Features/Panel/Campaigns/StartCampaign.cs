using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Campaigns;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Campaigns;

/// <summary>The campaign form's fields, as posted (the departmental form of the chair and the national form of the analyst).</summary>
internal sealed class CampaignInput
{
    public string? Title { get; set; }

    public string? Instructions { get; set; }

    public List<string> Statuses { get; set; } = [];

    public string? Deadline { get; set; }

    /// <summary>The département of a departmental campaign (asked only when the chair covers several).</summary>
    public string? Territory { get; set; }

    /// <summary>A one-time key given with the form: it becomes the campaign's id, so a second submit creates nothing.</summary>
    public Guid FormKey { get; set; }
}

/// <summary>
/// Starts a review campaign: departmental (a panel's chair, <c>panel.chair</c>: every open case of the
/// département in scope) or national (the analyst, <c>campaigns.national</c>: every open case in scope in
/// every département, found through <see cref="CampaignProgress.OpenCasesInScopeAsync"/>). The campaign,
/// one <see cref="CampaignCase"/> per case in scope and the audit event <c>campaign.created</c> are saved in
/// one transaction.
/// </summary>
internal sealed class StartCampaign(PasserelleDb db, AuditLog audit, CurrentActor actor, CampaignProgress progress, TimeProvider clock)
{
    /// <summary>The statuses a campaign may cover (the open ones).</summary>
    public static readonly IReadOnlyList<CaseStatus> ScopeChoices = [CaseStatus.Reported, CaseStatus.UnderAssessment, CaseStatus.Followed];

    /// <summary>A campaign runs for days or weeks; a deadline beyond a year is a typing error.</summary>
    public const int MaxDeadlineDays = 366;

    public enum Outcome
    {
        Created,
        AlreadyCreated,
        Invalid,
        Forbidden,
    }

    public sealed record Result(Outcome Outcome, Guid? CampaignId, IReadOnlyList<FieldError> Errors, int Cases = 0);

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<Result> ExecuteAsync(CampaignInput input, bool national, CancellationToken ct)
    {
        var scope = actor.Scope;
        if (!scope.Can(national ? Permissions.CampaignsNational : Permissions.PanelChair))
        {
            return new Result(Outcome.Forbidden, null, []);
        }

        // A second submit of the same form (double click, reload) finds the campaign the first one created.
        if (input.FormKey != Guid.Empty && await db.ReviewCampaigns.AsNoTracking().AnyAsync(k => k.Id == input.FormKey && k.CreatedById == scope.UserId, ct))
        {
            return new Result(Outcome.AlreadyCreated, input.FormKey, []);
        }

        var errors = new List<FieldError>();
        var title = SingleLine(errors, "Input.Title", input.Title, ReviewCampaign.MaxTitleLength);
        if (title is null && !errors.Any(e => e.Field == "Input.Title"))
        {
            errors.Add(new("Input.Title", "campaign.error.title-required"));
        }

        var instructions = ReportValidation.FreeText(errors, "Input.Instructions", input.Instructions, ReviewCampaign.MaxInstructionsLength);
        var statuses = new List<CaseStatus>();
        foreach (var code in input.Statuses.Distinct(StringComparer.Ordinal))
        {
            var match = ScopeChoices.Where(s => string.Equals(s.ToString(), code, StringComparison.Ordinal)).ToList();
            if (match.Count == 0)
            {
                errors.Add(new("Input.Statuses", "campaign.error.status-unknown"));
                break;
            }

            statuses.Add(match[0]);
        }

        if (statuses.Count == 0 && !errors.Any(e => e.Field == "Input.Statuses"))
        {
            errors.Add(new("Input.Statuses", "campaign.error.status-required"));
        }

        var today = Today;
        DateOnly deadline = default;
        if (string.IsNullOrWhiteSpace(input.Deadline))
        {
            errors.Add(new("Input.Deadline", "campaign.error.deadline-required"));
        }
        else if (!DateOnly.TryParseExact(input.Deadline.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out deadline))
        {
            errors.Add(new("Input.Deadline", "campaign.error.deadline-format"));
        }
        else if (deadline <= today)
        {
            errors.Add(new("Input.Deadline", "campaign.error.deadline-past"));
        }
        else if (deadline > today.AddDays(MaxDeadlineDays))
        {
            errors.Add(new("Input.Deadline", "campaign.error.deadline-far", MaxDeadlineDays));
        }

        string? territory = null;
        if (!national)
        {
            territory = input.Territory?.Trim() is { Length: > 0 } t ? t : scope.Territories.Count == 1 ? scope.Territories[0] : null;
            if (territory is null || scope.National || !scope.CoversTerritory(territory))
            {
                errors.Add(new("Input.Territory", "campaign.error.territory"));
            }
        }

        if (errors.Count > 0)
        {
            return new Result(Outcome.Invalid, null, errors);
        }

        IReadOnlyList<(Guid CaseId, string TerritoryCode)> cases;
        if (national)
        {
            cases = await progress.OpenCasesInScopeAsync(statuses, ct) ?? [];
        }
        else
        {
            var wanted = statuses.ToArray();
            var rows = await db.Cases.AsNoTracking()
                .Where(c => c.TerritoryCode == territory && wanted.Contains(c.Status))
                .Select(c => new { c.Id, c.TerritoryCode })
                .ToListAsync(ct);
            cases = [.. rows.Select(r => (r.Id, r.TerritoryCode))];
        }

        var id = input.FormKey != Guid.Empty && input.FormKey.Version == 7 && !await db.ReviewCampaigns.IgnoreQueryFilters().AnyAsync(k => k.Id == input.FormKey, ct)
            ? input.FormKey
            : Guid.CreateVersion7();
        var campaign = new ReviewCampaign
        {
            Id = id,
            Title = title!,
            Instructions = instructions,
            TerritoryCode = territory,
            ScopeStatuses = string.Join(',', statuses.OrderBy(s => s)),
            Deadline = deadline,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedById = scope.UserId ?? "system",
        };
        db.ReviewCampaigns.Add(campaign);
        db.CampaignCases.AddRange(cases.Select(c => new CampaignCase { CampaignId = campaign.Id, CaseId = c.CaseId, TerritoryCode = c.TerritoryCode }));
        audit.Append("campaign.created", nameof(ReviewCampaign), campaign.Id, reason: $"{(national ? "national" : territory)}; {campaign.ScopeStatuses}; {cases.Count} case(s)", territory: territory);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (input.FormKey == campaign.Id)
        {
            // The same form submitted twice at once: the other request created it.
            db.ChangeTracker.Clear();
            return new Result(Outcome.AlreadyCreated, campaign.Id, []);
        }

        return new Result(Outcome.Created, campaign.Id, [], cases.Count);
    }

    /// <summary>Closes a campaign (no more required reviews counted): the analyst a national one, the chair of its département a departmental one.</summary>
    public async Task<bool?> CloseAsync(Guid id, int version, CancellationToken ct)
    {
        var scope = actor.Scope;
        var campaign = await db.ReviewCampaigns.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (campaign is null)
        {
            return null;
        }

        var allowed = campaign.IsNational ? scope.Can(Permissions.CampaignsNational) : scope.Can(Permissions.PanelChair) && scope.CoversTerritory(campaign.TerritoryCode!);
        if (!allowed)
        {
            await audit.RecordAsync("campaign.closed", nameof(ReviewCampaign), id, AuditLog.Denied, ct: ct);
            return null;
        }

        if (campaign.Version != version || campaign.ClosedAt is not null)
        {
            return false;
        }

        campaign.ClosedAt = clock.GetUtcNow().UtcDateTime;
        audit.Append("campaign.closed", nameof(ReviewCampaign), id, territory: campaign.TerritoryCode);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }

        return true;
    }

    public static IReadOnlyList<CaseStatus> ParseScope(string scope) =>
        [.. scope.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Enum.TryParse<CaseStatus>(s, out var v) ? v : (CaseStatus?)null).OfType<CaseStatus>()];

    private static string? SingleLine(List<FieldError> errors, string field, string? value, int max)
    {
        var text = ReportValidation.FreeText(errors, field, value, max);
        if (text is not null && text.Any(c => c is '\n' or '\r' or '\t'))
        {
            errors.Add(new(field, "error.control-characters"));
            return null;
        }

        return text;
    }
}
