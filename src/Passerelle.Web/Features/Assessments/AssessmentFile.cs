using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;

namespace Passerelle.Web.Features.Assessments;

/// <summary>
/// Reads of assessments, shared by the pages and the API: one assessment with its grid's items by domain, the list of
/// a territory's assessments, a case's assessments, and the side-by-side comparison of a case's completed
/// assessments. The query filters narrow assessments to <c>assessments.write</c> holders of the territory; each read is
/// audited before it is served. Nothing here counts, sums or ranks ratings (red line 1).
/// </summary>
internal sealed class AssessmentFile(PasserelleDb db, AuditLog audit, AssessmentSubjects subjects)
{
    public const int PageSize = 20;

    public sealed record Item(Guid ItemId, string Code, string LabelFr, string LabelEn, string? GuidanceFr, string? GuidanceEn, ItemRating Rating, string? Evidence, string? Source)
    {
        public string Label => Texts.IsEnglish ? LabelEn : LabelFr;

        public string? Guidance => Texts.IsEnglish ? GuidanceEn : GuidanceFr;
    }

    public sealed record Domain(string Code, string LabelFr, string LabelEn, IReadOnlyList<Item> Items)
    {
        public string Label => Texts.IsEnglish ? LabelEn : LabelFr;
    }

    public sealed record Detail(
        Guid Id, Guid CaseId, AssessmentSubjects.Subject? Subject, string Territory, AssessmentStatus Status, string GridCode, int Edition,
        string GridNameFr, string GridNameEn, DateTime RequestedAt, string? RequestedBy, string? RequestNote, string? Assessor, DateTime? CompletedAt,
        string? Narrative, int Version, IReadOnlyList<Domain> Domains)
    {
        public string GridName => Texts.IsEnglish ? GridNameEn : GridNameFr;
    }

    public sealed record Filter(AssessmentStatus? Status, bool Mine, int Page);

    public sealed record Row(
        Guid Id, Guid CaseId, AssessmentSubjects.Subject? Subject, string Territory, AssessmentStatus Status, DateTime RequestedAt, DateTime? CompletedAt,
        string GridCode, int Edition);

    public sealed record Listing(IReadOnlyList<Row> Rows, int Total);

    public sealed record Column(Guid Id, DateTime CompletedAt, string GridCode, int Edition, string? Assessor, string? Narrative);

    /// <summary>One item's rating in one assessment; <see cref="Changed"/> when it differs from the previous assessment's.</summary>
    public sealed record Cell(ItemRating Rating, string? Evidence, string? Source, bool Changed);

    /// <summary>One item across the assessments; a null cell means the item is not in that assessment's grid edition.</summary>
    public sealed record CompareItem(string Code, string LabelFr, string LabelEn, IReadOnlyList<Cell?> Cells)
    {
        public string Label => Texts.IsEnglish ? LabelEn : LabelFr;
    }

    public sealed record CompareDomain(string Code, string LabelFr, string LabelEn, IReadOnlyList<CompareItem> Items)
    {
        public string Label => Texts.IsEnglish ? LabelEn : LabelFr;
    }

    public sealed record Comparison(Guid CaseId, AssessmentSubjects.Subject? Subject, IReadOnlyList<Column> Columns, IReadOnlyList<CompareDomain> Domains);

    /// <summary>One assessment, audited <c>assessment.read</c>; null when it does not exist or is out of the actor's scope.</summary>
    public async Task<Detail?> GetAsync(Guid id, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().Include(a => a.Ratings).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assessment is null)
        {
            return null;
        }

