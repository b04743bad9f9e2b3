using Passerelle.Domain;
using Passerelle.Web.Data;

namespace Passerelle.Web.Features.Sectarian;

/// <summary>Three waiting referrals of the demo (fictional senders), so the Miviludes queue is not empty on a fresh demo.</summary>
internal static class SectarianDemo
{
    public static async Task SeedAsync(PasserelleDb db, DateTime now)
    {
        db.SectarianReferrals.AddRange(
            new SectarianReferral
            {
                Receipt = Receipts.New("MIV", now), Kind = SectarianRequestKind.Report, GroupOrPractice = "Stages de « jeûne régénérant » (démo)",
                SenderRelation = "parent", Criteria = "refusal-of-care,financial-demands,isolation",
                Narrative = "Notre fille a arrêté son traitement sur les conseils d'un « praticien » et a versé plusieurs milliers d'euros. (démo)",
                ContactName = "Parent démo", ContactEmail = "parent.demo@example.org", Region = "Hauts-de-France", ReceivedAt = now.AddDays(-6),
            },
            new SectarianReferral
            {
                Receipt = Receipts.New("MIV", now), Kind = SectarianRequestKind.Information, GroupOrPractice = "Coaching de « reprogrammation » (démo)",
                SenderRelation = "friend", Criteria = "unconditional-commitment", Narrative = "Est-ce que ce coaching est connu de vos services ? (démo)",
                ContactPhone = "06 00 00 00 00", Region = "Île-de-France", ReceivedAt = now.AddDays(-2),
            },
            new SectarianReferral
            {
                Receipt = Receipts.New("MIV", now), Kind = SectarianRequestKind.Report, GroupOrPractice = "École hors contrat (démo)",
                SenderRelation = "other-relative", Criteria = "children-indoctrination,family-separation",
                Narrative = "Mes neveux ne voient plus leurs grands-parents depuis leur inscription. (démo)", Region = "Bretagne", ReceivedAt = now.AddHours(-5),
            });
        await db.SaveChangesAsync();
    }
}
