using Passerelle.Domain;
using Passerelle.Web.Localization;

namespace Passerelle.Web.Features.Panel.Decisions;

/// <summary>Labels and messages of decisions in the current language (keys in Localization/Texts.Decisions.cs).</summary>
internal static class DecisionLabels
{
    public static string Type(DecisionType type) => Texts.Get("decision.type." + type);

    public static string Reason(ClosureReason reason) => Texts.Get("decision.reason." + reason);

    public static string Status(DecisionStatus status) => Texts.Get("decision.status." + status);

    /// <summary>A service code of <see cref="PanelServices"/> shows its label; a service named in free text shows as written.</summary>
    public static string Service(string? value) =>
        value is null ? Texts.Get("common.none") : PanelServices.IsKnown(value) ? Texts.Get("panel.service." + value) : value;

    /// <summary>The message of a refusal, with its limit when it has one.</summary>
    public static string Message(DomainError error) => error switch
    {
        RationaleTooLong e => Texts.Format(error.Code, e.Max),
        ClosureReasonDetailTooLong e => Texts.Format(error.Code, e.Max),
        NextReviewTooFar e => Texts.Format(error.Code, e.Months),
        FollowingServiceTooLong e => Texts.Format(error.Code, e.Max),
        ApprovalNoteTooLong e => Texts.Format(error.Code, e.Max),
        _ => Texts.Get(error.Code),
    };
}