        var details = await BuildAsync([assessment], ct);
        audit.Append("assessment.read", nameof(Assessment), id);
        await db.SaveChangesAsync(ct);
        return details[0];
    }

    /// <summary>The assessments of a case (oldest first), each audited <c>assessment.read</c>; null when the actor sees none of them.</summary>
    public async Task<IReadOnlyList<Detail>?> OfCaseAsync(Guid caseId, string reason, CancellationToken ct)
    {
        var assessments = await db.Assessments.AsNoTracking().Include(a => a.Ratings).Where(a => a.CaseId == caseId).ToListAsync(ct);
        if (assessments.Count == 0)
        {
            return await db.Cases.AnyAsync(c => c.Id == caseId, ct) ? [] : null;
        }

        var details = await BuildAsync([.. assessments.OrderBy(a => a.RequestedAt).ThenBy(a => a.Id)], ct);
        foreach (var a in assessments)
        {
            audit.Append("assessment.read", nameof(Assessment), a.Id, reason: reason);
        }

        await db.SaveChangesAsync(ct);
        return details;
    }

    /// <summary>The actor's territory's assessments: requested and drafts first, then completed; newest first; 20 a page.</summary>
    public async Task<Listing> ListAsync(Filter filter, string? actorId, CancellationToken ct)
    {
        var query = db.Assessments.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(a => a.Status == status);
        }

        if (filter.Mine && actorId is not null)
        {
            query = query.Where(a => a.AssessorId == actorId || a.RequestedById == actorId);
        }

        var total = await query.CountAsync(ct);
        var page = await query
            .OrderBy(a => a.Status == AssessmentStatus.Completed ? 1 : 0).ThenByDescending(a => a.RequestedAt).ThenBy(a => a.Id)
            .Skip((filter.Page - 1) * PageSize).Take(PageSize)
            .Join(db.AssessmentGrids, a => a.GridId, g => g.Id, (a, g) => new { a.Id, a.CaseId, a.TerritoryCode, a.Status, a.RequestedAt, a.CompletedAt, g.Code, g.Edition })
            .ToListAsync(ct);
        var names = await subjects.OfAssessmentsAsync([.. page.Select(p => p.Id)], ct);
        return new Listing(
            [
                .. page.OrderBy(a => a.Status == AssessmentStatus.Completed ? 1 : 0).ThenByDescending(a => a.RequestedAt).ThenBy(a => a.Id)
                    .Select(a => new Row(a.Id, a.CaseId, names.GetValueOrDefault(a.Id), a.TerritoryCode, a.Status, a.RequestedAt, a.CompletedAt, a.Code, a.Edition)),
            ],
            total);
    }

    /// <summary>
    /// The completed assessments of a case side by side, oldest first, items matched by code across grid editions, with
    /// a mark where an item's rating differs from the previous assessment's. Null when the actor sees neither the case
    /// nor any of its assessments.
    /// </summary>
    public async Task<Comparison?> CompareAsync(Guid caseId, CancellationToken ct)
    {
        var all = await OfCaseAsync(caseId, "compare", ct);
        if (all is null)
        {
            return null;
        }

        var done = all.Where(a => a.Status == AssessmentStatus.Completed).OrderBy(a => a.CompletedAt).ThenBy(a => a.Id).ToList();
        var subject = all.Select(a => a.Subject).FirstOrDefault(s => s is not null);
        var columns = done.Select(a => new Column(a.Id, a.CompletedAt!.Value, a.GridCode, a.Edition, a.Assessor, a.Narrative)).ToList();

        // Rows follow the newest edition's order; items found only in older editions come after, in their own order.
        var rows = new List<(string DomainCode, string DomainFr, string DomainEn, Item Item)>();
        foreach (var a in Enumerable.Reverse(done))
        {
            foreach (var d in a.Domains)
            {
                foreach (var i in d.Items.Where(i => !rows.Any(r => r.Item.Code == i.Code)))
                {
                    rows.Add((d.Code, d.LabelFr, d.LabelEn, i));
                }
            }
        }

        var byCode = done.Select(a => a.Domains.SelectMany(d => d.Items).ToDictionary(i => i.Code, StringComparer.Ordinal)).ToList();
        var domains = rows.GroupBy(r => r.DomainCode, StringComparer.Ordinal).Select(g => new CompareDomain(g.Key, g.First().DomainFr, g.First().DomainEn,
        [
            .. g.Select(r =>
            {
                var cells = new List<Cell?>();
                for (var n = 0; n < byCode.Count; n++)
                {
                    if (!byCode[n].TryGetValue(r.Item.Code, out var found))
                    {
                        cells.Add(null);
                        continue;
                    }

                    var previous = n > 0 && byCode[n - 1].TryGetValue(r.Item.Code, out var before) ? before : null;
                    cells.Add(new Cell(found.Rating, found.Evidence, found.Source, previous is not null && previous.Rating != found.Rating));
                }

                return new CompareItem(r.Item.Code, r.Item.LabelFr, r.Item.LabelEn, cells);
            }),
        ])).ToList();
        return new Comparison(caseId, subject, columns, domains);
    }

    private async Task<List<Detail>> BuildAsync(IReadOnlyList<Assessment> assessments, CancellationToken ct)
    {
        var gridIds = assessments.Select(a => a.GridId).Distinct().ToList();
        var grids = await db.AssessmentGrids.AsNoTracking().Include(g => g.Items).Where(g => gridIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        var userIds = assessments.SelectMany(a => new[] { a.RequestedById, a.AssessorId }).OfType<string>().Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var names = await subjects.OfAssessmentsAsync([.. assessments.Select(a => a.Id)], ct);
        return
        [
            .. assessments.Select(a =>
            {
                var grid = grids[a.GridId];
                var ratings = a.Ratings.ToDictionary(r => r.ItemId);
                var domains = grid.Items.OrderBy(i => i.Position).ThenBy(i => i.Code, StringComparer.Ordinal)
                    .GroupBy(i => i.DomainCode, StringComparer.Ordinal)
                    .Select(d => new Domain(d.Key, d.First().DomainFr, d.First().DomainEn,
                    [
                        .. d.Select(i =>
                        {
                            var r = ratings.GetValueOrDefault(i.Id);
                            return new Item(i.Id, i.Code, i.LabelFr, i.LabelEn, i.GuidanceFr, i.GuidanceEn, r?.Rating ?? ItemRating.Unknown, r?.Evidence, r?.Source);
                        }),
                    ]))
                    .ToList();
                return new Detail(
                    a.Id, a.CaseId, names.GetValueOrDefault(a.Id), a.TerritoryCode, a.Status, grid.Code, grid.Edition, grid.NameFr, grid.NameEn, a.RequestedAt,
                    users.GetValueOrDefault(a.RequestedById), a.RequestNote, a.AssessorId is null ? null : users.GetValueOrDefault(a.AssessorId), a.CompletedAt,
                    a.Narrative, a.Version, domains);
            }),
        ];
    }
}
