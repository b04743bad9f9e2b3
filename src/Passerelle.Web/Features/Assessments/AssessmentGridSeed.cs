using Microsoft.EntityFrameworkCore;
using Passerelle.Domain;
using Passerelle.Web.Data;

namespace Passerelle.Web.Features.Assessments;

/// <summary>
/// The example grid shipped with the application, "EIC — Engagement, intention, capacité". Its three domains follow
/// the three dimensions of the UK Home Office's public Channel guidance (engagement, intent, capability); the items
/// and guidance are our own wording. Nothing here concerns origin or belief (red line 2), and nothing is weighed:
/// each item is rated in words, never added up (red line 1).
/// </summary>
internal static class AssessmentGridSeed
{
    public const string Code = "EIC";

    private static readonly (string Domain, string DomainFr, string DomainEn, string Code, string LabelFr, string LabelEn, string GuidanceFr, string GuidanceEn)[] Items =
    [
        ("engagement", "Engagement", "Engagement", "ENG1",
            "Sentiment d'injustice ou griefs, personnels ou collectifs",
            "Sense of injustice or grievances, personal or collective",
            "Décrivez les griefs exprimés (discrimination vécue, conflit, humiliation) et la place qu'ils prennent dans le discours de la personne.",
            "Describe the grievances voiced (experienced discrimination, conflict, humiliation) and how much room they take in the person's words."),
        ("engagement", "Engagement", "Engagement", "ENG2",
            "Recherche d'identité, de sens ou d'appartenance",
            "Search for identity, meaning or belonging",
            "Un groupe ou une cause semble-t-il répondre à un besoin d'appartenance ou de reconnaissance ? Citez des faits observés.",
            "Does a group or cause seem to meet a need to belong or be recognised? Cite observed facts."),
        ("engagement", "Engagement", "Engagement", "ENG3",
            "Attrait pour le statut, l'aventure ou la domination",
            "Attraction to status, adventure or dominance",
            "Propos ou comportements valorisant le prestige, le danger ou le pouvoir sur autrui.",
            "Words or conduct that value prestige, danger or power over others."),
        ("engagement", "Engagement", "Engagement", "ENG4",
            "Influence d'un entourage ou d'un réseau qui entraîne la personne",
            "Influence of relatives, peers or an online network drawing the person in",
            "Qui entraîne la personne, par quels canaux (proches, pairs, réseaux en ligne) ? Indiquez la source de l'information.",
            "Who draws the person in, through which channels (relatives, peers, online networks)? Give the source of the information."),
        ("engagement", "Engagement", "Engagement", "ENG5",
            "Période de rupture ou de transition qui rend la personne réceptive",
            "A period of rupture or transition making the person receptive",
            "Déscolarisation, perte d'emploi, rupture familiale, sortie de détention, deuil… et son lien avec l'engagement observé.",
            "Leaving school, losing a job, family breakdown, release from custody, bereavement… and its link with the engagement observed."),
        ("intent", "Intention", "Intent", "INT1",
            "Identification exclusive à une cause ou à un groupe",
            "Exclusive identification with a cause or group",
            "La cause ou le groupe prend-il le pas sur les autres liens et engagements de la personne ?",
            "Does the cause or group override the person's other ties and commitments?"),
        ("intent", "Intention", "Intent", "INT2",
            "Vision « eux contre nous », déshumanisation d'autrui",
            "\"Us and them\" thinking, dehumanising others",
            "Relevez les propos qui présentent d'autres personnes comme des ennemis ou leur dénient leur humanité.",
            "Note words that present other people as enemies or deny their humanity."),
        ("intent", "Intention", "Intent", "INT3",
            "Justification de la violence ou d'une infraction",
            "Justifying violence or an offence",
            "Propos ou écrits excusant, approuvant ou appelant à la violence ; précisez le contexte et la date.",
            "Words or writings excusing, approving or calling for violence; give the context and the date."),
        ("intent", "Intention", "Intent", "INT4",
            "Disposition à employer des moyens nuisibles pour atteindre un but",
            "Readiness to use harmful means to reach an aim",
            "La personne envisage-t-elle de nuire à autrui pour défendre sa cause ? Distinguez propos et actes.",
            "Does the person consider harming others to defend their cause? Tell words apart from acts."),
        ("intent", "Intention", "Intent", "INT5",
            "Objectif ou cible nuisible exprimé",
            "A harmful aim or target stated",
            "Une cible (personne, lieu, groupe) ou un projet a-t-il été nommé ? Indiquez qui l'a rapporté.",
            "Has a target (person, place, group) or a plan been named? Say who reported it."),
        ("capability", "Capacité", "Capability", "CAP1",
            "Connaissances ou compétences utilisables pour nuire",
            "Knowledge or skills usable to cause harm",
            "Savoir-faire techniques, formation, expérience pertinente ; distinguez la curiosité de la préparation.",
            "Technical know-how, training, relevant experience; tell curiosity apart from preparation."),
        ("capability", "Capacité", "Capability", "CAP2",
            "Accès à des armes, du matériel ou des fonds",
            "Access to weapons, equipment or funds",
            "Accès constaté ou rapporté, et sa source.",
            "Access observed or reported, and its source."),
        ("capability", "Capacité", "Capability", "CAP3",
            "Accès à des personnes ou réseaux capables d'aider à passer à l'acte",
            "Access to people or networks able to help act",
            "Contacts établis avec des personnes pouvant fournir aide, moyens ou encouragement concret.",
            "Contacts made with people able to provide help, means or practical encouragement."),
        ("capability", "Capacité", "Capability", "CAP4",
            "Antécédents de violence ou d'infractions",
            "Past violence or offences",
            "Faits connus et vérifiés, avec leur date et leur source ; n'inscrivez pas de rumeur.",
            "Known and verified facts, with their date and source; do not record rumour."),
        ("capability", "Capacité", "Capability", "CAP5",
            "Démarches concrètes engagées (repérages, préparatifs, projet de départ)",
            "Practical steps taken (reconnaissance, preparations, plans to travel)",
            "Décrivez les démarches observées et leur degré d'avancement, sans extrapoler.",
            "Describe the steps observed and how far they went, without extrapolating."),
    ];

    /// <summary>Adds the published example grid when no grid exists at all; does nothing otherwise (safe at every start).</summary>
    public static async Task<bool> EnsureAsync(PasserelleDb db, TimeProvider? clock = null, CancellationToken ct = default)
    {
        if (await db.AssessmentGrids.AnyAsync(ct))
        {
            return false;
        }

        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var grid = new AssessmentGrid
        {
            Code = Code,
            Edition = 1,
            NameFr = "Engagement, intention, capacité",
            NameEn = "Engagement, intent, capability",
            Status = GridStatus.Published,
            CreatedAt = now,
            PublishedAt = now,
        };
        var position = 0;
        foreach (var i in Items)
        {
            grid.Items.Add(new AssessmentGridItem
            {
                GridId = grid.Id,
                DomainCode = i.Domain,
                DomainFr = i.DomainFr,
                DomainEn = i.DomainEn,
                Code = i.Code,
                LabelFr = i.LabelFr,
                LabelEn = i.LabelEn,
                GuidanceFr = i.GuidanceFr,
                GuidanceEn = i.GuidanceEn,
                Position = ++position,
            });
        }

        db.AssessmentGrids.Add(grid);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
