using Passerelle.Domain;
using Passerelle.Web.Audit;
using Passerelle.Web.Data;
using Passerelle.Web.Features.Reports;
using Passerelle.Web.Security;

namespace Passerelle.Web.Features.PublicForms;

/// <summary>
/// Checks and stores a referral to the Miviludes sent through the public form, once per form key, with
/// its audit event (no content in the event). The referral is then readable by the Miviludes analysts
/// only (query filter); nothing of it is ever read back on a public page.
/// </summary>
internal sealed class RecordSectarianReferral(PasserelleDb db, AuditLog audit, CurrentActor actor, PublicFormKeys keys, TimeProvider clock)
{
    public static readonly IReadOnlyDictionary<string, SectarianRequestKind> Kinds = new Dictionary<string, SectarianRequestKind>(StringComparer.Ordinal)
    {
        ["information"] = SectarianRequestKind.Information,
        ["report"] = SectarianRequestKind.Report,
    };

    /// <summary>The regions of the départements (reference data), for the sender's region.</summary>
    public static readonly IReadOnlyList<string> Regions = [.. Departements.All.Select(d => d.Region).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public sealed record Submission(
        string? Kind,
        string? GroupOrPractice,
        string? SenderRelation,
        IReadOnlyList<string>? Criteria,
        string? Narrative,
        string? ContactName,
        string? ContactEmail,
        string? ContactPhone,
        string? Region,
        bool Consent);

    public sealed record Valid(
        SectarianRequestKind Kind,
        string? GroupOrPractice,
        string SenderRelation,
        IReadOnlyList<string> Criteria,
        string Narrative,
        string? ContactName,
        string? ContactEmail,
        string? ContactPhone,
        string? Region);

    /// <summary>Every field checked; the typed referral, or every error found.</summary>
    public static (Valid? Referral, IReadOnlyList<FieldError> Errors) Validate(Submission s)
    {
        var errors = new List<FieldError>();
        SectarianRequestKind kind = default;
        if (string.IsNullOrWhiteSpace(s.Kind))
        {
            errors.Add(new("kind", "publicforms.error.kind"));
        }
        else if (!Kinds.TryGetValue(s.Kind.Trim(), out kind))
        {
            errors.Add(new("kind", "error.unknown-value"));
        }

        var (group, groupError) = PublicFormFields.Text(s.GroupOrPractice, SectarianReferral.MaxGroupLength, multiline: false, PublicFormFields.GroupPattern());
        if (groupError is not null)
        {
            errors.Add(new("groupOrPractice", groupError, SectarianReferral.MaxGroupLength));
        }

        var relation = s.SenderRelation?.Trim();
        if (string.IsNullOrEmpty(relation))
        {
            errors.Add(new("senderRelation", "error.required"));
        }
        else if (!CallerRelations.IsKnown(relation))
        {
            errors.Add(new("senderRelation", "error.unknown-value"));
        }

        var criteria = (s.Criteria ?? []).Select(c => c?.Trim() ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        if (criteria.Count > SectarianCriteria.All.Count || criteria.Any(c => !SectarianCriteria.IsKnown(c)))
        {
            errors.Add(new("criteria", "error.unknown-value"));
        }

        var (narrative, narrativeError) = PublicFormFields.Text(s.Narrative, PublicFormsSetup.MaxNarrative, multiline: true);
        if (narrativeError is not null)
        {
            errors.Add(new("narrative", narrativeError, PublicFormsSetup.MaxNarrative));
        }
        else if (narrative is null)
        {
            errors.Add(new("narrative", "publicforms.error.narrative"));
        }

        var (name, nameError) = PublicFormFields.Name(s.ContactName);
        if (nameError is not null)
        {
            errors.Add(new("contactName", nameError, Limits.Name));
        }

        var (email, emailError) = PublicFormFields.Email(s.ContactEmail);
        if (emailError is not null)
        {
            errors.Add(new("contactEmail", emailError, PublicFormFields.MaxEmail));
        }

        var (phone, phoneError) = PublicFormFields.Phone(s.ContactPhone);
        if (phoneError is not null)
        {
            errors.Add(new("contactPhone", phoneError));
        }

        // An answer needs a way to reach the sender: required for a request for information or advice.
        if (kind == SectarianRequestKind.Information && email is null && phone is null && emailError is null && phoneError is null)
        {
            errors.Add(new("contactEmail", "publicforms.error.answer-contact"));
        }

        var region = string.IsNullOrWhiteSpace(s.Region) ? null : s.Region.Trim();
        if (region is not null && !Regions.Contains(region, StringComparer.Ordinal))
        {
            errors.Add(new("region", "error.unknown-value"));
        }

        if (!s.Consent)
        {
            errors.Add(new("consent", "publicforms.error.consent"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new Valid(kind, group, relation!, [.. criteria.Order(StringComparer.Ordinal)], narrative!, name, email, phone, region), []);
    }

    /// <summary>Stores the referral once per <paramref name="formKey"/> and returns its receipt (the first one's on a retry).</summary>
    public Task<string> ExecuteAsync(Valid valid, Guid formKey, CancellationToken ct)
    {
        actor.ActAs(PublicFormKeys.Scope);
        return keys.RecordOnceAsync(formKey, "/derives-sectaires/recu", async token =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var referral = new SectarianReferral
            {
                Receipt = Receipts.New("MIV", now),
                Kind = valid.Kind,
                GroupOrPractice = valid.GroupOrPractice,
                SenderRelation = valid.SenderRelation,
                Criteria = string.Join(',', valid.Criteria),
                Narrative = valid.Narrative,
                ContactName = valid.ContactName,
                ContactEmail = valid.ContactEmail,
                ContactPhone = valid.ContactPhone,
                Region = valid.Region,
                ReceivedAt = now,
            };
            db.SectarianReferrals.Add(referral);
            audit.Append("sectarian-referral.received", nameof(SectarianReferral), referral.Id, territory: AccessScope.NationalValue);
            await db.SaveChangesAsync(token);
            return referral.Receipt;
        }, ct);
    }
}
