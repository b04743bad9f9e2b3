using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Localization;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.Panel.Meetings;

/// <summary>
/// Schedules a meeting (date and time in French time, stored in UTC; never in the past) and builds its agenda
/// at once from what waits for the panel (<see cref="MeetingAgenda"/>).
/// </summary>
[Authorize(Policy = Permissions.PanelWork)]
internal sealed class NewModel(PasserelleDb db, AuditLog audit, CurrentActor actor, TimeProvider clock) : PageModel
{
    public sealed class MeetingInput
    {
        public string? Territory { get; set; }

        public string? Date { get; set; }

        public string? Time { get; set; }

        public string? Location { get; set; }
    }

    [BindProperty]
    public MeetingInput Input { get; set; } = new();

    public IReadOnlyList<string>? Territories { get; private set; }

    public void OnGet()
    {
        Territories = Choices();
        Input = new MeetingInput { Time = "14:00" };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Territories = Choices();
        ModelState.Clear();
        var errors = new List<FieldError>();
        string? territory = Territories is null ? (actor.Scope.Territories.Count > 0 ? actor.Scope.Territories[0] : null) : null;
        if (Territories is not null)
        {
            var code = Input.Territory?.Trim();
            if (string.IsNullOrEmpty(code))
            {
                errors.Add(new("Input.Territory", "panel.members.error.territory-required"));
            }
            else if (!Territories.Contains(code, StringComparer.Ordinal))
            {
                errors.Add(new("Input.Territory", "error.territory-outside-scope"));
            }
            else
            {
                territory = code;
            }
        }

        DateOnly? day = null;
        if (string.IsNullOrWhiteSpace(Input.Date))
        {
            errors.Add(new("Input.Date", "panel.meetings.error.date-required"));
        }
        else if (Input.Date.Length > 10 || !DateOnly.TryParseExact(Input.Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            errors.Add(new("Input.Date", "panel.meetings.error.date-invalid"));
        }
        else
        {
            day = d;
        }

        TimeOnly? time = null;
        if (string.IsNullOrWhiteSpace(Input.Time))
        {
            errors.Add(new("Input.Time", "panel.meetings.error.time-required"));
        }
        else if (Input.Time.Length > 5 || !TimeOnly.TryParseExact(Input.Time.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            errors.Add(new("Input.Time", "panel.meetings.error.time-invalid"));
        }
        else
        {
            time = t;
        }

        var location = ReportValidation.FreeText(errors, "Input.Location", Input.Location, PanelMeeting.MaxLocationLength);
        if (location is not null && location.Contains('\n', StringComparison.Ordinal))
        {
            errors.Add(new("Input.Location", "error.control-characters"));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        DateTime at = default;
        if (day is { } dd && time is { } tt)
        {
            at = ParisTime.ToUtc(dd, tt);
            if (at <= now)
            {
                errors.Add(new("Input.Date", "panel.meetings.error.past"));
            }
            else if (at > now.AddYears(2))
            {
                errors.Add(new("Input.Date", "panel.meetings.error.too-far"));
            }
        }

        if (errors.Count > 0 || territory is null)
        {
            foreach (var e in errors)
            {
                ModelState.AddModelError(e.Field, Texts.Format(e.MessageKey, e.Args));
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var actorId = actor.Scope.UserId!;
        var meeting = new PanelMeeting
        {
            TerritoryCode = territory,
            ScheduledAt = at,
            Location = location,
            CreatedById = actorId,
            CreatedAt = now,
        };
        var added = await MeetingAgenda.BuildAsync(db, meeting, actorId, ct);
        db.PanelMeetings.Add(meeting);
        audit.Append("meeting.created", nameof(PanelMeeting), meeting.Id, reason: $"agenda items: {added}", territory: territory);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = Texts.Format("panel.meetings.created", added);
        return LocalRedirect($"/panel/meetings/{meeting.Id}");
    }

    private IReadOnlyList<string>? Choices() => actor.Scope.Territories.Count > 1 ? actor.Scope.Territories : null;
}
