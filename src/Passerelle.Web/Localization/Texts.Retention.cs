namespace Passerelle.Web.Localization;

internal sealed partial class Texts
{
    /// <summary>Texts of retention runs.</summary>
    private static Dictionary<string, (string Fr, string En)> RetentionEntries() => new(StringComparer.Ordinal)
    {
        ["retention.title"] = ("Durées de conservation", "Retention"),
        ["retention.intro"] = ("Chaque donnée porte sa date limite de conservation ; le logiciel supprime automatiquement ce qui l'a dépassée (toutes les 6 heures par défaut) et garde ici le procès-verbal de chaque suppression : date, règle, nombre d'enregistrements. Aucun contenu n'est affiché.", "Every record carries its retention deadline; the software deletes what has passed it automatically (every 6 hours by default) and keeps here the report of each purge: date, rule, number of records. No content is shown."),
        ["retention.rules"] = ("Règles de conservation", "Retention rules"),
        ["retention.rule"] = ("Règle", "Rule"),
        ["retention.period"] = ("Durée", "Period"),
        ["retention.due"] = ("Échus, en attente de suppression", "Past deadline, awaiting deletion"),
        ["retention.next-deadline"] = ("Prochaine échéance", "Next deadline"),
        ["retention.days"] = ("{0} jours", "{0} days"),
        ["retention.rule.not-pursued-report"] = ("Signalement classé sans suite (à compter du classement)", "Report closed as not pursued (from closing)"),
        ["retention.rule.sectarian-referral"] = ("Saisine Miviludes (à compter de la réponse ou du classement)", "Miviludes referral (from the answer or closing)"),
        ["retention.rule.sent-message"] = ("Courriel envoyé (à compter de l'envoi)", "Sent e-mail (from sending)"),
        ["retention.rule.idempotency-key"] = ("Clé d'idempotence et accusé de réception stocké (à compter de la demande)", "Idempotency key and stored receipt (from the request)"),
        ["retention.run-now"] = ("Lancer la suppression maintenant", "Run the purge now"),
        ["retention.ran"] = ("Suppression effectuée : {0} enregistrement(s) supprimé(s).", "Purge done: {0} record(s) deleted."),
        ["retention.runs"] = ("Procès-verbaux de suppression", "Purge reports"),
        ["retention.runs-empty"] = ("Aucune suppression n'a encore eu lieu.", "Nothing has been purged yet."),
        ["retention.runs-total"] = ("{0} au total", "{0} in all"),
        ["retention.ran-at"] = ("Date", "Date"),
        ["retention.deleted"] = ("Supprimés", "Deleted"),
        ["retention.run-by"] = ("Lancée par", "Run by"),
    };
}
