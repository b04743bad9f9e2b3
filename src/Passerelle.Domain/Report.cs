namespace Passerelle.Domain;

/// <summary>
/// A report (signalement) about a person, kept as it was received: the person "as reported" is a
/// snapshot, separate from the register's <see cref="Person"/> it is attached to.
/// </summary>
public sealed class Report : IVersioned
{
    public const int MaxClosingReasonLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Receipt { get; init; }

    public required string TerritoryCode { get; init; }

    public ReportSource Source { get; init; }

    public string? ReporterName { get; init; }

    public string? ReporterContact { get; init; }

    public required string ReportedGivenName { get; init; }

    public required string ReportedSurname { get; init; }

    public string? ReportedAliases { get; init; }

    public int? ReportedBirthYear { get; init; }

    public int? ReportedBirthMonth { get; init; }

    public int? ReportedBirthDay { get; init; }

    public string? ReportedPlaceOfBirth { get; init; }

    public Sex ReportedSex { get; init; }

    public string? ReportedAddress { get; init; }

    /// <summary>Codes from <see cref="Behaviours.All"/>, comma-separated.</summary>
    public string Behaviours { get; init; } = string.Empty;

    public required string Narrative { get; init; }

    public Urgency Urgency { get; init; }

    public DateTime ReceivedAt { get; init; }

    public required string RecordedById { get; init; }

    /// <summary>The person of the register it is about; null while it waits in the triage queue.</summary>
    public Guid? PersonId { get; set; }

    /// <summary>The case it belongs to; null while it waits in the triage queue.</summary>
    public Guid? CaseId { get; set; }

    public ReportStatus Status { get; private set; } = ReportStatus.Received;

    public DateTime? TakenInChargeAt { get; private set; }

    public string? TakenInChargeById { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public string? ClosedById { get; private set; }

    public string? ClosedReason { get; private set; }

    /// <summary>Hotline: the caller's relation to the person (<see cref="CallerRelations"/>); partners: null.</summary>
    public string? CallerRelation { get; init; }

    /// <summary>Hotline: the caller agreed to be called back on <see cref="ReporterContact"/>.</summary>
    public bool CallbackConsent { get; init; }

    /// <summary>Hotline: signs of immediate danger the caller described (codes, comma-separated; e.g. "life-threat").</summary>
    public string DangerSigns { get; init; } = string.Empty;

    /// <summary>Hotline: the caller's main worry, in their words.</summary>
    public string? MainWorry { get; init; }

    /// <summary>Partner: the reporting organisation's name.</summary>
    public string? Organisation { get; init; }

    /// <summary>Partner: the kind of organisation (<see cref="OrganisationTypes"/>).</summary>
    public string? OrganisationType { get; init; }

    /// <summary>
    /// Routing: the département of the person's residence was not known, so the report went to the
    /// caller's département (the fallback of the routing rule).
    /// </summary>
    public bool RoutedByCallerTerritory { get; init; }

    /// <summary>
    /// The retention deadline (red line 5): set when the report is closed as not pursued; the
    /// retention job deletes it once passed. Null while it waits or once it is part of a case
    /// (the case's own retention then applies).
    /// </summary>
    public DateTime? RetainUntil { get; private set; }

    public int Version { get; set; }

    /// <summary>Marks the report taken in charge (its case attaches it: <see cref="Case.AttachReport"/>).</summary>
    public DomainError? TakeInCharge(string actorId, DateTime now)
    {
        if (Status != ReportStatus.Received)
        {
            return new ReportNotWaiting();
        }

        Status = ReportStatus.TakenInCharge;
        TakenInChargeAt = now;
        TakenInChargeById = actorId;
        return null;
    }

    /// <summary>Closes a waiting report without follow-up; the reason is required.</summary>
    public DomainError? CloseNotPursued(string? reason, string actorId, DateTime now, TimeSpan retention)
    {
        if (Status != ReportStatus.Received)
        {
            return new ReportNotWaiting();
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new ReportReasonRequired();
        }

        if (reason.Trim().Length > MaxClosingReasonLength)
        {
            return new ReportReasonTooLong(MaxClosingReasonLength);
        }

        Status = ReportStatus.NotPursued;
        ClosedAt = now;
        ClosedById = actorId;
        ClosedReason = reason.Trim();
        RetainUntil = now + retention;
        return null;
    }

    public PartialDate? ReportedDateOfBirth => PartialDate.FromParts(ReportedBirthYear, ReportedBirthMonth, ReportedBirthDay);

    public IReadOnlyList<string> BehaviourCodes =>
        Behaviours.Length == 0 ? [] : Behaviours.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A receipt number a caller can quote: SIG-year-8 characters without look-alikes (0/O, 1/I).</summary>
    public static string NewReceipt(DateTime now) => Receipts.New("SIG", now);
}
