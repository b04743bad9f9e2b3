using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Steward;

/// <summary>
/// The merges of the steward's register (active and undone, newest first, 20 per page) and the undo of
/// one of them, with a reason. A merge is listed only to a user covering both persons' territories
/// (the query filter on <see cref="PersonMerge"/>).
/// </summary>
[Authorize(Policy = Permissions.RegisterMerge)]
internal sealed class MergesModel(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The merge whose undo form is open (query <c>undo</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "undo")]
    public string? UndoId { get; set; }

    [BindProperty]
    public UndoInput Input { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public string? Conflict { get; private set; }

    public IReadOnlyList<Line> Lines { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The merge being undone, shown above the list with its form.</summary>
    public Line? Undoing { get; private set; }

    public sealed record Line(
        Guid Id, Guid SurvivorId, string SurvivorName, Guid MergedId, string MergedName, DateTime MergedAt, string MergedBy, string Reason,
        DateTime? UndoneAt, string? UndoneBy, string? UndoReason, int Version, int MovedCases, int MovedReports)
    {
        public bool Active => UndoneAt is null;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid || PageNumber is < 1 or > 100_000)
        {
            ModelState.Clear();
            ModelState.AddModelError("p", Texts.Get("error.page-invalid"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Guid? undo = null;
        if (UndoId is not null)
        {
            if (!Guid.TryParse(UndoId, out var id))
            {
                ModelState.AddModelError(string.Empty, Texts.Get("steward.error.bad-id"));
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            undo = id;
        }

        return await ShowAsync(undo, StatusCodes.Status200OK, ct);
    }

    public async Task<IActionResult> OnPostUndoAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid || Input.MergeId == Guid.Empty)
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, Texts.Get("steward.error.bad-form"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await new MergePersons(db, audit, actor, clock).UndoAsync(Input.MergeId, Input.Reason, Input.Version, ct);
        switch (result.Outcome)
        {
            case MergePersons.Outcome.Done:
                Message = Texts.Get("steward.undone");
                return LocalRedirect("/steward/merges");
            case MergePersons.Outcome.NotFound:
                return NotFound();
            case MergePersons.Outcome.Conflict:
                Conflict = Texts.Get("steward.undo-conflict");
                ModelState.Clear();
                Input.Version = await db.PersonMerges.AsNoTracking().Where(m => m.Id == Input.MergeId).Select(m => m.Version).FirstOrDefaultAsync(ct);
                return await ShowAsync(Input.MergeId, StatusCodes.Status409Conflict, ct);
            default:
                ModelState.AddModelError(result.OnReason ? "Input.Reason" : string.Empty, Texts.Format(result.MessageKey!, result.Args ?? []));
                return await ShowAsync(Input.MergeId, StatusCodes.Status422UnprocessableEntity, ct);
        }
    }

    public string PageLink(int page) => Url.Page("Merges", new { p = page }) ?? "/steward/merges";

    /// <summary>The page of merges (and the one being undone), names included; audited before it is shown.</summary>
    private async Task<IActionResult> ShowAsync(Guid? undo, int status, CancellationToken ct)
    {
        var merges = db.PersonMerges.AsNoTracking();
        Total = await merges.CountAsync(ct);
        var page = await merges
            .OrderByDescending(m => m.MergedAt).ThenByDescending(m => m.Id)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .ToListAsync(ct);
        PersonMerge? undoing = null;
        if (undo is { } id)
        {
            undoing = page.Find(m => m.Id == id) ?? await merges.FirstOrDefaultAsync(m => m.Id == id, ct);
            if (undoing is null)
            {
                await audit.RecordAsync("person.merge-undone", nameof(PersonMerge), id, AuditLog.NotFound, ct: ct);
                return NotFound();
            }
        }

        var all = undoing is null || page.Contains(undoing) ? page : [.. page, undoing];
        var personIds = all.SelectMany(m => new[] { m.SurvivorId, m.MergedId }).Distinct().ToList();
        var persons = await db.Persons.AsNoTracking()
            .Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.GivenName, p.Surname, p.TerritoryCode })
            .ToDictionaryAsync(p => p.Id, ct);
        var userIds = all.Select(m => m.MergedById).Concat(all.Select(m => m.UndoneById ?? string.Empty)).Distinct().ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => $"{u.DisplayName} ({Texts.Get("role." + u.Role)})", ct);

        string NameOf(Guid person) => persons.TryGetValue(person, out var p) ? $"{p.Surname.ToUpperInvariant()} {p.GivenName}" : Texts.Get("common.none");
        string? UserOf(string? user) => user is null ? null : users.GetValueOrDefault(user, user);
        Line LineOf(PersonMerge m) => new(
            m.Id, m.SurvivorId, NameOf(m.SurvivorId), m.MergedId, NameOf(m.MergedId), m.MergedAt, UserOf(m.MergedById)!, m.Reason,
            m.UndoneAt, UserOf(m.UndoneById), m.UndoReason, m.Version,
            PersonMerge.ParseIds(m.MovedCaseIds).Count, PersonMerge.ParseIds(m.MovedReportIds).Count);
        Lines = [.. page.Select(LineOf)];
        Undoing = undoing is null ? null : LineOf(undoing);
        if (Undoing is { Active: true } && Input.MergeId == Guid.Empty)
        {
            Input = new UndoInput { MergeId = Undoing.Id, Version = Undoing.Version };
        }
        else if (Undoing is { Active: false } && ModelState.IsValid)
        {
            ModelState.AddModelError(string.Empty, Texts.Get("steward.error.already-undone"));
            status = StatusCodes.Status422UnprocessableEntity;
        }

        // Each person whose name is shown was read: one event per person, after one for the list (counts only).
        audit.Append("steward.merges", nameof(PersonMerge), null, reason: $"{page.Count} of {Total} shown");
        foreach (var person in persons.Values)
        {
            audit.Append("person.listed", nameof(Person), person.Id, reason: "merge list", territory: person.TerritoryCode);
        }

        await db.SaveChangesAsync(ct);
        Response.StatusCode = status;
        return Page();
    }

    public sealed class UndoInput
    {
        public Guid MergeId { get; set; }

        public int Version { get; set; }

        public string? Reason { get; set; }
    }
}
