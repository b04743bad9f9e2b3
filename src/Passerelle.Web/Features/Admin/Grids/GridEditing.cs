using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;

namespace Passerelle.Web.Features.Admin.Grids;

/// <summary>The form of a draft edition: its names and items (a blank row adds an item; "Remove" drops one).</summary>
internal sealed class GridInput
{
    public string? NameFr { get; set; }

    public string? NameEn { get; set; }

    public int Version { get; set; }

    public List<GridItemInput> Items { get; set; } = [];

    public static GridInput From(AssessmentGrid grid) => new()
    {
        NameFr = grid.NameFr,
        NameEn = grid.NameEn,
        Version = grid.Version,
        Items =
        [
            .. grid.Items.OrderBy(i => i.Position).ThenBy(i => i.Code, StringComparer.Ordinal).Select(i => new GridItemInput
            {
                Id = i.Id, DomainCode = i.DomainCode, DomainFr = i.DomainFr, DomainEn = i.DomainEn, Code = i.Code,
                LabelFr = i.LabelFr, LabelEn = i.LabelEn, GuidanceFr = i.GuidanceFr, GuidanceEn = i.GuidanceEn,
                Position = i.Position.ToString(CultureInfo.InvariantCulture),
            }),
        ],
    };
}

internal sealed class GridItemInput
{
    public Guid? Id { get; set; }

    public string? DomainCode { get; set; }

    public string? DomainFr { get; set; }

    public string? DomainEn { get; set; }

    public string? Code { get; set; }

    public string? LabelFr { get; set; }

    public string? LabelEn { get; set; }

    public string? GuidanceFr { get; set; }

    public string? GuidanceEn { get; set; }

    /// <summary>Text, so a non-number gets our own message rather than the binder's.</summary>
    public string? Position { get; set; }

    public bool Remove { get; set; }

    public bool IsBlank => Id is null && new[] { DomainCode, DomainFr, DomainEn, Code, LabelFr, LabelEn, GuidanceFr, GuidanceEn, Position }.All(string.IsNullOrWhiteSpace);
}

/// <summary>
/// Grids are reference data edited by administrators (<c>assessment-grids.manage</c>). A draft edition is edited
/// freely; publishing freezes it and retires the previous published edition of the same code; a change to a published
/// grid is a new draft edition (Edition + 1), so assessments already made keep the exact items they were rated on.
/// </summary>
internal sealed partial class GridEditing(PasserelleDb db, AuditLog audit, TimeProvider clock)
{
    public const int MaxPosition = 9999;

    public enum Outcome { Done, NotFound, Invalid, Conflict, NotDraft, NotPublished, DraftExists }

    public sealed record Result(Outcome Outcome, IReadOnlyList<FieldError>? Errors = null, Guid? Id = null);

    /// <summary>A new grid: edition 1, draft, no items yet.</summary>
    public async Task<Result> CreateAsync(string? code, string? nameFr, string? nameEn, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var c = code?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(c))
        {
            errors.Add(new("Code", "error.required"));
        }
        else if (!GridCodePattern().IsMatch(c))
        {
            errors.Add(new("Code", "grid.error.code-format"));
        }
        else if (await db.AssessmentGrids.AnyAsync(g => g.Code == c, ct))
        {
            errors.Add(new("Code", "grid.error.code-taken"));
        }

        var fr = Required(errors, "NameFr", nameFr, AssessmentGrid.MaxNameLength);
        var en = Required(errors, "NameEn", nameEn, AssessmentGrid.MaxNameLength);
        if (errors.Count > 0)
        {
            return new(Outcome.Invalid, errors);
        }

        var grid = new AssessmentGrid { Code = c!, Edition = 1, NameFr = fr!, NameEn = en!, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.AssessmentGrids.Add(grid);
        audit.Append("grid.created", nameof(AssessmentGrid), grid.Id, reason: $"{grid.Code} edition 1");
        await db.SaveChangesAsync(ct);
        return new(Outcome.Done, Id: grid.Id);
    }

