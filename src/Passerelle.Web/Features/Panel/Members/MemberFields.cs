namespace Passerelle.Web.Features.Panel.Members;

/// <summary>What the member form partial needs: the input and, when the actor has several départements, the choice.</summary>
internal sealed record MemberFields(MemberInput Input, IReadOnlyList<string>? Territories);
