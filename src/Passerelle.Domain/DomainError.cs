namespace Passerelle.Domain;

/// <summary>An expected failure of a business rule; <see cref="Code"/> is a stable key the UI translates.</summary>
public abstract record DomainError(string Code);

public sealed record InvalidTransition(CaseStatus From, CaseStatus To) : DomainError("case.invalid-transition");

public sealed record ReasonRequired() : DomainError("case.reason-required");

public sealed record ReasonTooLong(int Max) : DomainError("case.reason-too-long");

/// <summary>A report that already left the triage queue (taken in charge or closed) cannot be handled again.</summary>
public sealed record ReportNotWaiting() : DomainError("report.not-waiting");

public sealed record ReportReasonRequired() : DomainError("report.reason-required");

public sealed record ReportReasonTooLong(int Max) : DomainError("report.reason-too-long");