    /// <summary>Saves a draft's names and items: updates, removals, the blank row as a new item, positions.</summary>
    public async Task<Result> SaveDraftAsync(Guid id, GridInput input, CancellationToken ct)
    {
        var grid = await db.AssessmentGrids.Include(g => g.Items).FirstOrDefaultAsync(g => g.Id == id, ct);
        if (grid is null)
        {
            return new(Outcome.NotFound);
        }

        if (grid.Status != GridStatus.Draft)
        {
            return new(Outcome.NotDraft);
        }

        if (grid.Version != input.Version)
        {
            return new(Outcome.Conflict);
        }

        var errors = new List<FieldError>();
        var nameFr = Required(errors, "Input.NameFr", input.NameFr, AssessmentGrid.MaxNameLength);
        var nameEn = Required(errors, "Input.NameEn", input.NameEn, AssessmentGrid.MaxNameLength);
        var kept = new List<(GridItemInput Row, AssessmentGridItem Values, AssessmentGridItem? Existing)>();
        for (var n = 0; n < input.Items.Count; n++)
        {
            var row = input.Items[n];
            if (row.IsBlank || row.Remove)
            {
                continue;
            }

            AssessmentGridItem? existing = null;
            if (row.Id is { } itemId)
            {
                existing = grid.Items.FirstOrDefault(i => i.Id == itemId);
                if (existing is null)
                {
                    errors.Add(new($"Input.Items[{n}].Code", "grid.error.item-unknown"));
                    continue;
                }
            }

            var values = ValidateItem(errors, $"Input.Items[{n}].", row);
            if (values is not null)
            {
                kept.Add((row, values, existing));
            }
        }

        if (input.Items.Select(r => r.Id).OfType<Guid>().GroupBy(x => x).Any(g => g.Count() > 1))
        {
            errors.Add(new(string.Empty, "grid.error.item-twice"));
        }

        foreach (var twice in kept.GroupBy(k => k.Values.Code, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            var n = input.Items.IndexOf(twice.Skip(1).First().Row);
            errors.Add(new($"Input.Items[{n}].Code", "grid.error.code-twice", twice.Key));
        }

        foreach (var domain in kept.GroupBy(k => k.Values.DomainCode, StringComparer.Ordinal))
        {
            var first = domain.First().Values;
            foreach (var other in domain.Skip(1).Where(o => o.Values.DomainFr != first.DomainFr || o.Values.DomainEn != first.DomainEn))
            {
                errors.Add(new($"Input.Items[{input.Items.IndexOf(other.Row)}].DomainFr", "grid.error.domain-labels", domain.Key));
            }
        }

        if (errors.Count > 0)
        {
            return new(Outcome.Invalid, errors);
        }

        var removed = grid.Items.Where(i => !kept.Any(k => k.Existing == i)).ToList();
        foreach (var item in removed)
        {
            grid.Items.Remove(item);
            db.AssessmentGridItems.Remove(item);
        }

        var added = 0;
        foreach (var (_, v, existing) in kept)
        {
            var target = existing;
            if (target is null)
            {
                target = new AssessmentGridItem
                {
                    GridId = grid.Id, DomainCode = v.DomainCode, DomainFr = v.DomainFr, DomainEn = v.DomainEn, Code = v.Code, LabelFr = v.LabelFr, LabelEn = v.LabelEn,
                };
                db.AssessmentGridItems.Add(target);
                added++;
            }

            target.DomainCode = v.DomainCode;
            target.DomainFr = v.DomainFr;
            target.DomainEn = v.DomainEn;
            target.Code = v.Code;
            target.LabelFr = v.LabelFr;
            target.LabelEn = v.LabelEn;
            target.GuidanceFr = v.GuidanceFr;
            target.GuidanceEn = v.GuidanceEn;
            target.Position = v.Position;
        }

        grid.NameFr = nameFr!;
        grid.NameEn = nameEn!;
        db.Entry(grid).State = EntityState.Modified; // the version moves with any change of its items too
        audit.Append("grid.updated", nameof(AssessmentGrid), grid.Id, reason: $"{grid.Code} edition {grid.Edition}: {kept.Count} items, {added} added, {removed.Count} removed");
        return await SaveAsync(grid.Id, ct);
    }

    /// <summary>Draft → published; the previous published edition of the same code is retired. A grid without items is refused.</summary>
    public async Task<Result> PublishAsync(Guid id, int version, CancellationToken ct)
    {
        var grid = await db.AssessmentGrids.Include(g => g.Items).FirstOrDefaultAsync(g => g.Id == id, ct);
        if (grid is null)
        {
            return new(Outcome.NotFound);
        }

        if (grid.Status != GridStatus.Draft)
        {
            return new(Outcome.NotDraft);
        }

        if (grid.Version != version)
        {
            return new(Outcome.Conflict);
        }

        if (grid.Items.Count == 0)
        {
            return new(Outcome.Invalid, [new(string.Empty, "grid.error.no-items")]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var previous in await db.AssessmentGrids.Where(g => g.Code == grid.Code && g.Status == GridStatus.Published).ToListAsync(ct))
        {
            previous.Status = GridStatus.Retired;
            audit.Append("grid.retired", nameof(AssessmentGrid), previous.Id, reason: $"{previous.Code} edition {previous.Edition}");
        }

        grid.Status = GridStatus.Published;
        grid.PublishedAt = now;
        audit.Append("grid.published", nameof(AssessmentGrid), grid.Id, reason: $"{grid.Code} edition {grid.Edition}");
        return await SaveAsync(grid.Id, ct);
    }

    /// <summary>Copies a published edition as a new draft (Edition + 1). Refused while a draft of the same code exists.</summary>
    public async Task<Result> NewEditionAsync(Guid id, CancellationToken ct)
    {
        var source = await db.AssessmentGrids.AsNoTracking().Include(g => g.Items).FirstOrDefaultAsync(g => g.Id == id, ct);
        if (source is null)
        {
            return new(Outcome.NotFound);
        }

        if (source.Status != GridStatus.Published)
        {
            return new(Outcome.NotPublished);
        }

        var draft = await db.AssessmentGrids.Where(g => g.Code == source.Code && g.Status == GridStatus.Draft).Select(g => (Guid?)g.Id).FirstOrDefaultAsync(ct);
        if (draft is not null)
        {
            return new(Outcome.DraftExists, Id: draft);
        }

        var edition = await db.AssessmentGrids.Where(g => g.Code == source.Code).MaxAsync(g => g.Edition, ct) + 1;
        var copy = new AssessmentGrid
        {
            Code = source.Code, Edition = edition, NameFr = source.NameFr, NameEn = source.NameEn, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        foreach (var i in source.Items.OrderBy(i => i.Position))
        {
            copy.Items.Add(new AssessmentGridItem
            {
                GridId = copy.Id, DomainCode = i.DomainCode, DomainFr = i.DomainFr, DomainEn = i.DomainEn, Code = i.Code, LabelFr = i.LabelFr, LabelEn = i.LabelEn,
                GuidanceFr = i.GuidanceFr, GuidanceEn = i.GuidanceEn, Position = i.Position,
            });
        }

        db.AssessmentGrids.Add(copy);
        audit.Append("grid.edition-created", nameof(AssessmentGrid), copy.Id, reason: $"{copy.Code} edition {copy.Edition} from edition {source.Edition}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two administrators made the same edition at once: the unique (code, edition) index kept one.
            db.ChangeTracker.Clear();
            return new(Outcome.Conflict);
        }

        return new(Outcome.Done, Id: copy.Id);
    }

    private async Task<Result> SaveAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return new(Outcome.Done, Id: id);
        }
        catch (DbUpdateException)
        {
            // A concurrent change (version) or a code swapped between two items at once (unique index): nothing saved.
            db.ChangeTracker.Clear();
            return new(Outcome.Conflict);
        }
    }

    private static AssessmentGridItem? ValidateItem(List<FieldError> errors, string prefix, GridItemInput row)
    {
        var before = errors.Count;
        var domainCode = CodeField(errors, prefix + "DomainCode", row.DomainCode);
        var domainFr = Required(errors, prefix + "DomainFr", row.DomainFr, AssessmentGrid.MaxNameLength);
        var domainEn = Required(errors, prefix + "DomainEn", row.DomainEn, AssessmentGrid.MaxNameLength);
        var code = CodeField(errors, prefix + "Code", row.Code);
        var labelFr = Required(errors, prefix + "LabelFr", row.LabelFr, AssessmentGridItem.MaxLabelLength);
        var labelEn = Required(errors, prefix + "LabelEn", row.LabelEn, AssessmentGridItem.MaxLabelLength);
        var guidanceFr = ReportValidation.FreeText(errors, prefix + "GuidanceFr", row.GuidanceFr, AssessmentGridItem.MaxGuidanceLength);
        var guidanceEn = ReportValidation.FreeText(errors, prefix + "GuidanceEn", row.GuidanceEn, AssessmentGridItem.MaxGuidanceLength);
        var position = 0;
        if (string.IsNullOrWhiteSpace(row.Position))
        {
            errors.Add(new(prefix + "Position", "error.required"));
        }
        else if (!int.TryParse(row.Position.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out position) || position < 1 || position > MaxPosition)
        {
            errors.Add(new(prefix + "Position", "grid.error.position", MaxPosition));
        }

        return errors.Count > before ? null : new AssessmentGridItem
        {
            DomainCode = domainCode!, DomainFr = domainFr!, DomainEn = domainEn!, Code = code!, LabelFr = labelFr!, LabelEn = labelEn!,
            GuidanceFr = guidanceFr, GuidanceEn = guidanceEn, Position = position,
        };
    }

    private static string? CodeField(List<FieldError> errors, string field, string? value)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            errors.Add(new(field, "error.required"));
            return null;
        }

        if (!ItemCodePattern().IsMatch(v))
        {
            errors.Add(new(field, "grid.error.item-code-format"));
            return null;
        }

        return v;
    }

    private static string? Required(List<FieldError> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, "error.required"));
            return null;
        }

        if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
        {
            errors.Add(new(field, "error.control-characters"));
            return null;
        }

        return ReportValidation.FreeText(errors, field, value, max);
    }

    [GeneratedRegex("^[A-Z][A-Z0-9-]{1,31}$")]
    private static partial Regex GridCodePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,31}$")]
    private static partial Regex ItemCodePattern();
}
