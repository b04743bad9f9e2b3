using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Steward;

/// <summary>
/// Two persons side by side with the engine's explanation; the data steward chooses the record to keep,
/// gives a reason and merges. The form carries both versions: a change made meanwhile is shown, never
/// overwritten. Persons outside the steward's territories are not found (404).
/// </summary>
[Authorize(Policy = Permissions.RegisterMerge)]
internal sealed class MergeModel(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "a")]
    public string? A { get; set; }

    [BindProperty(SupportsGet = true, Name = "b")]
    public string? B { get; set; }

    [BindProperty]
    public MergeInput Input { get; set; } = new();

    public Side? Left { get; private set; }

    public Side? Right { get; private set; }

    public double Probability { get; private set; }

    public IReadOnlyList<FindCandidates.Evidence> Evidence { get; private set; } = [];

    public string? Conflict { get; private set; }

    /// <summary>The form is offered only for two distinct persons, neither already merged.</summary>
    public bool CanMerge => Left is { MergedIntoId: null } && Right is { MergedIntoId: null } && Left.Id != Right.Id;

    public sealed record CaseLine(Guid Id, CaseStatus Status, DateTime OpenedAt);

    public sealed record Side(
        Guid Id, string GivenName, string Surname, string? Aliases, string? DateOfBirth, string? PlaceOfBirth, Sex Sex, string? Address,
        string Territory, DateTime CreatedAt, int Version, Guid? MergedIntoId, IReadOnlyList<CaseLine> Cases, int Reports)
    {
        public string Name => $"{Surname.ToUpperInvariant()} {GivenName}";
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!TryIds(out var a, out var b))
        {
            return Refuse(StatusCodes.Status400BadRequest, "steward.error.bad-id");
        }

        if (a == b)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "steward.error.same-person");
        }

        if (!await LoadAsync(a, b, ct))
        {
            return NotFound();
        }

        if (!CanMerge)
        {
            ModelState.AddModelError(string.Empty, Texts.Get("steward.error.already-merged"));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        Input = new MergeInput { Survivor = a.ToString(), VersionA = Left!.Version, VersionB = Right!.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!TryIds(out var a, out var b))
        {
            return Refuse(StatusCodes.Status400BadRequest, "steward.error.bad-id");
        }

        if (a == b)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "steward.error.same-person");
        }

        // A binding error (a version that is not a number) means a forged or broken form: nothing is merged.
        if (!ModelState.IsValid)
        {
            ModelState.Clear();
            return Refuse(StatusCodes.Status400BadRequest, "steward.error.bad-form");
        }

        Guid? survivor = Guid.TryParse(Input.Survivor, out var s) && (s == a || s == b) ? s : null;
        if (survivor is null)
        {
            ModelState.AddModelError("Input.Survivor", Texts.Get("steward.error.survivor"));
            if (MergePersons.CheckReason(Input.Reason) is { } reasonError)
            {
                ModelState.AddModelError("Input.Reason", Texts.Format(reasonError.Key, reasonError.Args));
            }

            return await ReshowAsync(a, b, StatusCodes.Status422UnprocessableEntity, ct);
        }

        var merged = survivor == a ? b : a;
        var (survivorVersion, mergedVersion) = survivor == a ? (Input.VersionA, Input.VersionB) : (Input.VersionB, Input.VersionA);
        var result = await new MergePersons(db, audit, actor, clock).MergeAsync(survivor.Value, merged, Input.Reason, survivorVersion, mergedVersion, ct);
        switch (result.Outcome)
        {
            case MergePersons.Outcome.Done:
                TempData["Message"] = Texts.Get("steward.merged");
                return LocalRedirect($"/persons/{survivor}");
            case MergePersons.Outcome.NotFound:
                return NotFound();
            case MergePersons.Outcome.Conflict:
                Conflict = Texts.Get("steward.conflict");
                ModelState.Clear();
                return await ReshowAsync(a, b, StatusCodes.Status409Conflict, ct, freshVersions: true);
            default:
                ModelState.AddModelError(result.OnReason ? "Input.Reason" : string.Empty, Texts.Format(result.MessageKey!, result.Args ?? []));
                return await ReshowAsync(a, b, StatusCodes.Status422UnprocessableEntity, ct);
        }
    }

    private async Task<IActionResult> ReshowAsync(Guid a, Guid b, int status, CancellationToken ct, bool freshVersions = false)
    {
        if (!await LoadAsync(a, b, ct))
        {
            return NotFound();
        }

        if (freshVersions)
        {
            Input.VersionA = Left!.Version;
            Input.VersionB = Right!.Version;
        }

        Response.StatusCode = status;
        return Page();
    }

    private PageResult Refuse(int status, string key)
    {
        ModelState.AddModelError(string.Empty, Texts.Get(key));
        Response.StatusCode = status;
        return Page();
    }

    private bool TryIds(out Guid a, out Guid b)
    {
        b = Guid.Empty;
        return Guid.TryParse(A, out a) & Guid.TryParse(B, out b);
    }

    /// <summary>Both persons through the filtered set, with their cases and report counts; a read of both, audited before the page is shown.</summary>
    private async Task<bool> LoadAsync(Guid a, Guid b, CancellationToken ct)
    {
        var persons = await db.Persons.AsNoTracking().Where(p => p.Id == a || p.Id == b).ToListAsync(ct);
        var first = persons.Find(p => p.Id == a);
        var second = persons.Find(p => p.Id == b);
        if (first is null || second is null)
        {
            await audit.RecordAsync("person.read", nameof(Person), first is null ? a : b, AuditLog.NotFound, reason: "merge", ct: ct);
            return false;
        }

        var cases = await db.Cases.AsNoTracking()
            .Where(c => c.PersonId == a || c.PersonId == b)
            .OrderByDescending(c => c.OpenedAt)
            .Select(c => new { c.PersonId, Line = new CaseLine(c.Id, c.Status, c.OpenedAt) })
            .ToListAsync(ct);
        var reports = await db.Reports.AsNoTracking()
            .Where(r => r.PersonId == a || r.PersonId == b)
            .GroupBy(r => r.PersonId)
            .Select(g => new { PersonId = g.Key, Count = g.Count() })
            .ToListAsync(ct);

        Side SideOf(Person p) => new(
            p.Id, p.GivenName, p.Surname, p.Aliases, p.DateOfBirth?.ToString(), p.PlaceOfBirth, p.Sex, p.Address, p.TerritoryCode, p.CreatedAt, p.Version, p.MergedIntoId,
            [.. cases.Where(c => c.PersonId == p.Id).Select(c => c.Line)],
            reports.Find(r => r.PersonId == p.Id)?.Count ?? 0);
        Left = SideOf(first);
        Right = SideOf(second);
        var result = FindDuplicates.Compare(first, second);
        Probability = result.Probability;
        Evidence = FindDuplicates.Explain(result);

        audit.Append("person.read", nameof(Person), first.Id, reason: "merge", territory: first.TerritoryCode);
        audit.Append("person.read", nameof(Person), second.Id, reason: "merge", territory: second.TerritoryCode);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public sealed class MergeInput
    {
        /// <summary>Id of the person kept (one of a and b).</summary>
        public string? Survivor { get; set; }

        public string? Reason { get; set; }

        public int VersionA { get; set; }

        public int VersionB { get; set; }
    }
}
