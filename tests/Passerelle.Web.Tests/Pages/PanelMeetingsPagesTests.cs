using System.Net;
using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Security;
using Passerelle.Web.Tests.Infrastructure;
using static Passerelle.Web.Tests.Infrastructure.PageKit;
using static Passerelle.Web.Tests.Pages.PanelKit;
using Case = Shouldly.Case;

namespace Passerelle.Web.Tests.Pages;

/// <summary>
/// Panel meetings (issue 5): the agenda built from each source, reordering and additions, a member's request,
/// attendance and the chair-absent banner, follow-ups, the minutes' validation rules, the lock after validation,
/// corrections, and the boundaries between panels and roles. Each test works in its own département so the
/// agendas built by one test do not take the cases of another.
/// </summary>
public sealed class PanelMeetingsPagesTests(PasserelleFactory factory) : IClassFixture<PasserelleFactory>
{
    [Fact]
    public async Task Scheduling_BuildsTheAgendaFromEachSource_OnceEach_AndNotWhatAnotherMeetingHolds()
    {
        const string t = "59";
        var fresh = await CaseAsync(factory, t, Unique("Neuf"));
        var today = ParisToday(factory);
        var due = await CaseAsync(factory, t, Unique("Echu"), (c, now) => Followed(c, now, today.AddDays(3)));
        var later = await CaseAsync(factory, t, Unique("Tard"), (c, now) => Followed(c, now, today.AddMonths(6)));
        var closed = await CaseAsync(factory, t, Unique("Clos"), (c, now) =>
        {
            var (d, _) = PanelDecision.Propose(c, DecisionType.Close, "Fin.", null, null, ClosureReason.RiskEnded, null, null, t, null, null, "a", now);
            d!.Approve("b", null, now).ShouldBeNull();
            c.ApplyDecision(d, "b", now).ShouldBeNull();
        });
        var inTransfer = await CaseAsync(factory, t, Unique("Partant"), (c, now) =>
        {
            var (d, _) = PanelDecision.Propose(c, DecisionType.Transfer, "Déménagement.", today.AddMonths(1), null, null, null, "62", t, null, null, "a", now);
            d!.Approve("b", null, now).ShouldBeNull();
            c.ApplyDecision(d, "b", now).ShouldBeNull();
        });
        var campaignCase = await CaseAsync(factory, t, Unique("Campagne"), (c, now) => Followed(c, now, today.AddMonths(6)));
        var fromElsewhere = await CaseAsync(factory, "62", Unique("Arrivant"));
        var transfer = await factory.WithDbAsync(async db =>
        {
            var campaign = new ReviewCampaign { Title = "Réexamen", TerritoryCode = t, ScopeStatuses = "Followed", Deadline = today.AddDays(10), CreatedById = "test", CreatedAt = factory.Clock.GetUtcNow().UtcDateTime };
            db.ReviewCampaigns.Add(campaign);
            db.CampaignCases.Add(new CampaignCase { CampaignId = campaign.Id, CaseId = campaignCase.CaseId, TerritoryCode = t });
            var tr = new CaseTransfer
            {
                CaseId = fromElsewhere.CaseId, PersonId = fromElsewhere.PersonId, FromTerritory = "62", ToTerritory = t, DecisionId = Guid.NewGuid(),
                PersonLabel = "Camille ARRIVANT (1999)", Summary = "Déménagement", RequestedAt = factory.Clock.GetUtcNow().UtcDateTime, RequestedById = "test",
            };
            db.CaseTransfers.Add(tr);
            await db.SaveChangesAsync();
            return tr.Id;
        });
        using var ged = await factory.SignInAsync(Roles.Ged, t);

        var meetingId = await ScheduleAsync(factory, ged);

        var agenda = await AgendaAsync(factory, meetingId);
        agenda.Single(a => a.CaseId == fresh.CaseId).Kind.ShouldBe(AgendaItemKind.NewCase);
        agenda.Single(a => a.CaseId == due.CaseId).Kind.ShouldBe(AgendaItemKind.ReviewDue);
        agenda.Single(a => a.CaseId == campaignCase.CaseId).Kind.ShouldBe(AgendaItemKind.Campaign);
        var transferItem = agenda.Single(a => a.TransferId == transfer);
        transferItem.Kind.ShouldBe(AgendaItemKind.TransferIn);
        transferItem.CaseId.ShouldBeNull();
        agenda.ShouldNotContain(a => a.CaseId == later.CaseId || a.CaseId == closed.CaseId || a.CaseId == inTransfer.CaseId || a.CaseId == fromElsewhere.CaseId);
        agenda.Where(a => a.CaseId != null).GroupBy(a => a.CaseId).ShouldAllBe(g => g.Count() == 1);
        agenda.Select(a => a.Position).ShouldBeUnique();
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "meeting.created" && e.ObjectId == meetingId.ToString()))).ShouldBe(1);

        var page = await ged.GetAsync($"/panel/meetings/{meetingId}");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldNotContain("panel.");
        page.Html.ShouldContain(Fr("panel.agenda.kind.TransferIn"));
        page.Html.ShouldContain($"/panel/transfers/{transfer}");
        page.Html.ShouldContain(Html("Camille ARRIVANT (1999)"));
        page.Html.ShouldContain(Fr("panel.agenda.kind.Campaign"));
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "person.listed" && e.ObjectId == fresh.PersonId.ToString()))).ShouldBeGreaterThan(0);

        var second = await ScheduleAsync(factory, ged, inDays: 14);
        (await AgendaAsync(factory, second)).ShouldNotContain(a => a.CaseId == fresh.CaseId || a.CaseId == due.CaseId || a.TransferId == transfer);

        var newcomer = await CaseAsync(factory, t, Unique("Nouveau"));
        var before = await AgendaAsync(factory, meetingId);
        var rebuild = await PostAsync(ged, meetingId, "Rebuild");
        rebuild.Redirects.ShouldBeTrue(rebuild.ToString());
        var after = await AgendaAsync(factory, meetingId);
        after.Count.ShouldBe(before.Count + 1);
        after.Take(before.Count).Select(a => (a.Id, a.Position)).ShouldBe(before.Select(a => (a.Id, a.Position)));
        after[^1].CaseId.ShouldBe(newcomer.CaseId);
        (await PostAsync(ged, meetingId, "Rebuild")).Redirects.ShouldBeTrue();
        (await AgendaAsync(factory, meetingId)).Count.ShouldBe(after.Count);
    }

    [Fact]
    public async Task Reordering_SwapsTwoItems_AndAReplayedFormIsRefusedAsAConflict_ChangingNothing()
    {
        const string t = "02";
        await CaseAsync(factory, t, Unique("Premier"));
        await CaseAsync(factory, t, Unique("Second"));
        await CaseAsync(factory, t, Unique("Troisieme"));
        using var ged = await factory.SignInAsync(Roles.Ged, t);
        var meetingId = await ScheduleAsync(factory, ged);
        var agenda = await AgendaAsync(factory, meetingId);
        agenda.Count.ShouldBe(3);
        var page = await ged.GetAsync($"/panel/meetings/{meetingId}");
        page.Html.ShouldContain(Fr("panel.agenda.up"));
        var token = WebSession.AntiForgeryToken(page);
        var version = WebSession.Hidden(page, "Version");

        var move = await ged.PostWithTokenAsync($"/panel/meetings/{meetingId}?handler=Move", token, ("Version", version), ("itemId", agenda[2].Id.ToString()), ("direction", "up"));

        move.Redirects.ShouldBeTrue(move.ToString());
        var moved = await AgendaAsync(factory, meetingId);
        moved.Select(a => a.Id).ShouldBe([agenda[0].Id, agenda[2].Id, agenda[1].Id]);
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "agenda.reordered" && e.ObjectId == agenda[2].Id.ToString()))).ShouldBe(1);

        var replay = await ged.PostWithTokenAsync($"/panel/meetings/{meetingId}?handler=Move", token, ("Version", version), ("itemId", agenda[2].Id.ToString()), ("direction", "up"));
        replay.Status.ShouldBe(HttpStatusCode.Conflict);
        replay.Html.ShouldContain(Fr("panel.meetings.conflict"));
        (await AgendaAsync(factory, meetingId)).Select(a => a.Id).ShouldBe(moved.Select(a => a.Id));

        foreach (var (item, direction) in new[] { (moved[0].Id.ToString(), "up"), (moved[2].Id.ToString(), "down"), (Guid.NewGuid().ToString(), "up"), (moved[1].Id.ToString(), "../../etc/passwd"), ("'; DROP TABLE agenda_items;--", "up") })
        {
            var bad = await PostAsync(ged, meetingId, "Move", ("itemId", item), ("direction", direction));
            bad.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, $"{item} {direction}: {bad}");
            (await AgendaAsync(factory, meetingId)).Select(a => a.Id).ShouldBe(moved.Select(a => a.Id));
        }

        (await PostAsync(ged, meetingId, "Move", ("itemId", moved[1].Id.ToString()), ("direction", "up"), ("Version", "abc"))).Status.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Members_AddACaseFoundByName_AndAnOtherSubject_BadInputChangesNothing()
    {
        const string t = "03";
        using var ged = await factory.SignInAsync(Roles.Ged, t);
        var meetingId = await ScheduleAsync(factory, ged);
        var surname = Unique("Cherche");
        var found = await CaseAsync(factory, t, surname);
        var elsewhere = await CaseAsync(factory, "04", Unique("Ailleurs"));

        var search = await ged.GetAsync($"/panel/meetings/{meetingId}?q={surname}");
        search.Html.ShouldContain(surname.ToUpperInvariant());
        var add = await PostAsync(ged, meetingId, "AddCase", ("caseId", found.CaseId.ToString()), ("note", "Faits nouveaux"));
        add.Redirects.ShouldBeTrue(add.ToString());
        var agenda = await AgendaAsync(factory, meetingId);
        var item = agenda.Single(a => a.CaseId == found.CaseId);
        item.Kind.ShouldBe(AgendaItemKind.MemberRequest);
        item.Note.ShouldBe("Faits nouveaux");
        (await ged.GetAsync($"/panel/meetings/{meetingId}?q={surname}")).Html.ShouldContain(Fr("panel.agenda.search-empty"));

        (await PostAsync(ged, meetingId, "AddOther", ("note", "Point sur le partenariat avec l'Éducation nationale"))).Redirects.ShouldBeTrue();
        (await AgendaAsync(factory, meetingId)).ShouldContain(a => a.Kind == AgendaItemKind.Other && a.Note == "Point sur le partenariat avec l'Éducation nationale");
        var count = (await AgendaAsync(factory, meetingId)).Count;

        var bad = new (string Handler, (string, string)[] Fields, string Message)[]
        {
            ("AddCase", [("caseId", found.CaseId.ToString())], Fr("panel.agenda.error.already")),
            ("AddCase", [("caseId", elsewhere.CaseId.ToString())], Fr("panel.agenda.error.case-unknown")),
            ("AddCase", [("caseId", Guid.NewGuid().ToString())], Fr("panel.agenda.error.case-unknown")),
            ("AddOther", [("note", "")], Fr("panel.agenda.error.subject-required")),
            ("AddOther", [("note", "<script>alert(1)</script>")], Fr("error.markup")),
            ("AddOther", [("note", new string('x', AgendaItem.MaxNoteLength + 1))], Fr("error.too-long", AgendaItem.MaxNoteLength)),
        };
        foreach (var (handler, fields, message) in bad)
        {
            var post = await PostAsync(ged, meetingId, handler, fields);
            post.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, post.ToString());
            post.Html.ShouldContain(message, Case.Sensitive);
            post.Html.ShouldNotContain("<script>alert(1)</script>");
        }

        (await AgendaAsync(factory, meetingId)).Count.ShouldBe(count);
        (await ged.GetAsync($"/panel/meetings/{meetingId}?q={new string('a', 101)}")).Html.ShouldContain(Fr("error.query-too-long"));
    }

    [Fact]
    public async Task AMember_AsksToDiscussACase_ItGoesOnTheChosenAgenda_AndTheTimelineNotesIt()
    {
        const string t = "05";
        using var ged = await factory.SignInAsync(Roles.Ged, t);
        var meetingId = await ScheduleAsync(factory, ged);
        var subject = await CaseAsync(factory, t, Unique("Demande"), (c, now) => Followed(c, now, ParisToday(factory).AddMonths(6)));
        var url = $"/panel/meetings/request?caseId={subject.CaseId}";
        var form = await ged.GetAsync(url);
        form.Status.ShouldBe(HttpStatusCode.OK, form.ToString());
        form.Html.ShouldNotContain("panel.");

        var missing = await ged.PostFormAsync(url, url, ("CaseId", subject.CaseId.ToString()), ("MeetingId", meetingId.ToString()), ("Note", " "));
        missing.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        missing.Html.ShouldContain(Fr("panel.request.error.note-required"));
        var hostile = await ged.PostFormAsync(url, url, ("CaseId", subject.CaseId.ToString()), ("MeetingId", "../../etc/passwd"), ("Note", "<script>x</script>"));
        hostile.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await AgendaAsync(factory, meetingId)).ShouldNotContain(a => a.CaseId == subject.CaseId);

        var post = await ged.PostFormAsync(url, url, ("CaseId", subject.CaseId.ToString()), ("MeetingId", meetingId.ToString()), ("Note", "Le collège signale une rupture scolaire."));

        post.Redirects.ShouldBeTrue(post.ToString());
        var item = (await AgendaAsync(factory, meetingId)).Single(a => a.CaseId == subject.CaseId);
        item.Kind.ShouldBe(AgendaItemKind.MemberRequest);
        item.Note.ShouldBe("Le collège signale une rupture scolaire.");
        (await factory.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == subject.CaseId && e.Kind == CaseEventKind.DiscussionRequested))).ShouldBe(1);
        var again = await ged.PostFormAsync(url, url, ("CaseId", subject.CaseId.ToString()), ("MeetingId", meetingId.ToString()), ("Note", "Encore"));
        again.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        again.Html.ShouldContain(Fr("panel.agenda.error.already"));
        (await factory.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.CaseId == subject.CaseId && e.Kind == CaseEventKind.DiscussionRequested))).ShouldBe(1);

        using var other = await factory.SignInAsync(Roles.Ged, "06");
        (await other.GetAsync(url)).Status.ShouldBe(HttpStatusCode.NotFound);

        var leaving = await CaseAsync(factory, t, Unique("Partant"), (c, now) =>
        {
            var (d, _) = PanelDecision.Propose(c, DecisionType.Transfer, "Déménagement.", ParisToday(factory).AddMonths(1), null, null, null, "62", t, null, null, "a", now);
            d!.Approve("b", null, now).ShouldBeNull();
            c.ApplyDecision(d, "b", now).ShouldBeNull();
        });
        var leavingUrl = $"/panel/meetings/request?caseId={leaving.CaseId}";
        var refused = await ged.PostFormAsync(leavingUrl, leavingUrl, ("CaseId", leaving.CaseId.ToString()), ("MeetingId", meetingId.ToString()), ("Note", "À revoir"));
        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.Html.ShouldContain(Fr("panel.request.error.in-transfer"));
        (await AgendaAsync(factory, meetingId)).ShouldNotContain(a => a.CaseId == leaving.CaseId);
    }

    [Fact]
    public async Task Starting_TakesAttendanceOfActiveMembers_TheBannerShowsUntilTheChairIsPresent_ThenItemsFollowUpsAndEnd()
    {
        const string t = "07";
        var chair = await MemberAsync(factory, t, "Président Sept", PanelFunction.Chair);
        var member = await MemberAsync(factory, t, "Membre Sept", PanelFunction.Member);
        var gone = await MemberAsync(factory, t, "Ancien Sept", PanelFunction.Member, active: false);
        var subject = await CaseAsync(factory, t, Unique("Seance"));
        using var ged = await factory.SignInAsync(Roles.Ged, t);
        var meetingId = await ScheduleAsync(factory, ged);
        (await PostAsync(ged, meetingId, "ItemState", ("itemId", Guid.NewGuid().ToString()), ("state", "Discussed"))).Status.ShouldBe(HttpStatusCode.Conflict);

        (await PostAsync(ged, meetingId, "Start")).Redirects.ShouldBeTrue();

        var rows = await factory.WithDbAsync(db => db.MeetingAttendance.AsNoTracking().Where(a => a.MeetingId == meetingId).ToListAsync());
        rows.Select(r => r.MemberId).ShouldBe([chair.Id, member.Id], ignoreOrder: true);
        rows.ShouldAllBe(r => !r.Present);
        rows.Single(r => r.MemberId == chair.Id).Function.ShouldBe(PanelFunction.Chair);
        var page = await ged.GetAsync($"/panel/meetings/{meetingId}");
        page.Html.ShouldContain(Fr("panel.attendance.no-chair"));
        var item = (await AgendaAsync(factory, meetingId)).Single(a => a.CaseId == subject.CaseId);
        page.Html.ShouldContain($"/panel/meetings/{meetingId}/items/{item.Id}/decide");
        (await PostAsync(ged, meetingId, "AddOther", ("note", "Trop tard"))).Status.ShouldBe(HttpStatusCode.Conflict);

        (await PostAsync(ged, meetingId, "Attendance", ("present", member.Id.ToString()))).Redirects.ShouldBeTrue();
        (await ged.GetAsync($"/panel/meetings/{meetingId}")).Html.ShouldContain(Fr("panel.attendance.no-chair"));
        var intruder = await PostAsync(ged, meetingId, "Attendance", ("present", gone.Id.ToString()));
        intruder.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PostAsync(ged, meetingId, "Attendance", ("present", chair.Id.ToString()), ("present", member.Id.ToString()))).Redirects.ShouldBeTrue();
        (await ged.GetAsync($"/panel/meetings/{meetingId}")).Html.ShouldNotContain(Fr("panel.attendance.no-chair"));
        (await factory.WithDbAsync(db => db.MeetingAttendance.CountAsync(a => a.MeetingId == meetingId && a.Present))).ShouldBe(2);

        (await PostAsync(ged, meetingId, "ItemState", ("itemId", item.Id.ToString()), ("state", "Deferred"))).Redirects.ShouldBeTrue();
        (await AgendaAsync(factory, meetingId)).Single(a => a.Id == item.Id).State.ShouldBe(AgendaItemState.Deferred);
        (await PostAsync(ged, meetingId, "ItemState", ("itemId", item.Id.ToString()), ("state", "Closed"))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);

        var due = Iso(ParisToday(factory).AddDays(14));
        (await PostAsync(ged, meetingId, "FollowUp", ("action", "Contacter le collège"), ("owner", member.Id.ToString()), ("dueOn", due))).Redirects.ShouldBeTrue();
        foreach (var (action, owner, dueOn) in new[]
        {
            ("", member.Id.ToString(), due), ("<script>x</script>", member.Id.ToString(), due), (new string('a', MeetingFollowUp.MaxActionLength + 1), member.Id.ToString(), due),
            ("Action", gone.Id.ToString(), due), ("Action", Guid.NewGuid().ToString(), due), ("Action", member.Id.ToString(), "2020-01-01"), ("Action", member.Id.ToString(), "'; DROP TABLE x;--"),
        })
        {
            (await PostAsync(ged, meetingId, "FollowUp", ("action", action), ("owner", owner), ("dueOn", dueOn))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity, $"{action} {owner} {dueOn}");
        }

        var followUps = await factory.WithDbAsync(db => db.MeetingFollowUps.AsNoTracking().Where(f => f.MeetingId == meetingId).ToListAsync());
        followUps.Count.ShouldBe(1);
        followUps[0].OwnerMemberId.ShouldBe(member.Id);
        var withFollowUp = await ged.GetAsync($"/panel/meetings/{meetingId}");
        withFollowUp.Html.ShouldContain("Contacter le collège");
        (await ged.PostWithTokenAsync($"/panel/meetings/{meetingId}?handler=FollowUpDone", WebSession.AntiForgeryToken(withFollowUp),
            ("Version", followUps[0].Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("followUpId", followUps[0].Id.ToString()), ("done", "true"))).Redirects.ShouldBeTrue();
        (await factory.WithDbAsync(db => db.MeetingFollowUps.SingleAsync(f => f.Id == followUps[0].Id))).DoneAt.ShouldNotBeNull();

        (await PostAsync(ged, meetingId, "End")).Redirects.ShouldBeTrue();
        (await MeetingAsync(factory, meetingId)).Status.ShouldBe(MeetingStatus.Ended);
        (await PostAsync(ged, meetingId, "End")).Status.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Starting_WithoutActiveMembers_IsRefusedWithAClearMessage()
    {
        using var ged = await factory.SignInAsync(Roles.Ged, "08");
        var meetingId = await ScheduleAsync(factory, ged);

        var start = await PostAsync(ged, meetingId, "Start");

        start.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        start.Html.ShouldContain(Fr("panel.meetings.error.no-members"));
        (await MeetingAsync(factory, meetingId)).Status.ShouldBe(MeetingStatus.Scheduled);
    }

    private async Task<(Guid MeetingId, Guid CaseId, PanelMember Chair)> EndedMeetingAsync(string t, WebSession ged)
    {
        var chair = await MemberAsync(factory, t, "Présidente " + t, PanelFunction.Chair);
        var subject = await CaseAsync(factory, t, Unique("Minutes"));
        var meetingId = await ScheduleAsync(factory, ged);
        (await PostAsync(ged, meetingId, "Start")).Redirects.ShouldBeTrue();
        (await PostAsync(ged, meetingId, "Attendance", ("present", chair.Id.ToString()))).Redirects.ShouldBeTrue();
        (await PostAsync(ged, meetingId, "FollowUp", ("action", "Appeler la famille"), ("owner", chair.Id.ToString()), ("dueOn", Iso(ParisToday(factory).AddDays(7))))).Redirects.ShouldBeTrue();
        return (meetingId, subject.CaseId, chair);
    }

    private Task<PanelDecision> DecisionAsync(Guid meetingId, Guid caseId, DecisionType type, string proposer) =>
        factory.WithDbAsync(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == caseId);
            var item = await db.AgendaItems.SingleAsync(a => a.MeetingId == meetingId && a.CaseId == caseId);
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var (d, error) = PanelDecision.Propose(c, type, "Motivation écrite de la décision.", type == DecisionType.Close ? null : ParisToday(factory).AddMonths(3),
                "police", type == DecisionType.Close ? ClosureReason.NotConfirmed : null, null, null, c.TerritoryCode, meetingId, item.Id, proposer, now);
            error.ShouldBeNull();
            db.PanelDecisions.Add(d!);
            await db.SaveChangesAsync();
            return d!;
        });

    [Fact]
    public async Task TheChair_ValidatesOnlyAnEndedMeetingWithoutPendingDecisions_ThenEverythingIsLocked()
    {
        const string t = "09";
        using var ged = await factory.SignInAsync(Roles.Ged, t);
        var chairUser = await factory.PageUserAsync(Roles.GedChair, t);
        using var chair = await factory.SignInAsync(chairUser);
        var (meetingId, caseId, chairMember) = await EndedMeetingAsync(t, ged);
        var effective = await DecisionAsync(meetingId, caseId, DecisionType.KeepFollowed, (await factory.PageUserAsync(Roles.Ged, t)).Id);

        var early = await PostMinutesAsync(chair, meetingId, "Validate");
        early.Status.ShouldBe(HttpStatusCode.Conflict);
        early.Html.ShouldContain(Fr("panel.minutes.error.not-ended"));
        (await PostMinutesAsync(ged, meetingId, "Notes", ("Notes", "Séance sereine."))).Redirects.ShouldBeTrue();
        (await PostAsync(ged, meetingId, "End")).Redirects.ShouldBeTrue();

        var other = await CaseAsync(factory, t, Unique("Cloture"));
        var pending = await factory.WithDbAsync(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == other.CaseId);
            var (d, _) = PanelDecision.Propose(c, DecisionType.Close, "Inquiétude levée.", null, null, ClosureReason.NotConfirmed, null, null, t, meetingId, null, "someone", factory.Clock.GetUtcNow().UtcDateTime);
            db.PanelDecisions.Add(d!);
            await db.SaveChangesAsync();
            return d!;
        });
        var minutes = await chair.GetAsync($"/panel/meetings/{meetingId}/minutes");
        minutes.Status.ShouldBe(HttpStatusCode.OK);
        minutes.Html.ShouldNotContain("panel.");
        minutes.Html.ShouldContain("/css/minutes-print.css");
        minutes.Html.ShouldContain(Html("Motivation écrite de la décision."));
        minutes.Html.ShouldContain(Fr("panel.minutes.status.PendingApproval"));
        minutes.Html.ShouldContain(Html(chairMember.Name));
        minutes.Html.ShouldContain(Html("Appeler la famille"));
        minutes.Html.ShouldContain(Html("Séance sereine."));

        var byMember = await PostMinutesAsync(ged, meetingId, "Validate");
        byMember.Redirects.ShouldBeTrue("a member is not the chair");
        byMember.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
        (await MeetingAsync(factory, meetingId)).Status.ShouldBe(MeetingStatus.Ended);
        var refused = await PostMinutesAsync(chair, meetingId, "Validate");
        refused.Status.ShouldBe(HttpStatusCode.Conflict);
        refused.Html.ShouldContain(Fr("panel.minutes.error.pending"));
        (await MeetingAsync(factory, meetingId)).Status.ShouldBe(MeetingStatus.Ended);

        await factory.WithDbAsync(async db =>
        {
            var d = await db.PanelDecisions.SingleAsync(x => x.Id == pending.Id);
            d.Reject(chairUser.Id, "Pas encore.", factory.Clock.GetUtcNow().UtcDateTime).ShouldBeNull();
            await db.SaveChangesAsync();
        });
        var validated = await PostMinutesAsync(chair, meetingId, "Validate");
        validated.Redirects.ShouldBeTrue(validated.ToString());

        var meeting = await MeetingAsync(factory, meetingId);
        meeting.Status.ShouldBe(MeetingStatus.Validated);
        meeting.ValidatedById.ShouldBe(chairUser.Id);
        meeting.ValidatedAt.ShouldNotBeNull();
        (await factory.WithDbAsync(db => db.PanelDecisions.Where(d => d.MeetingId == meetingId).Select(d => d.Locked).ToListAsync())).ShouldAllBe(l => l);
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "meeting.validated" && e.ObjectId == meetingId.ToString()))).ShouldBe(1);

        var agendaBefore = await AgendaAsync(factory, meetingId);
        var followUpsBefore = await factory.WithDbAsync(db => db.MeetingFollowUps.AsNoTracking().Where(f => f.MeetingId == meetingId).Select(f => f.Action).ToListAsync());
        var attendanceBefore = await factory.WithDbAsync(db => db.MeetingAttendance.AsNoTracking().Where(a => a.MeetingId == meetingId).Select(a => a.Present).ToListAsync());
        var attempts = new (string Handler, (string, string)[] Fields)[]
        {
            ("Move", [("itemId", agendaBefore[0].Id.ToString()), ("direction", "down")]),
            ("Rebuild", []),
            ("AddOther", [("note", "Ajout tardif")]),
            ("Start", []),
            ("Attendance", []),
            ("ItemState", [("itemId", agendaBefore[0].Id.ToString()), ("state", "Deferred")]),
            ("FollowUp", [("action", "Nouvelle"), ("owner", chairMember.Id.ToString()), ("dueOn", Iso(ParisToday(factory).AddDays(3)))]),
            ("End", []),
        };
        foreach (var (handler, fields) in attempts)
        {
            var post = await PostAsync(chair, meetingId, handler, [.. fields, ("Version", meeting.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            post.Status.ShouldBe(HttpStatusCode.Conflict, handler);
            post.Html.ShouldContain(Fr("panel.meetings.locked"), Case.Sensitive, handler);
        }

        var notes = await PostMinutesAsync(chair, meetingId, "Notes", ("Notes", "Réécriture"), ("Version", meeting.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        notes.Status.ShouldBe(HttpStatusCode.Conflict);
        notes.Html.ShouldContain(Fr("panel.meetings.locked"));
        (await PostMinutesAsync(chair, meetingId, "Validate", ("Version", meeting.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)))).Status.ShouldBe(HttpStatusCode.Conflict);

        var after = await MeetingAsync(factory, meetingId);
        after.Version.ShouldBe(meeting.Version);
        after.MinutesNotes.ShouldBe("Séance sereine.");
        (await AgendaAsync(factory, meetingId)).Select(a => (a.Id, a.Position, a.State)).ShouldBe(agendaBefore.Select(a => (a.Id, a.Position, a.State)));
        (await factory.WithDbAsync(db => db.MeetingFollowUps.AsNoTracking().Where(f => f.MeetingId == meetingId).Select(f => f.Action).ToListAsync())).ShouldBe(followUpsBefore);
        (await factory.WithDbAsync(db => db.MeetingAttendance.AsNoTracking().Where(a => a.MeetingId == meetingId).Select(a => a.Present).ToListAsync())).ShouldBe(attendanceBefore);
        (await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "meeting.change-refused" && e.ObjectId == meetingId.ToString()))).ShouldBeGreaterThanOrEqualTo(attempts.Length);

        var correction = await PostMinutesAsync(ged, meetingId, "Correction", ("CorrectionText", "Le service chargé du suivi est la gendarmerie."), ("CorrectionDecisionId", effective.Id.ToString()));
        correction.Redirects.ShouldBeTrue(correction.ToString());
        var stored = await factory.WithDbAsync(db => db.MinutesCorrections.AsNoTracking().SingleAsync(c => c.MeetingId == meetingId));
        stored.DecisionId.ShouldBe(effective.Id);
        var shown = await chair.GetAsync($"/panel/meetings/{meetingId}/minutes");
        shown.Html.ShouldContain(Html("Le service chargé du suivi est la gendarmerie."));
        shown.Html.ShouldContain($"href=\"#decision-{effective.Id}\"");
        shown.Html.ShouldNotContain(Fr("panel.minutes.validate"));

        foreach (var (text, decision) in new[] { ("", ""), ("<script>alert(1)</script>", ""), (new string('c', MinutesCorrection.MaxTextLength + 1), ""), ("Texte", Guid.NewGuid().ToString()), ("Texte", "../../etc/passwd") })
        {
            var bad = await PostMinutesAsync(ged, meetingId, "Correction", ("CorrectionText", text), ("CorrectionDecisionId", decision));
            bad.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, text.Length > 20 ? text[..20] : text);
            bad.Html.ShouldNotContain("<script>alert(1)</script>");
        }

        (await factory.WithDbAsync(db => db.MinutesCorrections.CountAsync(c => c.MeetingId == meetingId))).ShouldBe(1);
    }

    [Fact]
    public async Task ACorrectionBeforeValidation_IsRefused_AndNotesAreCheckedAndVersioned()
    {
        const string t = "10";
        using var ged = await factory.SignInAsync(Roles.Ged, t);
        var (meetingId, _, _) = await EndedMeetingAsync(t, ged);

        var early = await PostMinutesAsync(ged, meetingId, "Correction", ("CorrectionText", "Trop tôt"));
        early.Status.ShouldBe(HttpStatusCode.Conflict);
        early.Html.ShouldContain(Fr("panel.minutes.error.correction-before"));
        var markup = await PostMinutesAsync(ged, meetingId, "Notes", ("Notes", "<img src=x onerror=alert(1)>"));
        markup.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        markup.Html.ShouldContain(Fr("error.markup"));
        (await PostMinutesAsync(ged, meetingId, "Notes", ("Notes", new string('n', PanelMeeting.MaxNotesLength + 1)))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var stale = await PostMinutesAsync(ged, meetingId, "Notes", ("Notes", "Version périmée"), ("Version", "0"));
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        (await MeetingAsync(factory, meetingId)).MinutesNotes.ShouldBeNull();
        (await factory.WithDbAsync(db => db.MinutesCorrections.CountAsync(c => c.MeetingId == meetingId))).ShouldBe(0);
    }

    [Fact]
    public async Task AnItemWhoseCaseWasTransferredAway_ShowsTransferred_AndNothingOfThePerson()
    {
        const string t = "11";
        var surname = Unique("Parti");
        var subject = await CaseAsync(factory, t, surname);
        using var ged = await factory.SignInAsync(Roles.Ged, t);
        var meetingId = await ScheduleAsync(factory, ged);
        await factory.WithDbAsync(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == subject.CaseId);
            c.TerritoryCode = "12";
            var p = await db.Persons.SingleAsync(x => x.Id == subject.PersonId);
            p.TerritoryCode = "12";
            await db.SaveChangesAsync();
        });

        var page = await ged.GetAsync($"/panel/meetings/{meetingId}");

        page.Html.ShouldContain(Fr("panel.agenda.transferred"));
        page.Html.ShouldNotContain(surname.ToUpperInvariant());
    }

    [Fact]
    public async Task AnotherDepartementsPanel_SeesNoMeetingMinutesOrMember_AndOtherRolesAreRefused()
    {
        const string t = "13";
        var member = await MemberAsync(factory, t, "Membre Treize", PanelFunction.Member);
        using var ged = await factory.SignInAsync(Roles.Ged, t);
        var meetingId = await ScheduleAsync(factory, ged, location: "Salle Treize");

        using var otherChair = await factory.SignInAsync(Roles.GedChair, "14");
        foreach (var url in new[] { $"/panel/meetings/{meetingId}", $"/panel/meetings/{meetingId}/minutes", $"/panel/members/{member.Id}" })
        {
            (await otherChair.GetAsync(url)).Status.ShouldBe(HttpStatusCode.NotFound, url);
        }

        (await otherChair.GetAsync("/panel/meetings")).Html.ShouldNotContain("Salle Treize");
        (await otherChair.GetAsync("/panel/members")).Html.ShouldNotContain("Membre Treize");
        var cross = await PostAsync(ged, meetingId, "AddOther", ("note", "x"));
        cross.Redirects.ShouldBeTrue();
        var token = WebSession.AntiForgeryToken(await otherChair.GetAsync("/panel/meetings/new"));
        (await otherChair.PostWithTokenAsync($"/panel/meetings/{meetingId}?handler=AddOther", token, ("Version", "1"), ("note", "intrusion"))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await otherChair.PostWithTokenAsync($"/panel/meetings/{meetingId}/minutes?handler=Validate", token, ("Version", "1"))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await AgendaAsync(factory, meetingId)).ShouldNotContain(a => a.Note == "intrusion");

        foreach (var (role, scope) in new[] { (Roles.Hotline, AccessScope.NationalValue), (Roles.Partner, "13"), (Roles.Care, "13"), (Roles.Analyst, AccessScope.NationalValue), (Roles.Assessor, "13") })
        {
            using var session = await factory.SignInAsync(role, scope);
            foreach (var url in new[] { "/panel/meetings", "/panel/meetings/new", $"/panel/meetings/{meetingId}", $"/panel/meetings/{meetingId}/minutes", "/panel/members", "/panel/members/new", $"/panel/members/{member.Id}" })
            {
                var response = await session.GetAsync(url);
                response.Status.ShouldNotBe(HttpStatusCode.OK, $"{role} {url}");
                if (response.Redirects)
                {
                    response.Location.ShouldNotBeNull().ShouldContain("/Account/AccessDenied", Case.Insensitive);
                }

                response.Html.ShouldNotContain("Salle Treize");
                response.Html.ShouldNotContain("Membre Treize");
            }
        }

        using var admin = await factory.SignInAsync(Roles.Admin, AccessScope.NationalValue);
        (await admin.GetAsync("/panel/members")).Html.ShouldContain("Membre Treize");
        var adminMeeting = await admin.GetAsync($"/panel/meetings/{meetingId}");
        adminMeeting.Status.ShouldNotBe(HttpStatusCode.OK);
        adminMeeting.Html.ShouldNotContain("Salle Treize");
        (await admin.GetAsync("/panel/meetings")).Status.ShouldNotBe(HttpStatusCode.OK);
    }

    public static TheoryData<string, string, string, string> BadMeetings => new()
    {
        { "missing date", "", "14:00", "panel.meetings.error.date-required" },
        { "malformed date", "31/12/2030", "14:00", "panel.meetings.error.date-invalid" },
        { "SQL date", "'; DROP TABLE panel_meetings;--", "14:00", "panel.meetings.error.date-invalid" },
        { "path time", "2030-01-01", "../../etc/passwd", "panel.meetings.error.time-invalid" },
        { "past", "2020-01-01", "14:00", "panel.meetings.error.past" },
    };

    [Theory]
    [MemberData(nameof(BadMeetings))]
    public async Task Scheduling_WithBadInput_Returns422_AndStoresNothing(string what, string date, string time, string key)
    {
        using var ged = await factory.SignInAsync(Roles.Ged, "15");
        var before = await factory.WithDbAsync(db => db.PanelMeetings.CountAsync());

        var post = await ged.PostFormAsync("/panel/meetings/new", "/panel/meetings/new", ("Input.Date", date), ("Input.Time", time), ("Input.Location", "Salle"));

        post.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, what);
        post.Html.ShouldContain(Fr(key), Case.Sensitive, what);
        (await factory.WithDbAsync(db => db.PanelMeetings.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Scheduling_WithMarkupOrAnOversizedLocation_Returns422()
    {
        using var ged = await factory.SignInAsync(Roles.Ged, "15");
        var day = Iso(ParisToday(factory).AddDays(3));
        foreach (var (location, message) in new[] { ("<script>alert(1)</script>", Fr("error.markup")), (new string('l', PanelMeeting.MaxLocationLength + 1), Fr("error.too-long", PanelMeeting.MaxLocationLength)) })
        {
            var post = await ged.PostFormAsync("/panel/meetings/new", "/panel/meetings/new", ("Input.Date", day), ("Input.Time", "09:00"), ("Input.Location", location));
            post.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
            post.Html.ShouldContain(message);
            post.Html.ShouldNotContain("<script>alert(1)</script>");
        }
    }

    [Fact]
    public async Task TheMeetingsList_ShowsComingMeetingsFirstThenPastOnes_InParisTime()
    {
        const string t = "16";
        using var ged = await factory.SignInAsync(Roles.Ged, t);
        var soon = await ScheduleAsync(factory, ged, inDays: 2, location: "Bientôt");
        var later = await ScheduleAsync(factory, ged, inDays: 20, location: "Plus tard");
        var past = await ScheduleAsync(factory, ged, inDays: 1, location: "Passée");
        await factory.WithDbAsync(async db =>
        {
            var m = await db.PanelMeetings.SingleAsync(x => x.Id == past);
            m.Status = MeetingStatus.Ended;
            await db.SaveChangesAsync();
        });
        var stored = await MeetingAsync(factory, soon);
        TimeZoneInfo.ConvertTimeFromUtc(stored.ScheduledAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).TimeOfDay.ShouldBe(new TimeSpan(14, 30, 0));

        var list = await ged.GetAsync("/panel/meetings");

        list.Html.ShouldNotContain("panel.");
        var (a, b, c) = (list.Html.IndexOf("Bientôt", StringComparison.Ordinal), list.Html.IndexOf("Plus tard", StringComparison.Ordinal), list.Html.IndexOf("Passée", StringComparison.Ordinal));
        a.ShouldBeGreaterThan(0);
        a.ShouldBeLessThan(b);
        b.ShouldBeLessThan(c);
        list.Html.ShouldContain("14:30");
        _ = later;
    }
}
