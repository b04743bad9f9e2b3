using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Passerelle.Domain;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Panel.Members;

namespace Passerelle.Web.Features.Panel.Meetings;

/// <summary>
/// The demo panels of the Nord (59), the Pas-de-Calais (62) and Paris (75): fictional members with demo e-mails, the
/// chairs linked to the chair59 and chair75 accounts, and a meeting of the Nord next week with its agenda built.
/// Runs after the demo users and cases exist, as the system.
/// </summary>
internal static class PanelDemo
{
    public static async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<PasserelleDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (await db.PanelMembers.AnyAsync())
        {
            return;
        }

        var chair59 = await MemberInput.LinkedUserAsync(db, "chair59@demo.passerelle.fr", "59", CancellationToken.None);
        var chair75 = await MemberInput.LinkedUserAsync(db, "chair75@demo.passerelle.fr", "75", CancellationToken.None);
        PanelMember Member(string territory, string name, string service, PanelFunction function, string email, string? userId = null) => new()
        {
            TerritoryCode = territory, Name = name, Service = service, Function = function, Email = email, UserId = userId,
        };

        db.PanelMembers.AddRange(
            Member("59", "Charles Préfet", "prefecture", PanelFunction.Chair, "chair59@demo.passerelle.fr", chair59),
            Member("59", "Sophie Directrice de cabinet", "prefecture", PanelFunction.ChairDelegate, "cabinet59@demo.passerelle.fr"),
            Member("59", "Paul Procureur", "parquet", PanelFunction.Prosecutor, "parquet59@demo.passerelle.fr"),
            Member("59", "Nadia Commissaire", "police", PanelFunction.Member, "police59@demo.passerelle.fr"),
            Member("59", "Hugo Inspecteur d'académie", "education", PanelFunction.Member, "education59@demo.passerelle.fr"),
            Member("59", "Inès Médecin ARS", "sante", PanelFunction.Member, "sante59@demo.passerelle.fr"),
            Member("59", "Marc Travailleur social", "social", PanelFunction.Member, "social59@demo.passerelle.fr"),
            Member("62", "Pauline Préfète du Pas-de-Calais", "prefecture", PanelFunction.Chair, "chair62@demo.passerelle.fr"),
            Member("62", "Jean Procureur d'Arras", "parquet", PanelFunction.Prosecutor, "parquet62@demo.passerelle.fr"),
            Member("62", "Lucie Gendarme", "gendarmerie", PanelFunction.Member, "gendarmerie62@demo.passerelle.fr"),
            Member("75", "Claire Préfète", "prefecture", PanelFunction.Chair, "chair75@demo.passerelle.fr", chair75),
            Member("75", "Antoine Procureur de Paris", "parquet", PanelFunction.Prosecutor, "parquet75@demo.passerelle.fr"),
            Member("75", "Karim Renseignement territorial", "renseignement", PanelFunction.Member, "rt75@demo.passerelle.fr"),
            Member("75", "Élodie SPIP", "spip", PanelFunction.Member, "spip75@demo.passerelle.fr"));

        var nextWeek = ParisTime.Day(now).AddDays(7);
        var meeting = new PanelMeeting
        {
            TerritoryCode = "59",
            ScheduledAt = ParisTime.ToUtc(nextWeek, new TimeOnly(14, 0)),
            Location = "Préfecture du Nord, salle du conseil (démo)",
            CreatedById = chair59 ?? "system",
            CreatedAt = now,
        };
        await MeetingAgenda.BuildAsync(db, meeting, meeting.CreatedById, CancellationToken.None);
        db.PanelMeetings.Add(meeting);
        await db.SaveChangesAsync();
    }
}
