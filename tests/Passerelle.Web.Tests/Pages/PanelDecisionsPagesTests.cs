using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using Case = Shouldly.Case;
using CaseRecord = Passerelle.Domain.Case;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// Panel decisions (issue 5): a member records a decision on an agenda item during a meeting in session with
/// its chair present; closures and transfers wait for the chair (never their proposer), who approves or refuses
/// them on /panel/approvals. Meetings are built directly in the database; each test uses its own cases.
/// </summary>
public sealed class PanelDecisionsPagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    private const string Rationale = "Comportement examiné en séance : rupture familiale, propos relevés par l'établissement.";

    private DateTime Now => factory.Clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private Task<WebSession> SessionAsync(string role, string territory, string key = "") =>
        factory.OnceAsync($"session:{role}:{territory}:{key}", async () =>
            await factory.SignInAsync(key.Length == 0 ? await factory.PageUserAsync(role, territory) : await factory.CreatePageUserAsync(role, territory)));

    private Task<WebSession> MemberAsync() => SessionAsync(Roles.Ged, "59");

    private Task<WebSession> ChairAsync() => SessionAsync(Roles.GedChair, "59");

    private static string UniqueName(string prefix) =>
        prefix + string.Concat(Guid.NewGuid().ToByteArray().Take(6).Select(b => (char)('a' + (b % 26))));

    /// <summary>A person and their case in <paramref name="territory"/>, recorded through the report service.</summary>
    private Task<(Guid CaseId, Guid PersonId, string Surname)> NewCaseAsync(string territory = "59") =>
        factory.AsSystemAsync(async services =>
        {
            var surname = UniqueName("Dossier");
            var (recorded, error) = await services.GetRequiredService<RecordReport>().ExecuteAsync(
                new ValidReport(ReportSource.Panel, territory, null, null, "Yanis", surname, null, new PartialDate(2001, 5, 4), "Lille", Sex.Male,
                    "3 rue Solférino, Lille", ["family-rupture"], "Premier signalement.", Urgency.Routine, null),
                CancellationToken.None);
            error.ShouldBeNull();
            return (recorded!.CaseId, recorded.PersonId, surname);
        });

    /// <summary>A meeting of <paramref name="territory"/> with a chair (present or not), a member, and one case item per case.</summary>
    private Task<(Guid MeetingId, Guid[] Items)> MeetingAsync(string territory, MeetingStatus status, params Guid[] caseIds) =>
        MeetingAsync(territory, status, PanelFunction.Chair, true, caseIds);

    private Task<(Guid MeetingId, Guid[] Items)> MeetingAsync(string territory, MeetingStatus status, PanelFunction chairFunction, bool chairPresent, params Guid[] caseIds) =>
        factory.WithDbAsync(async db =>
        {
            var chair = new PanelMember { TerritoryCode = territory, Name = "Mme la préfète", Service = "prefecture", Function = chairFunction };
            var member = new PanelMember { TerritoryCode = territory, Name = "Commandant Police", Service = "police" };
            db.PanelMembers.AddRange(chair, member);
            var meeting = new PanelMeeting { TerritoryCode = territory, ScheduledAt = Now.AddHours(-1), Status = status, CreatedById = "system", CreatedAt = Now.AddDays(-7) };
            meeting.Attendance.Add(new MeetingAttendance { MeetingId = meeting.Id, MemberId = chair.Id, TerritoryCode = territory, Present = chairPresent, Function = chairFunction, MemberName = chair.Name, Service = chair.Service });
            meeting.Attendance.Add(new MeetingAttendance { MeetingId = meeting.Id, MemberId = member.Id, TerritoryCode = territory, Present = true, Function = PanelFunction.Member, MemberName = member.Name, Service = member.Service });
            var items = caseIds.Select((id, i) => new AgendaItem { MeetingId = meeting.Id, TerritoryCode = territory, Position = i + 1, Kind = AgendaItemKind.ReviewDue, CaseId = id, AddedById = "system" }).ToList();
            meeting.Agenda.AddRange(items);
            db.PanelMeetings.Add(meeting);
            await db.SaveChangesAsync();
            return (meeting.Id, items.Select(i => i.Id).ToArray());
        });

    private static string DecideUrl(Guid meetingId, Guid itemId, string query = "") => $"/panel/meetings/{meetingId}/items/{itemId}/decide{query}";

    /// <summary>Opens the form (asserting it shows), then posts <paramref name="fields"/> with the versions read on it.</summary>
    private static async Task<PageResponse> DecideAsync(WebSession session, Guid meetingId, Guid itemId, params (string Name, string Value)[] fields) =>
        await DecideAtAsync(session, DecideUrl(meetingId, itemId), fields);

    private static async Task<PageResponse> DecideAtAsync(WebSession session, string url, params (string Name, string Value)[] fields)
    {
        var form = await session.GetAsync(url);
        form.Status.ShouldBe(HttpStatusCode.OK, form.ToString());
        var all = fields.ToList();
        foreach (var version in new[] { "Input.CaseVersion", "Input.ItemVersion" })
        {
            if (all.All(f => f.Name != version))
            {
                all.Add((version, WebSession.Hidden(form, version)));
            }
        }

        return await session.PostWithTokenAsync(url, WebSession.AntiForgeryToken(form), [.. all]);
    }

    private Task<(CaseRecord Case, List<PanelDecision> Decisions, AgendaItem? Item)> StateAsync(Guid caseId, Guid? itemId = null) =>
        factory.WithDbAsync(async db => (
            await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId),
            await db.PanelDecisions.AsNoTracking().Where(d => d.CaseId == caseId).OrderBy(d => d.DecidedAt).ToListAsync(),
            itemId is null ? null : await db.AgendaItems.AsNoTracking().SingleAsync(a => a.Id == itemId)));

    private Task<int> AuditCountAsync(string action, Guid objectId) =>
        factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == action && e.ObjectId == objectId.ToString()));

    private static void ShouldRedirectToMeeting(PageResponse response, Guid meetingId)
    {
        response.Redirects.ShouldBeTrue(response.ToString());
        response.Location.ShouldBe($"/panel/meetings/{meetingId}");
    }

    private static void ShouldBeRefused(PageResponse response, string key, params object[] args)
    {
        response.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, response.ToString());
        response.Html.ShouldContain(Fr(key, args));
        response.Html.ShouldContain(Fr("common.errors-title"));
    }

    /// <summary>A pending closure proposed by the member on a meeting in session; returns the decision.</summary>
    private async Task<(Guid CaseId, PanelDecision Decision, string Surname)> PendingAsync(DecisionType type = DecisionType.Close, WebSession? proposer = null, string rationale = Rationale)
    {
        var (caseId, _, surname) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, caseId);
        var fields = new List<(string, string)> { ("Input.Type", type.ToString()), ("Input.Rationale", rationale) };
        fields.AddRange(type == DecisionType.Close
            ? [("Input.ClosureReason", nameof(ClosureReason.RiskEnded))]
            : [("Input.TransferTo", "62")]);
        var response = await DecideAsync(proposer ?? await MemberAsync(), meetingId, items[0], [.. fields]);
        ShouldRedirectToMeeting(response, meetingId);
        var (_, decisions, _) = await StateAsync(caseId);
        return (caseId, decisions.ShouldHaveSingleItem(), surname);
    }

    private static async Task<PageResponse> SettleAsync(WebSession chair, Guid decisionId, string handler, string? note, int? version = null)
    {
        var page = await chair.GetAsync("/panel/approvals");
        page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
        var fields = new List<(string, string)> { ("id", decisionId.ToString()), ("version", (version ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        if (note is not null)
        {
            fields.Add(("note", note));
        }

        return await chair.PostWithTokenAsync($"/panel/approvals?handler={handler}", WebSession.AntiForgeryToken(page), [.. fields]);
    }

    [Theory]
    [InlineData(DecisionType.ReferCare, 3)]
    [InlineData(DecisionType.ReferProgramme, 6)]
    [InlineData(DecisionType.ReferJudicial, 3)]
    [InlineData(DecisionType.ReferChildProtection, 2)]
    public async Task AReferral_TakesEffectAtOnce_WithItsDate_AndTheItemIsDiscussed(DecisionType type, int defaultMonths)
    {
        var (caseId, _, _) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, caseId);
        var member = await MemberAsync();
        var form = await member.GetAsync(DecideUrl(meetingId, items[0]));
        form.Html.ShouldContain($"value=\"{type}\" data-default-review=\"{Iso(Today.AddMonths(defaultMonths))}\"");
        form.Html.ShouldContain(Fr("decision.help." + type));

        var response = await DecideAsync(member, meetingId, items[0], ("Input.Type", type.ToString()), ("Input.Rationale", Rationale), ("Input.NextReview", Iso(Today.AddMonths(4))));

        ShouldRedirectToMeeting(response, meetingId);
        var (@case, decisions, item) = await StateAsync(caseId, items[0]);
        var decision = decisions.ShouldHaveSingleItem();
        decision.Type.ShouldBe(type);
        decision.Status.ShouldBe(DecisionStatus.Effective);
        decision.MeetingId.ShouldBe(meetingId);
        decision.AgendaItemId.ShouldBe(items[0]);
        decision.Rationale.ShouldBe(Rationale);
        @case.Status.ShouldBe(CaseStatus.Followed);
        @case.NextReviewOn.ShouldBe(Today.AddMonths(4));
        @case.LastDecisionType.ShouldBe(type);
        item!.State.ShouldBe(AgendaItemState.Discussed);
        (await AuditCountAsync("decision.recorded", decision.Id)).ShouldBe(1);
        (await factory.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == caseId && e.Kind == CaseEventKind.DecisionApplied && e.DecisionId == decision.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task KeepFollowed_NamesAServiceFromTheListOrInFreeText()
    {
        var (listed, _, _) = await NewCaseAsync();
        var (free, _, _) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, listed, free);
        var member = await MemberAsync();

        ShouldRedirectToMeeting(await DecideAsync(member, meetingId, items[0], ("Input.Type", "KeepFollowed"), ("Input.Service", "gendarmerie"), ("Input.Rationale", Rationale)), meetingId);
        ShouldRedirectToMeeting(await DecideAsync(member, meetingId, items[1], ("Input.Type", "KeepFollowed"), ("Input.Service", "other"), ("Input.ServiceOther", "Mission locale de Roubaix"), ("Input.Rationale", Rationale)), meetingId);

        var (first, _, _) = await StateAsync(listed);
        first.FollowingService.ShouldBe("gendarmerie");
        first.Status.ShouldBe(CaseStatus.Followed);
        var (second, _, _) = await StateAsync(free);
        second.FollowingService.ShouldBe("Mission locale de Roubaix");
        var form = await member.GetAsync(DecideUrl(meetingId, items[0]));
        form.Html.ShouldContain(Fr("panel.service.gendarmerie"));
    }

    [Fact]
    public async Task KeepFollowed_WithoutAService_OrWithAnUnknownCode_IsRefused()
    {
        var (caseId, _, _) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, caseId);
        var member = await MemberAsync();
        ShouldBeRefused(await DecideAsync(member, meetingId, items[0], ("Input.Type", "KeepFollowed"), ("Input.Rationale", Rationale)), "decision.service-required");
        ShouldBeRefused(await DecideAsync(member, meetingId, items[0], ("Input.Type", "KeepFollowed"), ("Input.Service", "../../etc/passwd"), ("Input.Rationale", Rationale)), "error.unknown-value");
        (await StateAsync(caseId)).Decisions.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DecisionType.KeepFollowed, 3)]
    [InlineData(DecisionType.ReferProgramme, 6)]
    [InlineData(DecisionType.ReferChildProtection, 2)]
    public async Task AnEmptyNextReview_TakesTheTypesDefault(DecisionType type, int months)
    {
        var (caseId, _, _) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, caseId);

        var response = await DecideAsync(await MemberAsync(), meetingId, items[0], ("Input.Type", type.ToString()), ("Input.Service", "police"), ("Input.Rationale", Rationale), ("Input.NextReview", ""));

        ShouldRedirectToMeeting(response, meetingId);
        var (@case, decisions, _) = await StateAsync(caseId);
        decisions.ShouldHaveSingleItem().NextReviewOn.ShouldBe(Today.AddMonths(months));
        @case.NextReviewOn.ShouldBe(Today.AddMonths(months));
    }

    public static TheoryData<string, int, string> BadReviewDates => new()
    {
        { "today", 0, "decision.next-review-past" },
        { "past", -3, "decision.next-review-past" },
        { "beyond 12 months", 400, "decision.next-review-too-far" },
    };

    [Theory]
    [MemberData(nameof(BadReviewDates))]
    public async Task AFollowedCase_AlwaysHasAValidNextReview_ElseNothingChanges(string what, int days, string key)
    {
        var (caseId, _, _) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, caseId);
        var (before, _, _) = await StateAsync(caseId);

        var response = await DecideAsync(await MemberAsync(), meetingId, items[0], ("Input.Type", "ReferCare"), ("Input.Rationale", Rationale), ("Input.NextReview", Iso(Today.AddDays(days))));

        ShouldBeRefused(response, key, 12);
        response.Html.ShouldContain("href=\"#Input_NextReview\"", customMessage: what);
        var (after, decisions, item) = await StateAsync(caseId, items[0]);
        decisions.ShouldBeEmpty();
        after.Version.ShouldBe(before.Version);
        after.Status.ShouldBe(before.Status);
        after.NextReviewOn.ShouldBeNull();
        item!.State.ShouldBe(AgendaItemState.Pending);
    }

    [Fact]
    public async Task AMalformedDate_GetsAClearMessage()
    {
        var (caseId, _, _) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, caseId);
        ShouldBeRefused(await DecideAsync(await MemberAsync(), meetingId, items[0], ("Input.Type", "ReferCare"), ("Input.Rationale", Rationale), ("Input.NextReview", "2026-13-45")), "decision.next-review-invalid");
        (await StateAsync(caseId)).Decisions.ShouldBeEmpty();
    }

    [Fact]
    public async Task WithoutTheChairPresent_NoDecisionIsRecorded()
    {
        var (caseId, _, _) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, PanelFunction.Chair, chairPresent: false, caseId);
        var member = await MemberAsync();
        var form = await member.GetAsync(DecideUrl(meetingId, items[0]));
        form.Status.ShouldBe(HttpStatusCode.OK);
        form.Html.ShouldContain(Fr("meeting.chair-absent"), customMessage: form.Html[Math.Max(0, form.Html.IndexOf("<main", StringComparison.Ordinal))..]);
        form.Html.ShouldNotContain("name=\"Input.Rationale\"");
        var (before, _, _) = await StateAsync(caseId);

        var response = await member.PostWithTokenAsync(DecideUrl(meetingId, items[0]), WebSession.AntiForgeryToken(form),
            ("Input.Type", "ReferCare"), ("Input.Rationale", Rationale), ("Input.CaseVersion", before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.ItemVersion", "0"));

        ShouldBeRefused(response, "meeting.chair-absent");
        (await StateAsync(caseId)).Decisions.ShouldBeEmpty();
    }

    [Fact]
    public async Task TheChairsDelegate_IsEnough()
    {
        var (caseId, _, _) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, PanelFunction.ChairDelegate, chairPresent: true, caseId);
        ShouldRedirectToMeeting(await DecideAsync(await MemberAsync(), meetingId, items[0], ("Input.Type", "ReferCare"), ("Input.Rationale", Rationale)), meetingId);
    }

    [Theory]
    [InlineData(MeetingStatus.Validated, "meeting.locked")]
    [InlineData(MeetingStatus.Ended, "decision.meeting-not-in-session")]
    [InlineData(MeetingStatus.Scheduled, "decision.meeting-not-in-session")]
    public async Task AMeetingNotInSession_RecordsNoDecision(MeetingStatus status, string key)
    {
        var (caseId, _, _) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", status, caseId);
        var member = await MemberAsync();
        var form = await member.GetAsync(DecideUrl(meetingId, items[0]));
        form.Html.ShouldContain(Fr(key));
        var (before, _, _) = await StateAsync(caseId);

        var response = await member.PostWithTokenAsync(DecideUrl(meetingId, items[0]), WebSession.AntiForgeryToken(form),
            ("Input.Type", "ReferCare"), ("Input.Rationale", Rationale), ("Input.CaseVersion", before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.ItemVersion", "0"));

        ShouldBeRefused(response, key);
        var (after, decisions, item) = await StateAsync(caseId, items[0]);
        decisions.ShouldBeEmpty();
        after.Version.ShouldBe(before.Version);
        item!.State.ShouldBe(AgendaItemState.Pending);
    }

    [Fact]
    public async Task AClosure_WaitsForTheChair_WhoApprovesIt_AndTheRetentionStarts()
    {
        var (caseId, decision, surname) = await PendingAsync();
        decision.Status.ShouldBe(DecisionStatus.PendingApproval);
        decision.ClosureReason.ShouldBe(ClosureReason.RiskEnded);
        decision.NextReviewOn.ShouldBeNull();
        var (pending, _, _) = await StateAsync(caseId);
        pending.Status.ShouldBe(CaseStatus.Reported);
        pending.RetainUntil.ShouldBeNull();
        (await factory.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == caseId && e.Kind == CaseEventKind.DecisionProposed))).ShouldBe(1);
        (await AuditCountAsync("decision.proposed", decision.Id)).ShouldBe(1);

        var chair = await ChairAsync();
        var list = await chair.GetAsync("/panel/approvals");
        list.Html.ShouldContain(surname.ToUpperInvariant());
        list.Html.ShouldContain(Fr("decision.reason.RiskEnded"));
        list.Html.ShouldContain(Html(Rationale));
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "person.listed" && e.Reason == "approvals"))).ShouldBeGreaterThan(0);

        var approved = await SettleAsync(chair, decision.Id, "Approve", null, decision.Version);

        approved.Redirects.ShouldBeTrue(approved.ToString());
        var (closed, decisions, _) = await StateAsync(caseId);
        closed.Status.ShouldBe(CaseStatus.Closed);
        closed.RetainUntil.ShouldNotBeNull().ShouldBe(Now + TimeSpan.FromDays(1826), TimeSpan.FromMinutes(1));
        decisions.Single().Status.ShouldBe(DecisionStatus.Effective);
        decisions.Single().ApprovedById.ShouldNotBeNull();
        (await AuditCountAsync("decision.approved", decision.Id)).ShouldBe(1);
        (await factory.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == caseId && e.Kind == CaseEventKind.DecisionApplied && e.DecisionId == decision.Id))).ShouldBe(1);
        (await chair.GetAsync("/panel/approvals")).Html.ShouldNotContain(surname.ToUpperInvariant());
    }

    [Fact]
    public async Task TheProposer_NeverApprovesOwnProposal_EvenAsChair()
    {
        var proposerChair = await SessionAsync(Roles.GedChair, "59", "proposer");
        var (caseId, decision, _) = await PendingAsync(DecisionType.Close, proposerChair);

        var page = await proposerChair.GetAsync("/panel/approvals");
        page.Html.ShouldContain(Fr("decision.same-approver"));
        var refused = await SettleAsync(proposerChair, decision.Id, "Approve", null, decision.Version);

        ShouldBeRefused(refused, "decision.same-approver");
        (await StateAsync(caseId)).Decisions.Single().Status.ShouldBe(DecisionStatus.PendingApproval);
        (await StateAsync(caseId)).Case.Status.ShouldNotBe(CaseStatus.Closed);

        var other = await ChairAsync();
        (await SettleAsync(other, decision.Id, "Approve", "Validé.", decision.Version)).Redirects.ShouldBeTrue();
        (await StateAsync(caseId)).Case.Status.ShouldBe(CaseStatus.Closed);
    }

    [Fact]
    public async Task ARefusal_NeedsANote_AndLeavesTheCaseUnchanged()
    {
        var (caseId, decision, _) = await PendingAsync();
        var (before, _, _) = await StateAsync(caseId);
        var chair = await ChairAsync();

        ShouldBeRefused(await SettleAsync(chair, decision.Id, "Reject", "  ", decision.Version), "decision.approval-note-required");
        (await StateAsync(caseId)).Decisions.Single().Status.ShouldBe(DecisionStatus.PendingApproval);

        var rejected = await SettleAsync(chair, decision.Id, "Reject", "Le risque n'est pas écarté : réexaminer dans un mois.", decision.Version);

        rejected.Redirects.ShouldBeTrue(rejected.ToString());
        var (after, decisions, _) = await StateAsync(caseId);
        decisions.Single().Status.ShouldBe(DecisionStatus.Rejected);
        decisions.Single().ApprovalNote.ShouldBe("Le risque n'est pas écarté : réexaminer dans un mois.");
        after.Status.ShouldBe(before.Status);
        after.NextReviewOn.ShouldBe(before.NextReviewOn);
        after.RetainUntil.ShouldBeNull();
        (await factory.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == caseId && e.Kind == CaseEventKind.DecisionRejected))).ShouldBe(1);
        (await AuditCountAsync("decision.rejected", decision.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task AnApprovedTransfer_CreatesTheTransfer_AndTheCaseIsInTransfer()
    {
        var (caseId, decision, surname) = await PendingAsync(DecisionType.Transfer);
        decision.TransferTo.ShouldBe("62");
        decision.NextReviewOn.ShouldBe(Today.AddMonths(1));
        var approved = await SettleAsync(await ChairAsync(), decision.Id, "Approve", null, decision.Version);

        approved.Redirects.ShouldBeTrue(approved.ToString());
        var (@case, _, _) = await StateAsync(caseId);
        @case.TransferTo.ShouldBe("62");
        @case.TerritoryCode.ShouldBe("59");
        var transfer = await factory.WithDbAsync(db => db.CaseTransfers.AsNoTracking().SingleAsync(t => t.CaseId == caseId));
        transfer.FromTerritory.ShouldBe("59");
        transfer.ToTerritory.ShouldBe("62");
        transfer.DecisionId.ShouldBe(decision.Id);
        transfer.PersonLabel.ShouldBe($"Yanis {surname.ToUpperInvariant()} (2001)", StringCompareShould.IgnoreCase);
        transfer.Summary.ShouldBe(Rationale);
        transfer.RequestedById.ShouldBe(decision.ProposedById);
        transfer.Status.ShouldBe(TransferStatus.Pending);
        (await factory.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == caseId && e.Kind == CaseEventKind.TransferRequested))).ShouldBe(1);
    }

    [Fact]
    public async Task ADecisionInForce_MarksTheCaseReviewedInOpenCampaigns()
    {
        var (caseId, _, _) = await NewCaseAsync();
        var campaignId = await factory.WithDbAsync(async db =>
        {
            var campaign = new ReviewCampaign { Title = "Réexamen", TerritoryCode = "59", ScopeStatuses = "Reported", Deadline = Today.AddDays(10), CreatedAt = Now, CreatedById = "system" };
            db.ReviewCampaigns.Add(campaign);
            db.CampaignCases.Add(new CampaignCase { CampaignId = campaign.Id, CaseId = caseId, TerritoryCode = "59" });
            await db.SaveChangesAsync();
            return campaign.Id;
        });
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, caseId);

        ShouldRedirectToMeeting(await DecideAsync(await MemberAsync(), meetingId, items[0], ("Input.Type", "ReferCare"), ("Input.Rationale", Rationale)), meetingId);

        var entry = await factory.WithDbAsync(db => db.CampaignCases.AsNoTracking().SingleAsync(c => c.CampaignId == campaignId && c.CaseId == caseId));
        entry.ReviewedAt.ShouldNotBeNull();
        entry.ReviewedById.ShouldNotBeNull();
    }

    [Fact]
    public async Task ALockedDecision_IsCorrectedByANewLinkedDecision_AndNeverChanged()
    {
        var (caseId, _, _) = await NewCaseAsync();
        var (first, firstItems) = await MeetingAsync("59", MeetingStatus.InSession, caseId);
        var member = await MemberAsync();
        ShouldRedirectToMeeting(await DecideAsync(member, first, firstItems[0], ("Input.Type", "ReferCare"), ("Input.Rationale", Rationale)), first);
        var original = (await StateAsync(caseId)).Decisions.Single();
        await factory.WithDbAsync(async db =>
        {
            var meeting = await db.PanelMeetings.SingleAsync(m => m.Id == first);
            meeting.Status = MeetingStatus.Validated;
            (await db.PanelDecisions.SingleAsync(d => d.Id == original.Id)).Locked = true;
            await db.SaveChangesAsync();
        });
        var (second, secondItems) = await MeetingAsync("59", MeetingStatus.InSession, caseId);

        var form = await member.GetAsync(DecideUrl(second, secondItems[0]));
        form.Html.ShouldContain($"?corrects={original.Id}");
        var corrected = await DecideAtAsync(member, DecideUrl(second, secondItems[0], $"?corrects={original.Id}"),
            ("Input.Type", "ReferProgramme"), ("Input.Rationale", "Correction : le GED avait retenu le programme, pas la CPRAF."));

        ShouldRedirectToMeeting(corrected, second);
        var (@case, decisions, _) = await StateAsync(caseId);
        decisions.Count.ShouldBe(2);
        var old = decisions.Single(d => d.Id == original.Id);
        old.Type.ShouldBe(DecisionType.ReferCare);
        old.Rationale.ShouldBe(Rationale);
        old.Version.ShouldBe(original.Version + 1);
        var correction = decisions.Single(d => d.Id != original.Id);
        correction.CorrectsId.ShouldBe(original.Id);
        correction.MeetingId.ShouldBe(second);
        @case.LastDecisionType.ShouldBe(DecisionType.ReferProgramme);

        // The first meeting is locked: its item records nothing, correction or not.
        var locked = await member.GetAsync(DecideUrl(first, firstItems[0], $"?corrects={original.Id}"));
        locked.Html.ShouldContain(Fr("meeting.locked"));
    }

    [Fact]
    public async Task ACorrection_OfADecisionThatIsNotTheLastLockedOne_IsRefused()
    {
        var (caseId, _, _) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, caseId, caseId);
        var member = await MemberAsync();
        ShouldRedirectToMeeting(await DecideAsync(member, meetingId, items[0], ("Input.Type", "ReferCare"), ("Input.Rationale", Rationale)), meetingId);
        var unlocked = (await StateAsync(caseId)).Decisions.Single();

        var response = await DecideAtAsync(member, DecideUrl(meetingId, items[1], $"?corrects={unlocked.Id}"), ("Input.Type", "ReferJudicial"), ("Input.Rationale", Rationale));

        ShouldBeRefused(response, "decision.correction-invalid");
        (await StateAsync(caseId)).Decisions.Count.ShouldBe(1);
    }

    [Fact]
    public async Task TwoProposals_OnTheSameReading_OnlyOneWins()
    {
        var (caseId, _, _) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, caseId);
        var first = await MemberAsync();
        var second = await SessionAsync(Roles.Ged, "59", "second");
        var url = DecideUrl(meetingId, items[0]);
        var formA = await first.GetAsync(url);
        var formB = await second.GetAsync(url);

        var a = await first.PostWithTokenAsync(url, WebSession.AntiForgeryToken(formA), ("Input.Type", "Close"), ("Input.ClosureReason", "NotConfirmed"), ("Input.Rationale", Rationale),
            ("Input.CaseVersion", WebSession.Hidden(formA, "Input.CaseVersion")), ("Input.ItemVersion", WebSession.Hidden(formA, "Input.ItemVersion")));
        var b = await second.PostWithTokenAsync(url, WebSession.AntiForgeryToken(formB), ("Input.Type", "ReferCare"), ("Input.Rationale", Rationale),
            ("Input.CaseVersion", WebSession.Hidden(formB, "Input.CaseVersion")), ("Input.ItemVersion", WebSession.Hidden(formB, "Input.ItemVersion")));

        ShouldRedirectToMeeting(a, meetingId);
        b.Status.ShouldBe(HttpStatusCode.Conflict, b.ToString());
        b.Html.ShouldContain(Fr("decision.conflict"));
        var (@case, decisions, _) = await StateAsync(caseId);
        decisions.ShouldHaveSingleItem().Type.ShouldBe(DecisionType.Close);
        @case.LastDecisionType.ShouldBeNull();
    }

    [Fact]
    public async Task ADuplicateSubmit_RecordsOneDecision()
    {
        var (caseId, _, _) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, caseId);
        var member = await MemberAsync();
        var url = DecideUrl(meetingId, items[0]);
        var form = await member.GetAsync(url);
        (string, string)[] fields =
        [
            ("Input.Type", "ReferJudicial"), ("Input.Rationale", Rationale),
            ("Input.CaseVersion", WebSession.Hidden(form, "Input.CaseVersion")), ("Input.ItemVersion", WebSession.Hidden(form, "Input.ItemVersion")),
        ];

        ShouldRedirectToMeeting(await member.PostWithTokenAsync(url, WebSession.AntiForgeryToken(form), fields), meetingId);
        var again = await member.PostWithTokenAsync(url, WebSession.AntiForgeryToken(form), fields);

        again.Status.ShouldBe(HttpStatusCode.Conflict, again.ToString());
        (await StateAsync(caseId)).Decisions.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task AnotherDecision_WaitsWhileAClosureIsPending()
    {
        var (caseId, _, _) = await PendingAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, caseId);
        ShouldBeRefused(await DecideAsync(await MemberAsync(), meetingId, items[0], ("Input.Type", "ReferCare"), ("Input.Rationale", Rationale)), "decision.pending-exists");
        (await StateAsync(caseId)).Decisions.Count.ShouldBe(1);
    }

    [Fact]
    public async Task AnotherDepartementsPanel_SeesAndApprovesNothing()
    {
        var (caseId, decision, surname) = await PendingAsync();
        var (otherCase, _, _) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, otherCase);
        var chair62 = await SessionAsync(Roles.GedChair, "62");
        var ged62 = await SessionAsync(Roles.Ged, "62");

        (await ged62.GetAsync(DecideUrl(meetingId, items[0]))).Status.ShouldBe(HttpStatusCode.NotFound);
        var list = await chair62.GetAsync("/panel/approvals");
        list.Status.ShouldBe(HttpStatusCode.OK);
        list.Html.ShouldNotContain(surname.ToUpperInvariant());
        list.Html.ShouldNotContain(decision.Id.ToString());
        list.Html.ShouldContain(Fr("decision.approvals.empty"));
        (await SettleAsync(chair62, decision.Id, "Approve", null, decision.Version)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await SettleAsync(chair62, decision.Id, "Reject", "Non.", decision.Version)).Status.ShouldBe(HttpStatusCode.NotFound);

        (await StateAsync(caseId)).Decisions.Single().Status.ShouldBe(DecisionStatus.PendingApproval);
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "decision.approved" && e.ObjectId == decision.Id.ToString() && e.Outcome == "not-found"))).ShouldBe(1);
    }

    [Fact]
    public async Task AMemberWhoIsNotChair_CannotApprove()
    {
        var (caseId, decision, _) = await PendingAsync();
        var member = await SessionAsync(Roles.Ged, "59", "other-member");
        var denied = await member.GetAsync("/panel/approvals");
        denied.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        var page = await member.GetAsync("/");
        var post = await member.PostWithTokenAsync("/panel/approvals?handler=Approve", WebSession.AntiForgeryToken(page), ("id", decision.Id.ToString()), ("version", decision.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        post.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        (await StateAsync(caseId)).Decisions.Single().Status.ShouldBe(DecisionStatus.PendingApproval);
    }

    [Theory]
    [InlineData(Roles.Assessor, "59")]
    [InlineData(Roles.Care, "59")]
    [InlineData(Roles.Hotline, AccessScope.NationalValue)]
    [InlineData(Roles.Analyst, AccessScope.NationalValue)]
    public async Task OtherRoles_ReachNeitherTheFormNorTheApprovals(string role, string territory)
    {
        var (caseId, _, _) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, caseId);
        var session = await SessionAsync(role, territory);
        foreach (var url in new[] { DecideUrl(meetingId, items[0]), "/panel/approvals" })
        {
            var response = await session.GetAsync(url);
            response.Location.ShouldNotBeNull(url).ShouldContain("/Account/AccessDenied", Case.Insensitive);
        }

        var page = await session.GetAsync("/");
        var post = await session.PostWithTokenAsync(DecideUrl(meetingId, items[0]), WebSession.AntiForgeryToken(page), ("Input.Type", "ReferCare"), ("Input.Rationale", Rationale), ("Input.CaseVersion", "0"), ("Input.ItemVersion", "0"));
        post.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        (await StateAsync(caseId)).Decisions.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Explode")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData("<script>alert(1)</script>")]
    public async Task AnUnknownType_IsRefused(string type)
    {
        var (caseId, _, _) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, caseId);
        var response = await DecideAsync(await MemberAsync(), meetingId, items[0], ("Input.Type", type), ("Input.Rationale", Rationale));
        ShouldBeRefused(response, "decision.type-unknown");
        response.Html.ShouldNotContain("<script>alert(1)</script>");
        (await StateAsync(caseId)).Decisions.ShouldBeEmpty();
    }

    [Fact]
    public async Task AnOversizedOrMissingRationale_IsRefused()
    {
        var (caseId, _, _) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, caseId);
        var member = await MemberAsync();
        ShouldBeRefused(await DecideAsync(member, meetingId, items[0], ("Input.Type", "ReferCare"), ("Input.Rationale", new string('a', PanelDecision.MaxRationaleLength + 1))), "decision.rationale-too-long", PanelDecision.MaxRationaleLength);
        ShouldBeRefused(await DecideAsync(member, meetingId, items[0], ("Input.Type", "ReferCare"), ("Input.Rationale", "   ")), "decision.rationale-required");
        (await StateAsync(caseId)).Decisions.ShouldBeEmpty();
    }

    [Fact]
    public async Task ClosureAndTransfer_MissingTheirFields_AreRefused()
    {
        var (caseId, _, _) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, caseId);
        var member = await MemberAsync();
        ShouldBeRefused(await DecideAsync(member, meetingId, items[0], ("Input.Type", "Close"), ("Input.Rationale", Rationale)), "decision.closure-reason-required");
        ShouldBeRefused(await DecideAsync(member, meetingId, items[0], ("Input.Type", "Close"), ("Input.ClosureReason", "Other"), ("Input.Rationale", Rationale)), "decision.closure-detail-required");
        ShouldBeRefused(await DecideAsync(member, meetingId, items[0], ("Input.Type", "Transfer"), ("Input.Rationale", Rationale)), "decision.transfer-target-required");
        ShouldBeRefused(await DecideAsync(member, meetingId, items[0], ("Input.Type", "Transfer"), ("Input.TransferTo", "59"), ("Input.Rationale", Rationale)), "decision.transfer-same-territory");
        ShouldBeRefused(await DecideAsync(member, meetingId, items[0], ("Input.Type", "Transfer"), ("Input.TransferTo", "'; DROP TABLE cases; --"), ("Input.Rationale", Rationale)), "decision.transfer-target-unknown");
        (await StateAsync(caseId)).Decisions.ShouldBeEmpty();
    }

    [Fact]
    public async Task HostileText_IsStoredVerbatim_AndShownEncoded()
    {
        const string hostile = "<script>alert('x')</script> '; DROP TABLE panel_decisions; -- ../../etc/passwd";
        var (caseId, decision, _) = await PendingAsync(DecisionType.Close, rationale: hostile);
        decision.Rationale.ShouldBe(hostile);

        var list = await (await ChairAsync()).GetAsync("/panel/approvals");
        list.Html.ShouldNotContain("<script>alert('x')</script>");
        list.Html.ShouldContain(Html(hostile));
        (await factory.WithDbAsync(db => db.PanelDecisions.CountAsync(d => d.CaseId == caseId))).ShouldBe(1);
    }

    [Fact]
    public async Task AForgedItem_FromAnotherMeeting_OrWithoutACase_IsNotFound()
    {
        var (caseA, _, _) = await NewCaseAsync();
        var (caseB, _, _) = await NewCaseAsync();
        var (meetingA, itemsA) = await MeetingAsync("59", MeetingStatus.InSession, caseA);
        var (_, itemsB) = await MeetingAsync("59", MeetingStatus.InSession, caseB);
        var other = await factory.WithDbAsync(async db =>
        {
            var item = new AgendaItem { MeetingId = meetingA, TerritoryCode = "59", Position = 9, Kind = AgendaItemKind.Other, Note = "Questions diverses", AddedById = "system" };
            db.AgendaItems.Add(item);
            await db.SaveChangesAsync();
            return item.Id;
        });
        var member = await MemberAsync();
        var form = await member.GetAsync(DecideUrl(meetingA, itemsA[0]));

        foreach (var item in new[] { itemsB[0], other, Guid.CreateVersion7() })
        {
            (await member.GetAsync(DecideUrl(meetingA, item))).Status.ShouldBe(HttpStatusCode.NotFound);
            var post = await member.PostWithTokenAsync(DecideUrl(meetingA, item), WebSession.AntiForgeryToken(form), ("Input.Type", "ReferCare"), ("Input.Rationale", Rationale), ("Input.CaseVersion", "0"), ("Input.ItemVersion", "0"));
            post.Status.ShouldBe(HttpStatusCode.NotFound);
        }

        (await StateAsync(caseA)).Decisions.ShouldBeEmpty();
        (await StateAsync(caseB)).Decisions.ShouldBeEmpty();
    }

    [Fact]
    public async Task TheForm_ReadsUnderAudit_AndShowsEveryChoice()
    {
        var (caseId, personId, surname) = await NewCaseAsync();
        var (meetingId, items) = await MeetingAsync("59", MeetingStatus.InSession, caseId);
        var form = await (await MemberAsync()).GetAsync(DecideUrl(meetingId, items[0]));
        form.Html.ShouldContain(surname.ToUpperInvariant());
        form.Html.ShouldContain($"/persons/{personId}");
        form.Html.ShouldContain("<legend class=\"fr-fieldset__legend\" id=\"type-legend\">");
        foreach (var type in Enum.GetValues<DecisionType>())
        {
            form.Html.ShouldContain(Fr("decision.type." + type));
        }

        form.Html.ShouldContain("<option value=\"62\">62 — Pas-de-Calais</option>");
        form.Html.ShouldNotContain("<option value=\"59\">");
        form.Html.ShouldContain(Fr("panel.service.spip"));
        form.Html.ShouldContain("/js/decisions.js");
        (await AuditCountAsync("decision.form", caseId)).ShouldBeGreaterThan(0);
    }
}
