using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Tests.Infrastructure;
using Case = Passerelle.Domain.Case;

namespace Passerelle.Web.Tests.Pages;

/// <summary>Seeding and form helpers shared by the panel meetings and members page tests.</summary>
internal static partial class PanelKit
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static DateOnly ParisToday(PasserelleFactory factory) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(factory.Clock.GetUtcNow().UtcDateTime, Paris));

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A person and an open case of <paramref name="territory"/>, stored as the system.</summary>
    public static Task<(Guid PersonId, Guid CaseId)> CaseAsync(PasserelleFactory factory, string territory, string surname, Action<Case, DateTime>? then = null) =>
        factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var person = new Person { TerritoryCode = territory, GivenName = "Camille", Surname = surname, CreatedById = "test", CreatedAt = now, BirthYear = 1999 };
            person.RefreshSearchKey();
            var @case = Case.Open(person, "test", now);
            then?.Invoke(@case, now);
            db.Persons.Add(person);
            db.Cases.Add(@case);
            await db.SaveChangesAsync();
            return (person.Id, @case.Id);
        });

    /// <summary>A "keep followed" decision in force, applied to the case, with its next review on <paramref name="nextReview"/>.</summary>
    public static void Followed(Case @case, DateTime now, DateOnly nextReview, Action<PanelDecision>? keep = null)
    {
        var (decision, error) = PanelDecision.Propose(@case, DecisionType.KeepFollowed, "Suivi maintenu.", nextReview, "police", null, null, null,
            @case.TerritoryCode, null, null, "test", now);
        error.ShouldBeNull();
        @case.ApplyDecision(decision!, "test", now).ShouldBeNull();
        keep?.Invoke(decision!);
    }

    public static async Task<Guid> ScheduleAsync(PasserelleFactory factory, WebSession session, int inDays = 7, string location = "Préfecture, salle 1")
    {
        var post = await session.PostFormAsync("/panel/meetings/new", "/panel/meetings/new",
            ("Input.Date", Iso(ParisToday(factory).AddDays(inDays))), ("Input.Time", "14:30"), ("Input.Location", location));
        post.Redirects.ShouldBeTrue(post.ToString());
        return Guid.Parse(MeetingUrl().Match(post.Location!).Groups[1].Value);
    }

    /// <summary>GETs the meeting page, then posts a handler with its anti-forgery token and the meeting's version (unless given).</summary>
    public static async Task<PageResponse> PostAsync(WebSession session, Guid meetingId, string handler, params (string Name, string Value)[] fields)
    {
        var page = await session.GetAsync($"/panel/meetings/{meetingId}");
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var all = fields.ToList();
        if (all.All(f => f.Name != "Version"))
        {
            all.Add(("Version", WebSession.Hidden(page, "Version")));
        }

        return await session.PostWithTokenAsync($"/panel/meetings/{meetingId}?handler={handler}", WebSession.AntiForgeryToken(page), [.. all]);
    }

    public static async Task<PageResponse> PostMinutesAsync(WebSession session, Guid meetingId, string handler, params (string Name, string Value)[] fields)
    {
        var page = await session.GetAsync($"/panel/meetings/{meetingId}/minutes");
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var all = fields.ToList();
        if (all.All(f => f.Name != "Version") && handler != "Correction")
        {
            all.Add(("Version", WebSession.Hidden(page, "Version")));
        }

        return await session.PostWithTokenAsync($"/panel/meetings/{meetingId}/minutes?handler={handler}", WebSession.AntiForgeryToken(page), [.. all]);
    }

    public static Task<PanelMember> MemberAsync(PasserelleFactory factory, string territory, string name, PanelFunction function, bool active = true) =>
        factory.WithDbAsync(async db =>
        {
            var member = new PanelMember { TerritoryCode = territory, Name = name, Service = "police", Function = function, Active = active };
            db.PanelMembers.Add(member);
            await db.SaveChangesAsync();
            return member;
        });

    public static Task<List<AgendaItem>> AgendaAsync(PasserelleFactory factory, Guid meetingId) =>
        factory.WithDbAsync(db => db.AgendaItems.AsNoTracking().Where(a => a.MeetingId == meetingId).OrderBy(a => a.Position).ToListAsync());

    public static Task<PanelMeeting> MeetingAsync(PasserelleFactory factory, Guid meetingId) =>
        factory.WithDbAsync(db => db.PanelMeetings.AsNoTracking().SingleAsync(m => m.Id == meetingId));

    [GeneratedRegex("^/panel/meetings/([0-9a-f-]{36})$")]
    private static partial Regex MeetingUrl();
}
